"""Hashed, expiring API tokens: what a stolen table, an old token and the owner's page do."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from conflictwatch.core.models import ApiToken
from conflictwatch.core.tokens import token_issue
from tests.claims.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE = "/accounts/tokens/"
WRITE = "/api/v1/claims/confirm/"


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_table_holds_no_usable_token():
    _stored, token = token_issue(user=UserFactory())
    row = ApiToken.objects.values().get()
    assert token not in {str(v) for v in row.values()}
    # Whatever a copy of the table holds, no column of it (nor the digest cut to a token's
    # length) opens the API: the digest is a hash, the key only its first characters.
    copies = {str(v) for v in row.values() if v is not None} | {row["digest"][:64]}
    for copied in copies:
        assert with_token(copied).get("/api/v1/claims/").status_code == 401, copied
    assert with_token(token).get("/api/v1/claims/").status_code == 200


def test_an_expired_token_gets_401_with_a_token_challenge():
    stored, token = token_issue(user=UserFactory(), ttl_days=1)
    ApiToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = with_token(token).get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_records_when_it_was_last_used():
    stored, token = token_issue(user=UserFactory())
    assert stored.last_used_at is None
    with_token(token).get("/api/v1/claims/")
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    with_token(token).get("/api/v1/claims/")
    # Within a minute the row is not written again.
    assert ApiToken.objects.get().last_used_at == first


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token a b",
        "Token " + "f" * 5000,
        "Token ключ-токена",
        "Token <script>alert(1)</script>",
        "Token \u0000",
    ],
)
def test_malformed_tokens_are_refused_without_error(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401, response.content


def test_the_tokens_page_issues_a_token_once_and_revokes_it(client):
    user = UserFactory(username="desk")
    client.force_login(user)
    response = client.post(PAGE, {"issue": "1", "name": "Newsroom dashboard"})
    token = response.context["new_token"]
    assert token in response.content.decode()
    assert with_token(token).get("/api/v1/claims/").status_code == 200
    listing = client.get(PAGE).content.decode()
    assert "Newsroom dashboard" in listing and token not in listing
    key = ApiToken.objects.get().token_key
    response = client.post(PAGE, {"revoke": "1", "token": key}, follow=True)
    assert "revoked" in response.content.decode()
    assert with_token(token).get("/api/v1/claims/").status_code == 401


@pytest.mark.parametrize(
    ("name", "ok"),
    [("", True), ("Стрічка новин, Київ", True), ("<b>x</b>", True), ("x" * 101, False)],
)
def test_the_tokens_page_takes_any_reasonable_name(client, name, ok):
    client.force_login(UserFactory())
    response = client.post(PAGE, {"issue": "1", "name": name})
    assert (response.status_code == 200) is ok
    assert ApiToken.objects.count() == (1 if ok else 0)
    assert "<b>x</b>" not in response.content.decode()


def test_nobody_revokes_or_sees_another_users_token(client):
    _stored, token = token_issue(user=UserFactory(username="owner"), name="owner's")
    client.force_login(UserFactory(username="intruder"))
    assert "owner&#x27;s" not in client.get(PAGE).content.decode()
    client.post(PAGE, {"revoke": "1", "token": ApiToken.objects.get().token_key})
    assert with_token(token).get("/api/v1/claims/").status_code == 200


def test_the_tokens_page_needs_a_login_and_csrf(client):
    assert client.get(PAGE).status_code == 302
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(UserFactory())
    assert forged.post(PAGE, {"issue": "1"}).status_code == 403
    assert not ApiToken.objects.exists()
