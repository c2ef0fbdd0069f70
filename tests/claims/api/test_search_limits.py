"""Search can't be used to hog workers: too-short queries are refused, and an API read
that runs too long on PostgreSQL is cancelled (503) instead of holding its worker."""

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import path
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.test import APIClient

from tests.claims.factories import SettlementAliasFactory
from tests.problems import errors_of

pytestmark = pytest.mark.django_db
SETTLEMENTS = "/api/v1/settlements/"


@pytest.mark.parametrize("q", ["a", "to", " t ", "Т", "ab"])
def test_a_one_or_two_letter_search_is_400_naming_q(q):
    response = APIClient().get(SETTLEMENTS, {"q": q})
    assert response.status_code == 400
    assert "at least 3 letters" in errors_of(response, "q")[0]


@pytest.mark.parametrize("q", ["", "tor", "Дзе", "x" * 200, "%%%_", "'; select 1; --"])
def test_longer_searches_and_no_search_still_work(q):
    SettlementAliasFactory(name="Dzerzhinsk", settlement__name="Toretsk")
    assert APIClient().get(SETTLEMENTS, {"q": q}).status_code == 200


def test_a_huge_search_is_400():
    assert APIClient().get(SETTLEMENTS, {"q": "x" * 5000}).status_code == 400


def test_the_page_says_why_a_short_search_finds_nothing(client):
    SettlementAliasFactory(name="Dzerzhinsk", settlement__name="Toretsk")
    response = client.get("/settlements/", {"q": "to"})
    assert response.status_code == 200
    assert "at least 3 letters" in response.content.decode()
    assert list(response.context["settlements"]) == []


@api_view(["GET", "POST"])
def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.5)")
    return Response({"slept": True})


urlpatterns = [path("api/v1/slow/", slow)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL statement_timeout")
@override_settings(ROOT_URLCONF=__name__, API_READ_STATEMENT_TIMEOUT_MS=50)
def test_a_slow_api_read_is_cancelled_with_503_and_the_connection_is_reset():
    # In the test's transaction a cancelled statement aborts it: the request runs in a
    # savepoint rolled back afterwards (real requests run in autocommit).
    with transaction.atomic():
        response = APIClient().get("/api/v1/slow/")
        transaction.set_rollback(True)
    assert response.status_code == 503
    assert response.json()["code"] == "query_timeout" and response["Retry-After"] == "30"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL statement_timeout")
@override_settings(ROOT_URLCONF=__name__, API_READ_STATEMENT_TIMEOUT_MS=50)
def test_writes_are_not_cut_off():
    client = APIClient()
    client.force_authenticate(None)
    response = client.post("/api/v1/slow/", {}, format="json")
    assert response.status_code in (200, 403)
    assert response.status_code != 503
