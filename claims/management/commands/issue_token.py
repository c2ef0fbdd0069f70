"""Issue an API token for a user in a role; the token alone goes to stdout (for scripts).

Tokens are stored hashed (conflictwatch.core.tokens) and expire; a user may hold several.
`--rotate` revokes the user's other tokens once the new one exists."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.roles import roles_ensure
from conflictwatch.core.tokens import token_issue, tokens_revoke_all

ROLES = ("editor", "analyst")


class Command(BaseCommand):
    help = (
        "Create the user if needed, make the role their only role group, and print a new API "
        "token. With --rotate, the user's previous tokens stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--days", type=int, default=None, help="lifetime (default: setting)")
        parser.add_argument("--rotate", action="store_true", help="revoke the user's other tokens")

    def handle(self, *args, username: str, role: str, name: str, days, rotate: bool, **options):
        username = username.strip()
        user_model = get_user_model()
        field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        # Django's usernames have 150; a custom user model's field may leave it unset.
        max_length = getattr(field, "max_length", None) or 150
        if not username or len(username) > max_length:
            raise CommandError(f"Give a username of 1 to {max_length} characters.")
        with transaction.atomic():
            roles_ensure()
            lookup = {user_model.USERNAME_FIELD: username}
            user, created = user_model.objects.get_or_create(defaults=None, **lookup)
            if created:
                # Token-only accounts: no password login until an operator sets one.
                user.set_unusable_password()
                user.save()
            # One role per account: issuing an analyst token to an editor demotes them.
            user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
            user.groups.add(Group.objects.get(name=role))
            try:
                stored, token = token_issue(user=user, name=name, ttl_days=days)
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            if rotate:
                # A leaked token dies with this command.
                revoked = tokens_revoke_all(user=user, keep=stored)
                self.stderr.write(f"revoked {revoked} previous token(s)")
        if created:
            self.stderr.write(f"created user {username}")
        self.stdout.write(token)
