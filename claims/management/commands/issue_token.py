"""Issue an API token for a user in a role; the token alone goes to stdout (for scripts)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from claims.services import roles_ensure

ROLES = ("editor", "analyst")


class Command(BaseCommand):
    help = (
        "Create the user if needed, make the role their only role group, and print a new API "
        "token (any previous token of theirs stops working)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=ROLES)

    def handle(self, *args, username: str, role: str, **options):
        username = username.strip()
        user_model = get_user_model()
        max_length = user_model._meta.get_field(user_model.USERNAME_FIELD).max_length
        if not username or len(username) > max_length:
            raise CommandError(f"Give a username of 1 to {max_length} characters.")
        with transaction.atomic():
            roles_ensure()
            lookup = {user_model.USERNAME_FIELD: username}
            user, created = user_model.objects.get_or_create(**lookup)
            if created:
                # Token-only accounts: no password login until an operator sets one.
                user.set_unusable_password()
                user.save()
            # One role per account: issuing an analyst token to an editor demotes them.
            user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
            user.groups.add(Group.objects.get(name=role))
            # Rotation: the old token is deleted, so a leaked one dies with this command.
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
        if created:
            self.stderr.write(f"created user {username}")
        self.stdout.write(token.key)
