"""Reads from a read replica, writes and read-your-writes on the primary.

The replica here is a second, separate PostgreSQL test database (settings: the `replica`
alias under test), holding what a lagging replica would: an older copy of a row, or no
copy of a row just written. Which answer a request gets shows where it read."""

import pytest
from django.db import connections, router
from django.http import JsonResponse
from django.test import override_settings
from django.urls import path
from rest_framework.test import APIClient

from claims.models import Review
from claims.vocabulary import ReviewVerdict
from conflictwatch.core.replicas import REPLICA, STICKY_COOKIE, reading_from_replica
from gazetteer.models import Settlement
from sources.models import Outlet
from tests.claims.factories import ClaimFactory, SettlementFactory

pytestmark = [
    pytest.mark.skipif(REPLICA not in connections.databases, reason="needs PostgreSQL"),
    pytest.mark.django_db(databases=["default", REPLICA]),
]


def write_then_read(request):
    """A GET that writes and then reads what it wrote, as a view may (a first visit
    creating a row): the read must not go to a replica that does not have it yet."""
    before = reading_from_replica()
    Outlet.objects.create(name=request.GET["name"])
    found = Outlet.objects.filter(name=request.GET["name"]).exists()
    return JsonResponse({"replica_before": before, "found": found, "after": reading_from_replica()})


def timeout_here(request):
    alias = router.db_for_read(Settlement)
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return JsonResponse({"alias": alias, "timeout": cursor.fetchone()[0]})


urlpatterns = [
    path("write-then-read/", write_then_read),
    path("api/v1/timeout-here/", timeout_here),
]


@pytest.fixture
def routed(settings):
    settings.DATABASE_ROUTERS = ["conflictwatch.core.replicas.ReplicaRouter"]


@pytest.fixture
def lagging():
    """Toretsk on the primary, and the replica's older copy of it under its old name."""
    toretsk = SettlementFactory(name="Toretsk")
    copy = Settlement.objects.get(pk=toretsk.pk)
    copy.name = "Dzerzhinsk"
    copy.save(using=REPLICA, force_insert=True)
    return toretsk


def name_read(client, settlement) -> str:
    response = client.get(f"/api/v1/settlements/{settlement.id}/")
    assert response.status_code == 200, response.content
    return response.json()["name"]


def test_a_read_request_reads_from_the_replica(routed, lagging):
    assert name_read(APIClient(), lagging) == "Dzerzhinsk"


def test_without_the_router_everything_reads_the_primary(lagging):
    assert name_read(APIClient(), lagging) == "Toretsk"


def test_a_write_request_reads_and_writes_on_the_primary(routed, editor):
    claim = ClaimFactory()  # on the primary only: the replica has not caught up
    client = APIClient()
    client.force_authenticate(editor)
    response = client.post(
        f"/api/v1/claims/{claim.id}/reviews/", {"verdict": ReviewVerdict.CONFIRM}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Review.objects.using("default").filter(claim=claim).count() == 1
    assert not Review.objects.using(REPLICA).exists()
    assert response.cookies[STICKY_COOKIE]["max-age"] == 10


def test_after_a_write_the_same_client_reads_the_primary_for_a_while(routed, editor, lagging):
    client = APIClient()
    client.force_authenticate(editor)
    assert name_read(client, lagging) == "Dzerzhinsk"
    claim = ClaimFactory()
    client.post(f"/api/v1/claims/{claim.id}/reviews/", {"verdict": "confirm"}, format="json")
    assert name_read(client, lagging) == "Toretsk"  # the cookie: what it wrote is visible
    client.cookies.pop(STICKY_COOKIE)
    assert name_read(client, lagging) == "Dzerzhinsk"


@override_settings(ROOT_URLCONF=__name__)
def test_reads_after_a_write_in_the_same_request_go_to_the_primary(routed):
    body = APIClient().get("/write-then-read/", {"name": "Радіо Свобода"}).json()
    assert body == {"replica_before": True, "found": True, "after": False}
    assert Outlet.objects.using("default").filter(name="Радіо Свобода").exists()
    assert not Outlet.objects.using(REPLICA).exists()


def test_outside_a_request_everything_uses_the_primary(routed, lagging):
    # Celery tasks and management commands read what they are about to change.
    assert Settlement.objects.get(pk=lagging.pk).name == "Toretsk"
    assert not reading_from_replica()


def test_a_read_request_that_reads_nothing_the_replica_lacks_sets_no_cookie(routed, lagging):
    response = APIClient().get(f"/api/v1/settlements/{lagging.id}/")
    assert STICKY_COOKIE not in response.cookies


@override_settings(ROOT_URLCONF=__name__, API_READ_STATEMENT_TIMEOUT_MS=1234)
def test_the_api_read_timeout_is_set_where_the_request_reads(routed):
    assert APIClient().get("/api/v1/timeout-here/").json() == {
        "alias": REPLICA,
        "timeout": "1234ms",
    }
