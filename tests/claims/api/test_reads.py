"""The read API for settlements and claims: search, filters, pagination, query counts, and
the OpenAPI schema and docs served without a CDN."""

import factory
import pytest
from django.core.management import call_command

from claims.vocabulary import ClaimKind, ClaimStatus, SettlementState
from gazetteer.models import SettlementAlias
from tests.claims.factories import (
    ActorFactory,
    ClaimFactory,
    SettlementAliasFactory,
    SettlementFactory,
    SideFactory,
    UserFactory,
)
from tests.problems import named

pytestmark = pytest.mark.django_db

SETTLEMENTS = "/api/v1/settlements/"
CLAIMS = "/api/v1/claims/"


@pytest.fixture
def toretsk():
    settlement = SettlementFactory(name="Toretsk")
    SettlementAliasFactory(
        settlement=settlement,
        name="Dzerzhinsk",
        kind=SettlementAlias.Kind.PARTY_NAME,
        language="ru",
        side=SideFactory(key="russia"),
    )
    return settlement


def test_settlement_search_finds_toretsk_by_russian_name(api_client, toretsk):
    response = api_client.get(SETTLEMENTS, {"q": "dzerzhinsk"})
    assert response.status_code == 200
    [hit] = response.json()["results"]
    assert hit["id"] == toretsk.id
    assert hit["name"] == "Toretsk"
    assert hit["claim_count"] == 0
    assert hit["url"].endswith(f"/api/v1/settlements/{toretsk.id}/")
    assert set(hit) == {
        "id", "name", "country", "region", "latitude", "longitude",
        "population", "source", "claim_count", "status", "url",
    }  # fmt: skip
    assert hit["status"] == {
        "state": SettlementState.UNKNOWN,
        "side": None,
        "since": None,
        "flags": [],
    }


def test_settlement_list_is_paginated_with_count_and_next(api_client):
    SettlementFactory.create_batch(51, name=factory.Sequence(lambda n: f"Novo {n}"))
    body = api_client.get(SETTLEMENTS, {"q": "novo"}).json()
    assert body["count"] == 51
    assert len(body["results"]) == 50
    assert body["previous"] is None
    assert "page=2" in body["next"]
    assert len(api_client.get(body["next"]).json()["results"]) == 1


def test_settlement_list_filters_by_country_and_conflict(api_client):
    claim = ClaimFactory(settlement__country="UA")
    ClaimFactory(settlement__country="SD")
    body = api_client.get(SETTLEMENTS, {"country": "ua"}).json()
    assert [s["id"] for s in body["results"]] == [claim.settlement_id]
    body = api_client.get(SETTLEMENTS, {"conflict": claim.conflict.key}).json()
    assert [s["id"] for s in body["results"]] == [claim.settlement_id]


def test_settlement_list_rejects_a_bad_country(api_client):
    response = api_client.get(SETTLEMENTS, {"country": "Ukraine"})
    assert response.status_code == 400
    assert "country" in named(response)


def test_settlement_detail_includes_aliases_with_side_key(api_client, toretsk):
    ClaimFactory(settlement=toretsk)
    body = api_client.get(f"{SETTLEMENTS}{toretsk.id}/").json()
    assert body["claim_count"] == 1
    assert body["aliases"] == [
        {"name": "Dzerzhinsk", "kind": "party-name", "language": "ru", "side": "russia"}
    ]


def test_settlement_detail_of_an_unknown_settlement_is_404(api_client):
    assert api_client.get(f"{SETTLEMENTS}987654/").status_code == 404


def test_settlement_list_query_count_does_not_grow_with_rows(
    api_client, django_assert_max_num_queries
):
    for _ in range(20):
        ClaimFactory()
    with django_assert_max_num_queries(2):
        body = api_client.get(SETTLEMENTS).json()
    assert body["count"] == 20


def test_claim_shows_claimant_settlement_and_article(api_client):
    actor = ActorFactory(key="russia-mod", name="Russian Ministry of Defence")
    claim = ClaimFactory(claimant=actor, settlement__name="Toretsk")
    body = api_client.get(f"{CLAIMS}{claim.id}/").json()
    assert body["claimant"] == {"key": "russia-mod", "name": "Russian Ministry of Defence"}
    assert body["settlement"] == {"id": claim.settlement_id, "name": "Toretsk"}
    assert body["article"] == claim.article_id
    assert body["article_url"].endswith(f"/api/v1/articles/{claim.article_id}/")
    assert body["side"] == "russia"
    assert body["evidence"] == "Russia said its forces had seized Toretsk."
    assert claim.article.text[body["evidence_start"] : body["evidence_end"]] == body["evidence"]
    assert body["stated_on"] == claim.stated_on.isoformat()
    assert body["event_date"] is None
    assert body["status"] == ClaimStatus.UNVERIFIED


def test_contested_claim_has_null_side_and_claimant(api_client):
    claim = ClaimFactory(kind=ClaimKind.CONTESTED, side="", claimant=None)
    body = api_client.get(f"{CLAIMS}{claim.id}/").json()
    assert body["side"] is None
    assert body["claimant"] is None


def test_claims_filter_by_settlement_kind_status_and_side(api_client):
    wanted = ClaimFactory(kind=ClaimKind.DENIAL, claimant_side="ukraine")
    ClaimFactory(settlement=wanted.settlement)
    ClaimFactory(status=ClaimStatus.CONFIRMED)
    params = {
        "settlement": wanted.settlement_id,
        "kind": ClaimKind.DENIAL,
        "claimant_side": "ukraine",
    }
    body = api_client.get(CLAIMS, params).json()
    assert [c["id"] for c in body["results"]] == [wanted.id]
    body = api_client.get(CLAIMS, {"status": ClaimStatus.CONFIRMED}).json()
    assert body["count"] == 1
    body = api_client.get(CLAIMS, {"article": wanted.article_id}).json()
    assert [c["id"] for c in body["results"]] == [wanted.id]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"settlement": "abc"}, "settlement"),
        ({"article": "-1"}, "article"),
        ({"status": "maybe"}, "status"),
        ({"kind": "capture'--"}, "kind"),
        ({"conflict": "no spaces"}, "conflict"),
    ],
)
def test_bad_claim_filters_are_400_with_the_parameter_named(api_client, params, field):
    response = api_client.get(CLAIMS, params)
    assert response.status_code == 400
    assert field in named(response)


def test_claim_list_query_count_does_not_grow_with_rows(api_client, django_assert_max_num_queries):
    for _ in range(20):
        ClaimFactory(claimant=ActorFactory())
    with django_assert_max_num_queries(2):
        body = api_client.get(CLAIMS).json()
    assert body["count"] == 20


def test_claims_are_read_only_even_for_a_superuser(api_client):
    api_client.force_authenticate(UserFactory(is_superuser=True))
    assert api_client.post(CLAIMS, {}, format="json").status_code == 405


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/claims/" in out.read_text()


def test_api_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in body
    assert "cdn.jsdelivr" not in body and "unpkg.com" not in body
