"""The review API: a claim's review history, verdicts and bulk confirm, and refusals as
clear 400s (409 for a superseded claim)."""

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Review
from claims.vocabulary import ClaimStatus, ReviewVerdict
from tests.claims.api.clients import BULK_URL, member_of, token_client
from tests.claims.factories import supersede
from tests.problems import errors_of, named, problem

pytestmark = pytest.mark.django_db


def test_review_history_shows_who_and_when(story):
    editor = token_client(member_of("editor", "desk"))
    url = f"/api/v1/claims/{story['claims'][1].id}/reviews/"
    editor.post(url, {"verdict": ReviewVerdict.DISPUTE, "note": "Kyiv's own maps say otherwise."},
                format="json")  # fmt: skip
    editor.post(url, {"verdict": ReviewVerdict.RESET}, format="json")
    history = APIClient().get(url).json()
    assert [(r["verdict"], r["reviewer"]) for r in history] == [
        (ReviewVerdict.DISPUTE, "desk"), (ReviewVerdict.RESET, "desk")
    ]  # fmt: skip
    assert all(r["created_at"] for r in history)
    assert Claim.objects.get(pk=story["claims"][1].pk).status == ClaimStatus.UNVERIFIED


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": ReviewVerdict.DISPUTE}, "note"),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "   "}, "note"),
        ({"verdict": ReviewVerdict.CONFIRM, "evidence_url": "javascript:alert(1)"}, "evidence_url"),
        (
            {"verdict": ReviewVerdict.CONFIRM, "evidence_url": "https://x.org/" + "a" * 3000},
            "evidence_url",
        ),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "n" * 100_000}, "note"),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "nul\x00byte"}, "note"),
        ({"verdict": "maybe"}, "verdict"),
        ({}, "verdict"),
        ({"verdict": [ReviewVerdict.CONFIRM]}, "verdict"),
    ],
)
def test_bad_reviews_are_400_naming_the_field(story, body, field):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/", body,
                           format="json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in named(response)


def test_dispute_without_a_note_says_why(story):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/",
                           {"verdict": ReviewVerdict.DISPUTE}, format="json")  # fmt: skip
    assert errors_of(response, "note") == ["A dispute needs a note saying why the claim is wrong."]


def test_malformed_json_is_400(story):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/", "{verdict:",
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400


def test_a_non_english_dispute_note_is_kept(story):
    editor = token_client(member_of("editor", "desk"))
    note = "Це неправда — ЗСУ тримають позиції. 这是错误的。"
    response = editor.post(
        f"/api/v1/claims/{story['claims'][0].id}/reviews/",
        {"verdict": ReviewVerdict.DISPUTE, "note": note},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["note"] == note


def test_reviewing_a_superseded_claim_is_409(story):
    editor = token_client(member_of("editor", "desk"))
    url = f"/api/v1/claims/{story['claims'][0].id}/reviews/"
    assert editor.post(url, {"verdict": ReviewVerdict.CONFIRM}, format="json").status_code == 201
    supersede(story["claims"][0])
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/",
                           {"verdict": ReviewVerdict.CONFIRM}, format="json")  # fmt: skip
    assert response.status_code == 409
    assert "superseded" in problem(response)["detail"]


def test_reviewing_a_missing_claim_is_404():
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(
        "/api/v1/claims/987654/reviews/", {"verdict": ReviewVerdict.CONFIRM}, format="json"
    )
    assert response.status_code == 404


def test_bulk_confirm_confirms_waiting_claims_and_moves_the_status(story):
    editor = token_client(member_of("editor", "desk"))
    capture, denial = story["claims"]
    response = editor.post(BULK_URL, {"claims": [capture.id, denial.id, 99_999_999]},
                           format="json")  # fmt: skip
    assert response.status_code == 200
    assert response.json() == {"confirmed": 2}
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.CONFIRMED}
    again = editor.post(BULK_URL, {"claims": [capture.id]}, format="json")
    assert again.json() == {"confirmed": 0}  # already confirmed: nothing new recorded
    assert Review.objects.count() == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"claims": []},
        {"claims": "1,2,3"},
        {"claims": ["Торецьк"]},
        {"claims": [-4]},
        {"claims": [{"id": 1}]},
        {"claims": list(range(1, 502))},
    ],
    ids=["missing", "empty", "string", "non-english", "negative", "objects", "too-many"],
)
def test_bulk_confirm_refuses_bad_input_with_400(story, body):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(BULK_URL, body, format="json")
    assert response.status_code == 400
    assert "claims" in named(response)
    assert not Review.objects.exists()
