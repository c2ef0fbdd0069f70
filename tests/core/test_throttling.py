"""Rate limits: past the configured rate a client gets 429 with Retry-After, per token,
per user and per address, with lower rates for writes and for failed authentication.
Small rates are set per test; counts are kept in the configured cache (Redis here, as in
production with several processes)."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from conflictwatch.core.tokens import token_issue
from tests.claims.factories import UserFactory

pytestmark = pytest.mark.django_db
READ = "/api/v1/claims/"
WRITE = "/api/v1/claims/confirm/"
REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "KEY_PREFIX": "trust-tests",
    }
}


def rates(**changed):
    roomy = {"anon": "1000/minute", "user": "1000/minute", "token": "1000/minute",
             "write": "1000/minute", "auth-failure": "1000/minute"}  # fmt: skip
    roomy.update({k.replace("_", "-"): v for k, v in changed.items()})
    return override_settings(
        CACHES=REDIS_CACHE,
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": roomy},
    )


@pytest.fixture(autouse=True)
def fresh_counts():
    with override_settings(CACHES=REDIS_CACHE):
        cache.clear()
    yield


def statuses(client, n: int, url: str = READ, method: str = "get", **kwargs) -> list[int]:
    return [getattr(client, method)(url, **kwargs).status_code for _ in range(n)]


def test_anonymous_reads_past_the_rate_get_429_with_retry_after():
    with rates(anon="5/minute"):
        client = APIClient()
        assert statuses(client, 5) == [200] * 5
        response = client.get(READ)
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        # Another address has its own count.
        assert APIClient(REMOTE_ADDR="10.0.0.2").get(READ).status_code == 200


def test_a_forged_forwarded_for_header_does_not_open_a_new_count():
    with rates(anon="3/minute"):
        codes = [
            APIClient(HTTP_X_FORWARDED_FOR=f"10.9.9.{i}").get(READ).status_code for i in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]


def test_each_token_and_each_user_has_its_own_count():
    with rates(token="3/minute", user="4/minute"):
        user = UserFactory()
        first, second = APIClient(), APIClient()
        first.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
        second.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
        assert statuses(first, 4) == [200, 200, 200, 429]
        assert statuses(second, 1) == [200]
        session = APIClient()
        session.force_login(user)
        assert statuses(session, 5) == [200] * 4 + [429]


def test_writes_have_a_lower_rate_than_reads(editor):
    with rates(write="2/minute"):
        client = APIClient()
        client.force_login(editor)
        codes = statuses(client, 3, WRITE, "post", data={"claims": []}, format="json")
        assert codes[:2] != [429, 429] and codes[2] == 429
        assert client.get(READ).status_code == 200


def test_bad_tokens_past_the_failure_rate_get_429_even_with_a_good_one():
    with rates(auth_failure="3/minute"):
        guesser = APIClient()
        guesser.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)
        assert statuses(guesser, 4) == [401, 401, 401, 429]
        good = APIClient()
        good.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=UserFactory())[1]}")
        response = good.get(READ)
        assert response.status_code == 429 and "Retry-After" in response
