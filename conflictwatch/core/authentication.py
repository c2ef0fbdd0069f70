"""Token authentication: django-rest-knox's hashed tokens, with the last-used time kept
and failed attempts throttled per address."""

import datetime as dt
import re

from django.db.models import Q
from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.authentication import get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from conflictwatch.core.models import ApiToken
from conflictwatch.core.throttling import AuthFailureThrottle

# A busy client would otherwise write its token's row on every request.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)
TOKEN_MAX_CHARS = 200
_TOKEN_CHARS = re.compile(rb"[\x21-\x7e]+")


class TokenRejected(AuthenticationFailed):
    """A token that is wrong, expired or revoked: 401 with a Token challenge, even though
    the session class comes first (conflictwatch.core.api.exception_handler)."""

    # The challenge DRF's handler sends as WWW-Authenticate, set by the exception handler.
    auth_header: str | None = None


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        if not get_authorization_header(request):
            return None
        throttle = AuthFailureThrottle()
        throttle.check(request)
        try:
            result = super().authenticate(request)
        except AuthenticationFailed as exc:
            throttle.record(request)
            raise TokenRejected(exc.detail) from exc
        if result is not None:
            _touch(result[1])
        return result

    def authenticate_credentials(self, token: bytes):
        # Knox looks up whatever it is given; anything a token can't be (too long, not
        # printable ASCII, a NUL PostgreSQL refuses in a query) is refused before that.
        if len(token) > TOKEN_MAX_CHARS or not _TOKEN_CHARS.fullmatch(token):
            raise AuthenticationFailed("Invalid token.")
        return super().authenticate_credentials(token)


def _touch(token: ApiToken) -> None:
    """Record when the token was last used, at most once a minute (a conditional UPDATE,
    so concurrent requests write once)."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_GRANULARITY:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_GRANULARITY)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
