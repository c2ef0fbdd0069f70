"""The claims list's count: PostgreSQL's estimate unfiltered on a large table, else exact."""

import pytest
from django.db import connection

from claims.vocabulary import ClaimKind
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/claims/"


def analyze_claims() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")


def test_a_large_unfiltered_list_reports_the_planners_estimate(api_client, settings):
    ClaimFactory.create_batch(3)
    analyze_claims()
    settings.ESTIMATED_COUNT_FROM = 1
    body = api_client.get(CLAIMS).json()
    assert body["count"] == 3  # ANALYZE just counted them: the estimate is exact here
    assert len(body["results"]) == 3


def test_a_filtered_list_counts_exactly(api_client, settings):
    ClaimFactory.create_batch(2)
    ClaimFactory(kind=ClaimKind.ADVANCE)
    analyze_claims()
    settings.ESTIMATED_COUNT_FROM = 1
    assert api_client.get(CLAIMS, {"kind": "advance"}).json()["count"] == 1


def test_a_small_table_counts_exactly(api_client):
    ClaimFactory.create_batch(2)
    analyze_claims()
    assert api_client.get(CLAIMS).json()["count"] == 2
