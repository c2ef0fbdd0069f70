"""Login lock-out (django-axes): too many wrong passwords lock the account, and the
address, even for the right password; the lock-out is logged."""

import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings

from tests.claims.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN, ADMIN_LOGIN = "/accounts/login/", "/admin/login/"
RIGHT = "correct horse battery staple"


def attempt(client, username: str, password: str, url: str = LOGIN) -> int:
    return client.post(url, {"username": username, "password": password}).status_code


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_account_locks_after_the_configured_failures(caplog):
    UserFactory(username="desk")
    with caplog.at_level(logging.WARNING, logger="axes"):
        assert [attempt(Client(), "desk", "wrong") for _ in range(2)] == [200, 200]
        assert attempt(Client(), "desk", "wrong") == 429
    assert "locked out" in caplog.text.lower() or "lock" in caplog.text.lower()
    # The right password, from a fresh client and another address, still does not open it.
    response = Client(REMOTE_ADDR="10.1.1.1").post(LOGIN, {"username": "desk", "password": RIGHT})
    assert response.status_code == 429 and "_auth_user_id" not in response.client.session
    assert "Too many failed logins" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_address_trying_many_accounts_is_locked_too():
    UserFactory(username="desk")
    client = Client(REMOTE_ADDR="10.2.2.2")
    codes = [attempt(client, f"user{i}", "wrong") for i in range(3)]
    assert codes[-1] == 429
    assert attempt(client, "desk", RIGHT) == 429
    assert attempt(Client(REMOTE_ADDR="10.3.3.3"), "desk", RIGHT) == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_admin_login_is_limited_as_well():
    UserFactory(username="root", is_staff=True, is_superuser=True)
    codes = [attempt(Client(), "root", "wrong", ADMIN_LOGIN) for _ in range(3)]
    assert codes[-1] == 429
    assert AccessAttempt.objects.filter(username="root").exists()


@pytest.mark.parametrize(
    "username", ["", "x" * 5000, "редактор", "' OR 1=1 --", "<script>alert(1)</script>"]
)
def test_odd_usernames_fail_as_ordinary_wrong_logins(username):
    response = Client().post(LOGIN, {"username": username, "password": "wrong"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_right_password_under_the_limit_logs_in():
    UserFactory(username="desk")
    client = Client()
    attempt(client, "desk", "wrong")
    assert attempt(client, "desk", RIGHT) == 302
