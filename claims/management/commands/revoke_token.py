"""Revoke API tokens: one by its first characters (as the tokens page lists them), or all
of a user's."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.tokens import token_revoke, tokens_revoke_all


class Command(BaseCommand):
    help = "Revoke a user's API token (--token, its first 8+ characters) or all of them (--all)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--token", help="the token, or its first 8 or more characters")
        which.add_argument("--all", action="store_true", help="every token of the user")

    def handle(self, *args, username: str, token: str | None, all: bool, **options):
        user_model = get_user_model()
        user = user_model.objects.filter(**{user_model.USERNAME_FIELD: username.strip()}).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        try:
            if all:
                revoked = tokens_revoke_all(user=user)
            elif token is not None:
                revoked = token_revoke(user=user, token_key=token)
            else:  # argparse asks for one of them; call_command may be given neither
                raise CommandError("Give --token or --all.")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if token is not None and not all and not revoked:
            raise CommandError(f"{username} holds no token starting {token[:8]!r}.")
        self.stdout.write(f"revoked {revoked} token(s) of {username}")
