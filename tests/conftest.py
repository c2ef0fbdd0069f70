"""Shared fixtures. Settings are the app's own (PYTEST_VERSION switches on fast hashing);
extraction is queued with transaction.on_commit, which the `db` fixture never runs, so page
and API tests see articles as ingested and build claims with factories."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from tests.claims.factories import UserFactory
from tests.sources.site import site  # noqa: F401  (a local HTTP server fixture)


@pytest.fixture
def user(db):
    """Logged-in material with no permissions at all."""
    return UserFactory(username="reader")


@pytest.fixture
def editor(db):
    """A user who may add articles, review and correct claims (what the `editor` group
    grants)."""
    editor = UserFactory(username="editor")
    granted = [
        ("sources", "add_article"),
        ("sources", "add_feed"),
        ("claims", "add_review"),
        ("claims", "add_correction"),
    ]
    editor.user_permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=code)
            for app, code in granted
        )
    )
    return editor


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def editor_api_client(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The suite's PostgreSQL sessions may TRUNCATE reviews and corrections, which the
    database refuses everywhere else (claims/append_only.py): pytest-django flushes the
    database with TRUNCATE after each transactional test. Production settings never set
    this; tests/claims/test_audit_trail.py shows a session without it refused."""
    from django.conf import settings

    from claims.append_only import ALLOW_TRUNCATE

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c {ALLOW_TRUNCATE}=on".strip()


def pytest_configure(config):
    # WhiteNoise looks for collected static files that tests never collect.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def own_redis():
    """A Redis server of this test's own (tests.realstack), stopped afterwards."""
    from tests.realstack import redis_server

    with redis_server() as server:
        yield server
