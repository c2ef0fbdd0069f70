"""The review queue page, the editor's write paths (verdict, bulk confirm, correction) and the
review controls on the settlement page."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from claims.evidence import EVIDENCE, MENTION, TRIGGER, evidence_paragraph, trigger_spans
from claims.models import Claim, Correction, Review, Settlement
from claims.selectors.review_queue import EXCERPT_RADIUS
from claims.services import review_add
from claims.vocabulary import THIRD_PARTY, ClaimKind, ClaimStatus, ReviewVerdict
from sources.models import Article
from tests.claims.factories import (
    ClaimFactory,
    ConflictFactory,
    SettlementFactory,
    SideFactory,
    UserFactory,
)
from tests.sources.factories import OutletFactory

pytestmark = pytest.mark.django_db

QUEUE = "/review/"
BULK = "/review/confirm/"
UKRAINIAN_NOTE = "Торецьк досі під контролем ЗСУ, це підтверджують карти DeepState."
ARABIC_NOTE = "لم تسيطر قوات الدعم السريع على المدينة بعد، وفق شهود عيان."
# Session, user, the user's and its groups' permissions; the filter form's conflicts, sides
# and outlets; the page's count and rows; the waiting total and the header's count.
QUEUE_QUERIES = 11


def review_url(claim: Claim) -> str:
    return reverse("review-add", args=[claim.id])


def correct_url(claim: Claim) -> str:
    return reverse("claim-correct", args=[claim.id])


@pytest.fixture
def conflict():
    conflict = ConflictFactory(key="russia-ukraine", name="Russia–Ukraine")
    SideFactory(conflict=conflict, key="russia", name="Russia")
    SideFactory(conflict=conflict, key="ukraine", name="Ukraine")
    return conflict


@pytest.fixture
def claim(conflict):
    return ClaimFactory(conflict=conflict, settlement__name="Toretsk")


@pytest.fixture
def analyst_client(client, user):
    client.force_login(user)
    return client


def _day(day: int) -> dt.datetime:
    return dt.datetime(2025, 2, day, 12, tzinfo=dt.UTC)


# Who may open the queue


def test_queue_sends_anonymous_visitors_to_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_queue_is_403_without_the_review_permission(analyst_client):
    assert analyst_client.get(QUEUE).status_code == 403


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


def test_queue_shows_the_evidence_in_its_paragraph_with_place_and_trigger_marked(
    editor_client, conflict
):
    text = (
        "Officials spoke on Friday.\n\n"
        "Russia said its forces had seized Toretsk. Kyiv denied it.\n\n"
        "Fighting went on elsewhere."
    )
    ClaimFactory(conflict=conflict, settlement__name="Toretsk", article__text=text)
    body = editor_client.get(QUEUE).content.decode()
    assert (
        '<span class="evidence-sentence">Russia said its forces had </span>'
        '<span class="evidence-sentence"><mark class="trigger">seized</mark></span>'
        '<span class="evidence-sentence"> </span>'
        '<span class="evidence-sentence"><mark class="mention">Toretsk</mark></span>'
        '<span class="evidence-sentence">.</span> Kyiv denied it.'
    ) in body
    assert "Officials spoke" not in body
    assert "Fighting went on elsewhere" not in body


def test_queue_loads_only_a_window_of_a_long_article(editor_client, conflict):
    filler = "word " * 200_000  # a million characters in one paragraph
    evidence = "Russia said its forces had seized Toretsk."
    claim = ClaimFactory(
        conflict=conflict,
        settlement__name="Toretsk",
        evidence=evidence,
        article__text=f"{filler}{evidence} {filler}",
    )
    response = editor_client.get(QUEUE)
    body = response.content.decode()
    shown = response.context["claims"][0]
    assert len(shown.excerpt) == claim.evidence_end - shown.excerpt_start + EXCERPT_RADIUS
    assert len(body) < 60_000
    assert "… word" in body and "word …" in body
    assert '<mark class="mention">Toretsk</mark>' in body


def test_queue_escapes_hostile_text_around_the_evidence(editor_client, conflict):
    evidence = "Russia said <script>x()</script> it seized Toretsk."
    ClaimFactory(
        conflict=conflict,
        evidence=evidence,
        settlement_mention="Toretsk",
        article__text=f"<img src=x onerror=alert(1)> {evidence}",
        article__title="<b>Title</b>",
    )
    body = editor_client.get(QUEUE).content.decode()
    assert "<script>x()" not in body and "<img" not in body and "<b>Title" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body


def test_queue_works_without_javascript_and_loads_its_script_from_this_site(editor_client, claim):
    body = editor_client.get(QUEUE).content.decode()
    assert f'action="{review_url(claim)}"' in body
    assert 'name="verdict" value="confirm"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert '<script src="/static/js/review.js" defer></script>' in body
    assert "https://" not in body.split("<body>")[0]
    # The key help is shown by the script; without it the keys do nothing.
    assert "data-keys-help hidden" in body


# Filters


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


def _bulk_waiting_claims(*, conflict, count: int, first: int = 0) -> None:
    """`count` waiting claims, written with bulk_create: 100 claims per article."""
    outlet = OutletFactory(name="Bulk Wire")
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
    settlements = Settlement.objects.filter(name__startswith="Bulk town").order_by("id")[
        :per_article
    ]
    settlements = list(settlements) or Settlement.objects.bulk_create(
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


# Confirm and dispute


def test_confirm_records_a_review_and_returns_to_the_filtered_page(editor_client, editor, claim):
    back = "/review/?kind=capture&page=2"
    response = editor_client.post(
        review_url(claim), {"verdict": ReviewVerdict.CONFIRM, "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    review = claim.reviews.get()
    assert (review.verdict, review.reviewer) == (ReviewVerdict.CONFIRM, editor)
    body = editor_client.get(response["Location"]).content.decode()
    assert f"Claim #{claim.id} (Toretsk) confirmed." in body


def test_a_write_without_next_returns_to_the_queue(editor_client, claim):
    response = editor_client.post(review_url(claim), {"verdict": ReviewVerdict.CONFIRM})
    assert response["Location"] == QUEUE


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/review/", "javascript:x"]
)
def test_a_write_never_redirects_off_the_site(editor_client, claim, target):
    response = editor_client.post(
        review_url(claim), {"verdict": ReviewVerdict.CONFIRM, "next": target}
    )
    assert response["Location"] == QUEUE


@pytest.mark.parametrize("note", ["Wrong town.", UKRAINIAN_NOTE, ARABIC_NOTE])
def test_dispute_with_a_note_records_it(editor_client, claim, note):
    response = editor_client.post(
        review_url(claim),
        {
            "verdict": ReviewVerdict.DISPUTE,
            "note": note,
            "evidence_url": "https://deepstatemap.live/",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    review = claim.reviews.get()
    assert (review.note, review.evidence_url) == (note, "https://deepstatemap.live/")


@pytest.mark.parametrize("note", ["", "   \n  "])
def test_dispute_without_a_note_is_shown_again_with_the_reason(editor_client, claim, note):
    response = editor_client.post(
        review_url(claim),
        {"verdict": ReviewVerdict.DISPUTE, "note": note, "next": "/review/?page=2"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "A dispute needs a note" in body
    assert 'name="next" value="/review/?page=2"' in body
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNVERIFIED
    assert not claim.reviews.exists()


def test_a_huge_note_is_refused_with_a_clear_message(editor_client, claim):
    response = editor_client.post(
        review_url(claim), {"verdict": ReviewVerdict.DISPUTE, "note": "x" * 100_000}
    )
    assert response.status_code == 200
    assert "The note is longer than" in response.content.decode()
    assert not claim.reviews.exists()


def test_a_bad_evidence_url_is_shown_on_its_field(editor_client, claim):
    response = editor_client.post(
        review_url(claim), {"verdict": ReviewVerdict.CONFIRM, "evidence_url": "javascript:alert(1)"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evidence_url"]
    assert not claim.reviews.exists()


@pytest.mark.parametrize("verdict", ["", "maybe", "<b>confirm</b>"])
def test_an_unknown_verdict_is_refused(editor_client, claim, verdict):
    response = editor_client.post(review_url(claim), {"verdict": verdict})
    assert response.status_code == 200
    assert response.context["form"].errors["verdict"]
    assert not claim.reviews.exists()


def test_the_dispute_form_has_a_page_of_its_own(editor_client, claim):
    response = editor_client.get(review_url(claim), {"next": "/settlements/1/"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="dispute" selected' in body
    assert "<mark>Toretsk</mark>" in body


def test_html_in_a_note_is_escaped_where_the_history_shows_it(client, editor_client, claim):
    note = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    editor_client.post(review_url(claim), {"verdict": ReviewVerdict.DISPUTE, "note": note})
    body = client.get(reverse("settlement-detail", args=[claim.settlement_id])).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_claim_is_404(editor_client, method, claim):
    for url in (reverse("review-add", args=[987654]), reverse("claim-correct", args=[987654])):
        response = getattr(editor_client, method)(url, {"verdict": ReviewVerdict.CONFIRM})
        assert response.status_code == 404


@pytest.mark.parametrize(
    "url", ["/review/claims/abc/", "/review/claims/-1/", "/review/claims/1.5/correct/"]
)
def test_a_malformed_claim_id_is_404(editor_client, url):
    assert editor_client.post(url, {"verdict": ReviewVerdict.CONFIRM}).status_code == 404


def test_a_claim_id_too_large_for_the_database_is_404(editor_client):
    url = f"/review/claims/{2**70}/"
    assert editor_client.post(url, {"verdict": ReviewVerdict.CONFIRM}).status_code == 404


# Bulk confirm


def test_bulk_confirm_confirms_the_selected_claims(editor_client, conflict):
    first, second, left = ClaimFactory.create_batch(3, conflict=conflict)
    response = editor_client.post(
        BULK, {"claim_ids": [first.id, second.id], "next": "/review/?page=1"}, follow=True
    )
    assert response.redirect_chain == [("/review/?page=1", 302)]
    statuses = dict(Claim.objects.values_list("id", "status"))
    assert statuses == {
        first.id: ClaimStatus.CONFIRMED,
        second.id: ClaimStatus.CONFIRMED,
        left.id: ClaimStatus.UNVERIFIED,
    }
    assert "Confirmed 2 claims." in response.content.decode()


def test_bulk_confirm_says_which_were_no_longer_waiting(editor_client, conflict):
    waiting = ClaimFactory(conflict=conflict)
    disputed = ClaimFactory(conflict=conflict, status=ClaimStatus.DISPUTED)
    response = editor_client.post(BULK, {"claim_ids": [waiting.id, disputed.id]}, follow=True)
    assert "Confirmed 1 claim. 1 was no longer waiting." in response.content.decode()
    disputed.refresh_from_db()
    assert disputed.status == ClaimStatus.DISPUTED


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "Select at least one claim."),
        (["abc"], "A selected claim id is not a number."),
        (["1; DROP TABLE claims_claim"], "A selected claim id is not a number."),
        ([str(2**70)], "A selected claim id is not a number."),
        (["0"], "A selected claim id is not a number."),
    ],
)
def test_bulk_confirm_with_a_bad_selection_says_so(editor_client, claim, ids, message):
    response = editor_client.post(BULK, {"claim_ids": ids}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNVERIFIED


def test_bulk_confirm_of_unknown_ids_confirms_nothing(editor_client, claim):
    response = editor_client.post(BULK, {"claim_ids": ["987654"]}, follow=True)
    assert "Confirmed 0 claims. 1 was no longer waiting." in response.content.decode()


def test_bulk_confirm_is_post_only(editor_client):
    assert editor_client.get(BULK).status_code == 405


# Corrections


def test_correction_form_offers_the_claims_conflict_sides_and_third_party(editor_client, claim):
    ConflictFactory(key="sudan")
    SideFactory(conflict__key="sudan", key="rsf")
    response = editor_client.get(correct_url(claim), {"next": "/review/?page=2"})
    form = response.context["form"]
    assert [key for key, _ in form.fields["claimant_side"].choices] == [
        "russia",
        "ukraine",
        THIRD_PARTY,
    ]
    assert [key for key, _ in form.fields["side"].choices] == ["", "russia", "ukraine"]
    assert form.initial["kind"] == ClaimKind.CAPTURE
    assert 'name="next" value="/review/?page=2"' in response.content.decode()


def test_correction_changes_the_claim_and_records_who_did_it(editor_client, editor, claim):
    other = SettlementFactory(name="Pokrovsk")
    response = editor_client.post(
        correct_url(claim),
        {
            "settlement": other.id,
            "claimant_side": "russia",
            "kind": ClaimKind.ADVANCE,
            "side": "russia",
            "note": "Wrong town; it is an advance.",
            "next": "/review/?page=2",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/review/?page=2"
    claim.refresh_from_db()
    assert (claim.settlement_id, claim.kind) == (other.id, ClaimKind.ADVANCE)
    correction = Correction.objects.get()
    assert correction.editor == editor
    assert set(correction.changes) == {"settlement_id", "kind"}


def test_correction_that_changes_nothing_is_refused(editor_client, claim):
    data = {"settlement": claim.settlement_id, "claimant_side": "russia", "kind": ClaimKind.CAPTURE}
    response = editor_client.post(correct_url(claim), {**data, "side": "russia"})
    assert response.status_code == 200
    assert "changes nothing" in response.content.decode()
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"settlement": "987654"}, "settlement"),
        ({"settlement": "abc"}, "settlement"),
        ({"claimant_side": "martians"}, "claimant_side"),
        ({"kind": "annihilation"}, "kind"),
        ({"kind": ClaimKind.CAPTURE, "side": ""}, "side"),
        ({"kind": ClaimKind.CONTESTED, "side": "ukraine"}, "side"),
    ],
)
def test_correction_with_bad_input_is_shown_again(editor_client, claim, data, field):
    base = {"settlement": claim.settlement_id, "claimant_side": "russia", "kind": ClaimKind.CAPTURE}
    response = editor_client.post(correct_url(claim), {**base, "side": "russia", **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Correction.objects.exists()


# Who may write: every write path


def _write_paths(claim: Claim) -> list[tuple[str, dict]]:
    return [
        (review_url(claim), {"verdict": ReviewVerdict.CONFIRM}),
        (review_url(claim), {"verdict": ReviewVerdict.DISPUTE, "note": "Wrong."}),
        (BULK, {"claim_ids": [claim.id]}),
        (
            correct_url(claim),
            {
                "settlement": claim.settlement_id,
                "claimant_side": "ukraine",
                "kind": ClaimKind.CAPTURE,
                "side": "russia",
            },  # fmt: skip
        ),
    ]


def _nothing_written(claim: Claim) -> bool:
    claim.refresh_from_db()
    return (
        claim.status == ClaimStatus.UNVERIFIED
        and claim.claimant_side == "russia"
        and not Review.objects.exists()
        and not Correction.objects.exists()
    )


def test_anonymous_writes_are_sent_to_log_in(client, claim):
    for url, data in _write_paths(claim):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert _nothing_written(claim)


def test_writes_without_the_permission_are_403(analyst_client, claim):
    for url, data in _write_paths(claim):
        assert analyst_client.post(url, data).status_code == 403, url
    assert analyst_client.get(correct_url(claim)).status_code == 403
    assert _nothing_written(claim)


def test_a_reviewer_without_the_correction_permission_may_not_correct(client, claim):
    reviewer = UserFactory(username="reviewer")
    reviewer.user_permissions.add(*_perms("add_review"))
    client.force_login(reviewer)
    url, data = _write_paths(claim)[3]
    assert client.post(url, data).status_code == 403
    body = client.get(QUEUE).content.decode()
    assert 'data-action="edit"' not in body


def test_forged_writes_without_a_csrf_token_are_403(editor, claim):
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(editor)
    for url, data in _write_paths(claim):
        assert forger.post(url, data).status_code == 403, url
    assert _nothing_written(claim)


def test_unknown_claims_are_not_revealed_to_users_without_the_permission(analyst_client):
    assert analyst_client.post(reverse("review-add", args=[987654])).status_code == 403


def _perms(*codenames: str):
    return Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)


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
    # The reader's page plus the session, the user, its permissions and the header's count.
    with django_assert_max_num_queries(9):
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


# Evidence highlighting (pure functions)


def test_trigger_words_are_found_in_their_inflected_forms():
    text = "Kyiv denied that Russia captured or took Toretsk; it was seizing Lyman."
    capture = [text[s.start : s.end] for s in trigger_spans(text, kind=ClaimKind.CAPTURE)]
    assert capture == ["captured", "took", "seizing"]
    assert [text[s.start : s.end] for s in trigger_spans(text, kind=ClaimKind.DENIAL)] == ["denied"]


def test_evidence_paragraph_keeps_its_own_paragraph_and_says_where_it_was_cut():
    window = "tail of a paragraph.\n\nRussia took Toretsk. More.\n\nNext"
    start = window.index("Russia")
    end = window.index(" More")
    paragraph = evidence_paragraph(
        window=window,
        evidence_start=start,
        evidence_end=end,
        mention="toretsk",
        kind=ClaimKind.CAPTURE,
        window_starts_text=False,
        window_ends_text=False,
    )
    assert [(s.text, s.keys) for s in paragraph.segments] == [
        ("Russia ", (EVIDENCE,)),
        ("took", (EVIDENCE, TRIGGER)),
        (" ", (EVIDENCE,)),
        ("Toretsk", (EVIDENCE, MENTION)),
        (".", (EVIDENCE,)),
        (" More.", ()),
    ]
    assert not paragraph.clipped_before and not paragraph.clipped_after


def test_evidence_paragraph_reports_a_window_that_cuts_the_paragraph():
    paragraph = evidence_paragraph(
        window="ords before. Russia took Toretsk. Words aft",
        evidence_start=13,
        evidence_end=33,
        mention="Toretsk",
        kind=ClaimKind.CAPTURE,
        window_starts_text=False,
        window_ends_text=False,
    )
    assert paragraph.clipped_before and paragraph.clipped_after
