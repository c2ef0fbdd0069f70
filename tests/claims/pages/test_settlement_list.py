"""The settlements page: status columns, filters, sort, and what a search matched."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import SettlementStatus
from claims.vocabulary import ClaimKind
from tests.claims.factories import ClaimFactory, SettlementFactory, article_on, extract, found

pytestmark = pytest.mark.django_db
LIST = reverse("settlement-list")


def names(response) -> list[str]:
    return [s.name for s in response.context["settlements"]]


def test_rows_say_who_holds_each_settlement_since_when_and_in_which_conflict(client, toretsk_story):
    body = client.get(LIST).content.decode()
    assert "Held by <strong>Russia</strong>" in body
    assert "2025-02-08" in body
    assert "Russia–Ukraine war" in body
    assert "30,914" in body and "Donetsk Oblast" in body and "48.397, 37.848" in body
    assert "disputed claims" in body  # Kyiv's waiting denial of Russia's control


def test_a_search_by_a_partys_name_shows_which_alias_matched(client, toretsk_story):
    body = client.get(LIST, {"q": "dzerzh"}).content.decode()
    assert "matched “Dzerzhinsk”" in body
    assert "matched" not in client.get(LIST, {"q": "toretsk"}).content.decode().split("<table")[1]


def test_filters_by_state_side_flag_conflict_country_and_region(client, toretsk_story, war):
    quiet = SettlementFactory(name="Siversk", country="UA", region="Kharkiv Oblast")
    ClaimFactory(settlement=quiet, conflict=war)
    assert names(client.get(LIST, {"state": "controlled"})) == ["Toretsk"]
    assert names(client.get(LIST, {"state": "unknown"})) == ["Siversk"]
    assert names(client.get(LIST, {"side": "russia"})) == ["Toretsk"]
    assert names(client.get(LIST, {"disputed": "true"})) == ["Toretsk"]
    assert names(client.get(LIST, {"disputed": "false"})) == ["Siversk"]
    assert set(names(client.get(LIST, {"conflict": war.key}))) == {"Toretsk", "Siversk"}
    assert names(client.get(LIST, {"country": "ru"})) == []
    assert names(client.get(LIST, {"region": "kharkiv"})) == ["Siversk"]
    today = dt.date.today().isoformat()
    # Siversk's status was last written long ago (its first row, unknown); Toretsk's today.
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    SettlementStatus.objects.filter(settlement=quiet).update(updated_at=long_ago)
    assert names(client.get(LIST, {"changed_since": today})) == ["Toretsk"]
    assert names(client.get(LIST, {"changed_since": "2999-01-01"})) == []


def test_sorts_by_name_and_population(client, war):
    for name, population in [("Bakhmut", 70_000), ("Avdiivka", 30_000), ("Chasiv Yar", None)]:
        ClaimFactory(settlement=SettlementFactory(name=name, population=population), conflict=war)
    assert names(client.get(LIST, {"sort": "name"})) == ["Avdiivka", "Bakhmut", "Chasiv Yar"]
    assert names(client.get(LIST, {"sort": "population"})) == ["Bakhmut", "Avdiivka", "Chasiv Yar"]


def test_filters_keep_the_search_and_page_links_keep_the_filters(client, war):
    for i in range(51):
        ClaimFactory(settlement=SettlementFactory(name=f"Novo {i}"), conflict=war)
    first = client.get(LIST, {"q": "novo", "state": "unknown", "sort": "name"})
    assert len(first.context["settlements"]) == 50
    assert "?q=novo&amp;state=unknown&amp;sort=name&amp;page=2" in first.content.decode()
    far = client.get(LIST, {"q": "novo", "page": "999"})
    assert far.status_code == 200 and len(far.context["settlements"]) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"state": "", "side": "", "disputed": "", "changed_since": "", "region": ""},
        {"state": "conquered", "side": "atlantis", "disputed": "maybe"},
        {"changed_since": "yesterday", "country": "Ukraine", "conflict": "no-such-war"},
        {"region": "x" * 10_000, "q": "y" * 10_000},
        {"region": "<script>alert(1)</script>", "sort": "'; DROP TABLE claims_claim; --"},
        {"changed_since": "0001-01-01", "page": "-1"},
    ],
)
def test_empty_malformed_huge_and_hostile_filters_are_ignored_with_a_message(
    client, toretsk_story, params
):
    response = client.get(LIST, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    if any(v for v in params.values()) and response.context["filter_form"].errors:
        assert "Some filters were not understood and are ignored." in body


def test_non_english_region_and_search(client, war):
    place = SettlementFactory(name="Торецьк", region="Донецька область")
    ClaimFactory(settlement=place, conflict=war)
    assert names(client.get(LIST, {"region": "донецька"})) == ["Торецьк"]
    assert names(client.get(LIST, {"q": "торецьк"})) == ["Торецьк"]


def test_same_named_places_can_be_told_apart(client, war):
    for region, lat in [("Donetsk Oblast", 48.1), ("Dnipropetrovsk Oblast", 47.9)]:
        ClaimFactory(
            settlement=SettlementFactory(name="Pokrovske", region=region, latitude=lat),
            conflict=war,
        )
    body = client.get(LIST, {"q": "pokrovske"}).content.decode()
    assert "Donetsk Oblast" in body and "Dnipropetrovsk Oblast" in body
    assert "48.100" in body and "47.900" in body


def test_a_contested_settlement_says_who_held_it_last(client, war, editor):
    from claims.services import review_add
    from claims.vocabulary import ReviewVerdict

    town = SettlementFactory(name="Chasiv Yar")
    capture, contested = extract(
        article_on(dt.date(2025, 3, 1)),
        war,
        [found(town, ClaimKind.CAPTURE, "russia"), found(town, ClaimKind.CONTESTED, by="ukraine")],
    )
    for claim in (capture, contested):
        review_add(claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
    body = client.get(LIST).content.decode()
    assert 'Contested <span class="muted">(last held by Russia)</span>' in body
