"""API rate limits, per client: a token by its own bucket, a logged-in user by account, an
anonymous client by address; writes and failed authentications have their own, lower
rates. Rates are settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], from THROTTLE_*
variables). A refused request is 429 with Retry-After (DRF's exception handler)."""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.exceptions import Throttled
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from conflictwatch.core.models import ApiToken


def client_key(request, throttle: SimpleRateThrottle) -> tuple[str, str]:
    """(scope of the client's rate, the client's bucket)."""
    if isinstance(request.auth, ApiToken):
        return "token", f"token:{request.auth.token_key}"
    if request.user and request.user.is_authenticated:
        return "user", f"user:{request.user.pk}"
    return "anon", f"anon:{throttle.get_ident(request)}"


class SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings when used, not when DRF was imported (DRF's own
    classes keep the rates of import time), so an operator's or a test's rates apply."""

    # Set from the rate by SimpleRateThrottle (DRF's stubs leave them out); None: no limit.
    num_requests: int | None
    duration: int | None

    def get_rate(self):
        if self.scope is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no scope.")
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class ClientRateThrottle(SettingsRateThrottle):
    """Every request, at the rate of the client's kind."""

    scope = "anon"

    def allow_request(self, request, view):
        self.scope, self.ident = client_key(request, self)
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


class WriteRateThrottle(SettingsRateThrottle):
    """Writes (any unsafe method) count once more, against the lower `write` rate."""

    scope = "write"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_key(request, self)[1]}


class AuthFailureThrottle(SettingsRateThrottle):
    """Counts refused tokens per address; past the rate, even a good token from that
    address waits, so guessing tokens is as slow as the rate."""

    scope = "auth-failure"

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def check(self, request) -> None:
        """Refuse with 429 if this address is over its failure rate."""
        if self.num_requests is None or self.duration is None:
            return  # a rate of None means no limit, as in DRF's own throttles
        key = self.get_cache_key(request)
        self.key, self.history, self.now = key, self.cache.get(key, []), self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            raise Throttled(wait=self.wait())

    def record(self, request) -> None:
        self.check(request)
        self.throttle_success()
