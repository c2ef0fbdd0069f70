"""API tokens: issuing, listing and revoking a user's tokens (conflictwatch.core.models).

The token itself is shown once, when issued; afterwards only its first characters (knox's
lookup key) identify it. Rotation is issuing a new token, then revoking the old one.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from knox.settings import CONSTANTS, knox_settings

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.models import ApiToken

if TYPE_CHECKING:
    from conflictwatch.core.users import User

NAME_MAX_CHARS = 100
MAX_TOKENS_PER_USER = 20
MAX_TTL_DAYS = 3650


def token_name_check(name: str | None) -> str:
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX_CHARS:
        raise DomainError(
            f"The name is longer than {NAME_MAX_CHARS} characters.", code="too_long", field="name"
        )
    if "\x00" in name:
        raise DomainError("The name contains a null character.", field="name")
    return name


def token_issue(
    *, user: "User", name: str = "", ttl_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the stored row and the token (shown once).

    Expires after `ttl_days`, or the configured API_TOKEN_TTL_DAYS."""
    name = token_name_check(name)
    if ttl_days is not None and not 1 <= ttl_days <= MAX_TTL_DAYS:
        raise DomainError(f"A token lives 1 to {MAX_TTL_DAYS} days.", field="days")
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise DomainError(
            f"You hold {MAX_TOKENS_PER_USER} tokens already; revoke one first.", code="too_many"
        )
    ttl = dt.timedelta(days=ttl_days) if ttl_days else knox_settings.TOKEN_TTL
    return ApiToken.objects.create(user=user, expiry=ttl, name=name)


def token_list(*, user: "User") -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created")


def token_revoke(*, user: "User", token_key: str) -> int:
    """Revoke the user's token whose lookup key starts with `token_key` (at least 8
    characters, as the tokens page shows them); return how many were revoked (0 or 1)."""
    token_key = (token_key or "").strip()
    if len(token_key) < 8:
        raise DomainError("Give at least the first 8 characters of the token.", field="token")
    lookup = token_key[: CONSTANTS.TOKEN_KEY_LENGTH + len(knox_settings.TOKEN_PREFIX)]
    matches = list(token_list(user=user).filter(token_key__startswith=lookup))
    if len(matches) > 1:
        raise DomainError("More than one token starts so; give more characters.", field="token")
    for token in matches:
        token.delete()
    return len(matches)


def tokens_revoke_all(*, user: "User", keep: ApiToken | None = None) -> int:
    tokens = token_list(user=user)
    if keep is not None:
        tokens = tokens.exclude(pk=keep.pk)
    return tokens.delete()[0]
