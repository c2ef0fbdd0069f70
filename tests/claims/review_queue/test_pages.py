"""The review queue page (what it lists, filters, pages, query counts), the review controls
and history on the settlement page, and the header editors see."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import review_add
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict
from gazetteer.models import Settlement
from sources.models import Article
from tests.claims.factories import ClaimFactory, ConflictFactory, SideFactory
from tests.claims.review_queue.support import QUEUE, UKRAINIAN_NOTE, review_url
from tests.sources.factories import OutletFactory

pytestmark = pytest.mark.django_db


# Session, user, the user's and its groups' permissions; the filter form's conflicts, sides
# and outlets; the page's count and rows; the waiting total, the header's count and the
# side names the cards show.
QUEUE_QUERIES = 12


# What the queue shows


def test_queue_lists_unverified_claims_newest_first(editor_client, conflict):
    older = ClaimFactory(conflict=conflict)
    newer = ClaimFactory(conflict=conflict)
    ClaimFactory(conflict=conflict, status=ClaimStatus.CONFIRMED)
    ClaimFactory(conflict=conflict, status=ClaimStatus.SUPERSEDED)
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    assert list(response.context["claims"]) == [newer, older]


def test_queue_counts_what_is_waiting(editor_client, conflict):
    ClaimFactory.create_batch(3, conflict=conflict)
    ClaimFactory(conflict=conflict, status=ClaimStatus.DISPUTED)
    body = editor_client.get(QUEUE).content.decode()
    assert "<strong>3</strong> claims waiting for review" in body
    assert "Review <span" in body and "(3)</span>" in body


def test_queue_says_when_nothing_is_waiting(editor_client):
    body = editor_client.get(QUEUE).content.decode()
    assert "Nothing waiting for review." in body


def test_queue_works_without_javascript_and_loads_its_script_from_this_site(editor_client, claim):
    body = editor_client.get(QUEUE).content.decode()
    assert f'action="{review_url(claim)}"' in body
    assert 'name="verdict" value="confirm"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert '<script src="/static/js/review.js" defer></script>' in body
    assert "https://" not in body.split("<body>")[0]
    # The key help is shown by the script; without it the keys do nothing.
    assert "data-keys-help hidden" in body


# Filters and pages


@pytest.fixture
def assorted(conflict):
    """Claims that differ in one filterable thing each from `base`."""
    sudan = ConflictFactory(key="sudan", name="Sudan")
    SideFactory(conflict=sudan, key="rsf", name="RSF")
    reuters = OutletFactory(name="Reuters")
    base = ClaimFactory(conflict=conflict, settlement__name="Toretsk", confidence=0.5)
    return {
        "base": base,
        "conflict": ClaimFactory(conflict=sudan, claimant_side="rsf", side="rsf", confidence=0.5),
        "settlement": ClaimFactory(conflict=conflict, settlement__name="Pokrovsk", confidence=0.5),
        "claimant_side": ClaimFactory(
            conflict=conflict, claimant_side="ukraine", side="ukraine", confidence=0.5
        ),
        "kind": ClaimFactory(conflict=conflict, kind=ClaimKind.ADVANCE, confidence=0.5),
        "confidence": ClaimFactory(conflict=conflict, confidence=0.95),
        "outlet": ClaimFactory(conflict=conflict, article__outlet=reuters, confidence=0.5),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"conflict": "sudan"}, "conflict"),
        ({"settlement": "pokr"}, "settlement"),
        ({"claimant_side": "ukraine"}, "claimant_side"),
        ({"kind": ClaimKind.ADVANCE}, "kind"),
        ({"confidence": "0.9"}, "confidence"),
    ],
)
def test_queue_filters(editor_client, assorted, params, expected):
    response = editor_client.get(QUEUE, params)
    assert list(response.context["claims"]) == [assorted[expected]]
    assert "1 matches these filters" in response.content.decode()


def test_queue_filters_by_outlet_and_by_settlement_id(editor_client, assorted):
    outlet = assorted["outlet"].article.outlet
    response = editor_client.get(QUEUE, {"outlet": outlet.id})
    assert list(response.context["claims"]) == [assorted["outlet"]]
    settlement = assorted["settlement"].settlement
    response = editor_client.get(QUEUE, {"settlement": str(settlement.id)})
    assert list(response.context["claims"]) == [assorted["settlement"]]


@pytest.mark.parametrize(
    "params",
    [
        {"confidence": "abc"},
        {"confidence": "7"},
        {"confidence": "NaN"},
        {"confidence": "-Infinity"},
        {"conflict": "no-such-war"},
        {"outlet": "abc"},
        {"outlet": "99999999999999999999999"},
        {"kind": "<script>alert(1)</script>"},
        {"claimant_side": "x" * 5000},
        {"settlement": "x" * 5000},
        {"settlement": "Toretsk\x00"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"unknown": "1"},
    ],
)
def test_queue_survives_junk_filters(editor_client, assorted, params):
    response = editor_client.get(QUEUE, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert len(response.context["claims"]) >= 1


def test_queue_reports_a_filter_it_did_not_understand_and_applies_the_others(
    editor_client, assorted
):
    response = editor_client.get(QUEUE, {"confidence": "abc", "kind": ClaimKind.ADVANCE})
    assert list(response.context["claims"]) == [assorted["kind"]]
    assert "Some filters were not understood" in response.content.decode()


def test_queue_pages_by_25_and_keeps_the_filters(editor_client, conflict):
    ClaimFactory.create_batch(26, conflict=conflict)
    first = editor_client.get(QUEUE, {"kind": ClaimKind.CAPTURE})
    assert len(first.context["claims"]) == 25
    assert "?kind=capture&amp;page=2" in first.content.decode()
    second = editor_client.get(QUEUE, {"kind": ClaimKind.CAPTURE, "page": 2})
    assert len(second.context["claims"]) == 1


def test_queue_page_past_the_end_shows_the_last_page(editor_client, conflict):
    ClaimFactory.create_batch(26, conflict=conflict)
    response = editor_client.get(QUEUE, {"page": 3})
    assert response.context["page_obj"].number == 2


def _day(day: int) -> dt.datetime:
    return dt.datetime(2025, 2, day, 12, tzinfo=dt.UTC)


def _bulk_waiting_claims(*, conflict, count: int, first: int = 0) -> None:
    """`count` waiting claims, written with bulk_create: 100 claims per article."""
    outlet = OutletFactory.create(name="Bulk Wire")
    per_article = 100
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk story {first + n}",
            published=_day(1),
            outlet=outlet,
            text="Officials spoke.\n\nRussia said its forces had seized the town. Kyiv denied it.",
            content_hash=f"bulk-{first + n:059d}",
            status=Article.Status.EXTRACTED,
        )
        for n in range((count + per_article - 1) // per_article)
    )
    stored = Settlement.objects.filter(name__startswith="Bulk town").order_by("id")[:per_article]
    settlements = list(stored) or Settlement.objects.bulk_create(
        Settlement(
            name=f"Bulk town {n}",
            normalized_name=f"bulk town {n}",
            source=Settlement.Source.GEONAMES,
            geonameid=5_000_000 + n,
            country="UA",
        )
        for n in range(per_article)
    )
    start = len("Officials spoke.\n\n")
    evidence = "Russia said its forces had seized the town."
    Claim.objects.bulk_create(
        (
            Claim(
                article=articles[n // per_article],
                conflict=conflict,
                settlement=settlements[n % per_article],
                settlement_mention="the town",
                claimant_name="Russia's defence ministry",
                claimant_side="russia",
                kind=ClaimKind.CAPTURE,
                side="russia",
                evidence=evidence,
                evidence_start=start,
                evidence_end=start + len(evidence),
                stated_on=dt.date(2025, 2, 1),
                confidence=0.8,
                extractor_version="test-1",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def test_queue_query_count_is_the_same_for_30_and_10000_waiting_claims(
    editor_client, conflict, django_assert_num_queries
):
    _bulk_waiting_claims(conflict=conflict, count=30)
    with django_assert_num_queries(QUEUE_QUERIES):
        small = editor_client.get(QUEUE, {"page": 2})
    _bulk_waiting_claims(conflict=conflict, count=9_970, first=1000)
    with django_assert_num_queries(QUEUE_QUERIES):
        large = editor_client.get(QUEUE, {"page": 2})
    assert len(small.context["claims"]) == 5
    assert len(large.context["claims"]) == 25
    assert large.context["waiting_total"] == 10_000
    assert "<strong>10,000</strong> claims waiting" in large.content.decode()


# The settlement page and the header


def test_settlement_page_gives_editors_review_controls_that_come_back_to_it(editor_client, claim):
    page = reverse("settlement-detail", args=[claim.settlement_id])
    body = editor_client.get(page).content.decode()
    assert f'action="{review_url(claim)}"' in body
    assert f'name="next" value="{page}#claim-{claim.id}"' in body
    response = editor_client.post(
        review_url(claim), {"verdict": ReviewVerdict.CONFIRM, "next": f"{page}#claim-{claim.id}"}
    )
    assert response["Location"] == f"{page}#claim-{claim.id}"


def test_settlement_page_has_no_review_controls_for_readers(client, analyst_client, claim):
    page = reverse("settlement-detail", args=[claim.settlement_id])
    for reader in (client, analyst_client):
        body = reader.get(page).content.decode()
        assert "review-add" not in body and f'action="{review_url(claim)}"' not in body
        assert 'href="/review/"' not in body


def test_settlement_page_shows_each_claims_review_history(client, editor, claim):
    review_add(
        claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.DISPUTE, note=UKRAINIAN_NOTE
    )
    review_add(claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
    body = client.get(reverse("settlement-detail", args=[claim.settlement_id])).content.decode()
    assert "History (2)" in body
    assert body.index('class="badge badge-dispute"') < body.index('class="badge badge-confirm"')
    assert UKRAINIAN_NOTE in body and "editor" in body


def test_settlement_page_query_count_does_not_grow_with_reviews(
    editor_client, editor, claim, django_assert_max_num_queries
):
    for _ in range(10):
        other = ClaimFactory(conflict=claim.conflict, settlement=claim.settlement)
        review_add(claim_id=other.id, reviewer=editor, verdict=ReviewVerdict.DISPUTE, note="No.")
    page = reverse("settlement-detail", args=[claim.settlement_id])
    # The reader's page (7) plus the session, the user, its permissions and the header's count.
    with django_assert_max_num_queries(12):
        response = editor_client.get(page)
    assert len(response.context["claims"]) == 11


def test_header_shows_editors_the_review_link_and_who_is_logged_in(editor_client, claim):
    body = editor_client.get(reverse("settlement-list")).content.decode()
    assert '<a class="nav-review" href="/review/">Review' in body
    assert "Signed in as <strong>editor</strong>" in body
    assert 'action="/accounts/logout/"' in body


def test_header_offers_log_in_to_anonymous_visitors(client, db):
    body = client.get(reverse("settlement-list")).content.decode()
    assert "Log in</a>" in body and "Review" not in body


def test_login_page_logs_an_editor_in(client, editor):
    response = client.post(
        reverse("login"),
        {"username": "editor", "password": "correct horse battery staple", "next": QUEUE},
    )
    assert response["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200
