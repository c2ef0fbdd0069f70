"""The editor's write paths as pages: a verdict on a claim, a bulk confirm, a correction;
where each returns to, and refusals shown again on the form with the service's reason."""

import pytest
from django.urls import reverse

from claims.models import Claim, Correction
from claims.vocabulary import THIRD_PARTY, ClaimKind, ClaimStatus, ReviewVerdict
from tests.claims.factories import ClaimFactory, ConflictFactory, SettlementFactory, SideFactory
from tests.claims.review_queue.support import (
    ARABIC_NOTE,
    BULK,
    QUEUE,
    UKRAINIAN_NOTE,
    correct_url,
    review_url,
)

pytestmark = pytest.mark.django_db


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
