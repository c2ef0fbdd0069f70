import datetime as dt

import factory
import pytest
from django.db import OperationalError
from django.urls import reverse

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from gazetteer.models import Settlement, SettlementAlias
from tests.claims.factories import (
    ClaimFactory,
    ConflictFactory,
    SettlementAliasFactory,
    SettlementFactory,
    SideFactory,
    article_on,
    extract,
    found,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def toretsk():
    settlement = SettlementFactory(name="Toretsk", population=30_914)
    russia = SideFactory(key="russia", name="Russia")
    SettlementAliasFactory(
        settlement=settlement, name="Dzerzhinsk", kind=SettlementAlias.Kind.PARTY_NAME, side=russia
    )
    SettlementAliasFactory(
        settlement=settlement,
        name="Торецьк",
        kind=SettlementAlias.Kind.OTHER_LANGUAGE,
        language="uk",
    )
    return settlement


def test_root_redirects_to_the_settlement_list(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("settlement-list")


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("conflictwatch.core.views.connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_search_finds_toretsk_by_its_name(client, toretsk):
    response = client.get(reverse("settlement-list"), {"q": "toretsk"})
    assert response.status_code == 200
    assert list(response.context["settlements"]) == [toretsk]


def test_search_finds_toretsk_by_russian_name(client, toretsk):
    response = client.get(reverse("settlement-list"), {"q": "Dzerzhinsk"})
    assert list(response.context["settlements"]) == [toretsk]


def test_search_finds_toretsk_by_ukrainian_name(client, toretsk):
    response = client.get(reverse("settlement-list"), {"q": "Торецьк"})
    assert list(response.context["settlements"]) == [toretsk]
    assert "Торецьк" in response.content.decode()


def test_settlement_list_without_query_shows_only_settlements_with_claims(client, toretsk):
    claimed = ClaimFactory(settlement__name="Pokrovsk").settlement
    response = client.get(reverse("settlement-list"))
    assert list(response.context["settlements"]) == [claimed]
    assert response.context["settlements"][0].claim_count == 1


def test_settlement_list_says_when_there_are_no_claims_yet(client, toretsk):
    response = client.get(reverse("settlement-list"))
    assert "No claims yet" in response.content.decode()


def test_settlement_list_says_when_nothing_matches(client, toretsk):
    response = client.get(reverse("settlement-list"), {"q": "Atlantis"})
    body = response.content.decode()
    assert "No settlement matches “Atlantis”" in body


def test_settlement_list_escapes_the_query(client):
    response = client.get(reverse("settlement-list"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_settlement_list_marks_provisional_settlements(client):
    SettlementFactory(name="Novoselivka", source=Settlement.Source.PROVISIONAL, geonameid=None)
    response = client.get(reverse("settlement-list"), {"q": "novoselivka"})
    assert "badge-provisional" in response.content.decode()


def test_settlement_list_pages_by_fifty_and_keeps_the_query(client):
    SettlementFactory.create_batch(51, name=factory.Sequence(lambda n: f"Novo {n}"))
    first = client.get(reverse("settlement-list"), {"q": "novo"})
    assert len(first.context["settlements"]) == 50
    assert "?q=novo&amp;page=2" in first.content.decode()
    second = client.get(reverse("settlement-list"), {"q": "novo", "page": 2})
    assert len(second.context["settlements"]) == 1


def test_settlement_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    # count, page, the filter form's sides, the side names the rows show
    for _ in range(5):
        ClaimFactory()
    with django_assert_num_queries(4):
        client.get(reverse("settlement-list"))
    for _ in range(20):
        ClaimFactory()
    with django_assert_num_queries(4):
        response = client.get(reverse("settlement-list"))
    assert len(response.context["settlements"]) == 25


def test_settlement_detail_groups_aliases_and_names_the_party(client, toretsk):
    response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    groups = {
        group.label: [a.name for a in group.aliases] for group in response.context["alias_groups"]
    }
    assert groups == {"other language": ["Торецьк"], "a party's name": ["Dzerzhinsk"]}
    body = response.content.decode()
    assert "Dzerzhinsk" in body and "Russia" in body
    assert "48.3972, 37.8475" in body
    assert "30,914" in body


def test_settlement_detail_lists_claims_in_date_order(client, toretsk):
    later = ClaimFactory(settlement=toretsk, article__published=_day(2025, 2, 3))
    earlier = ClaimFactory(
        settlement=toretsk,
        article__published=_day(2025, 1, 28),
        kind=ClaimKind.DENIAL,
        claimant_side="ukraine",
        event_date=dt.date(2025, 1, 27),
    )
    response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    assert response.context["claims"] == [earlier, later]
    body = response.content.decode()
    assert body.index(f'id="claim-{earlier.id}"') < body.index(f'id="claim-{later.id}"')
    assert "2025-01-27" in body


def test_settlement_detail_marks_the_mention_and_escapes_the_evidence(client, toretsk):
    ClaimFactory(
        settlement=toretsk,
        settlement_mention="Dzerzhinsk",
        evidence="Moscow said <b>its</b> forces took Dzerzhinsk.",
    )
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    assert "<mark>Dzerzhinsk</mark>" in body
    assert "&lt;b&gt;its&lt;/b&gt;" in body


def test_settlement_detail_links_each_claim_to_its_evidence_in_the_article(client, toretsk):
    claim = ClaimFactory(settlement=toretsk)
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    assert f"/articles/{claim.article_id}/#evidence-{claim.id}" in body


def test_settlement_detail_says_when_there_are_no_claims(client, toretsk):
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    assert "No claims about Toretsk yet" in body


def test_settlement_detail_of_an_unknown_settlement_is_404(client):
    assert client.get(reverse("settlement-detail", args=[987654])).status_code == 404


def test_settlement_detail_query_count_does_not_grow_with_claims(
    client, toretsk, django_assert_max_num_queries
):
    for _ in range(15):
        ClaimFactory(settlement=toretsk)
    # settlement, aliases, the timeline's rows, a page of claims, their review history,
    # side names, the sides of the settlement's conflicts
    with django_assert_max_num_queries(7):
        response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    assert len(response.context["claims"]) == 15
    for _ in range(60):
        ClaimFactory(settlement=toretsk)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    assert len(response.context["claims"]) == 50


def test_pages_need_no_javascript_and_nothing_from_a_cdn(client, toretsk):
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    assert "<script" not in body
    assert "https://" not in body.split("<body>")[0]


def test_pages_ask_for_login_when_public_read_is_off(client, settings, toretsk):
    settings.PUBLIC_READ = False
    response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _day(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


def test_settlement_page_shows_the_status_now_and_as_of_an_earlier_day(client, editor):
    conflict = ConflictFactory(russia_ukraine=True)
    toretsk = SettlementFactory(name="Toretsk")
    capture, _denial = extract(
        article_on(dt.date(2025, 2, 8)),
        conflict,
        [
            found(toretsk, ClaimKind.CAPTURE, "russia"),
            found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        ],
    )
    review_add(
        claim_id=capture.id,
        reviewer=editor,
        verdict=ReviewVerdict.CONFIRM,
        at=dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC),
    )
    url = reverse("settlement-detail", args=[toretsk.id])

    now = client.get(url).content.decode()
    assert "Held by Russia</strong>, since 2025-02-08" in now
    # the confirmed claim it rests on
    assert f'href="{reverse("settlement-claim", args=[toretsk.id, capture.id])}"' in now

    before = client.get(url, {"as_of": "2025-02-09"}).content.decode()
    assert "Status as of 2025-02-09" in before and "<strong>Unknown</strong>" in before

    junk = client.get(url, {"as_of": "next tuesday<script>"})
    assert junk.status_code == 400
    assert "Give the date as YYYY-MM-DD" in junk.content.decode()
    assert "next tuesday<script>" not in junk.content.decode()
