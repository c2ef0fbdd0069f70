"""GET /api/v1/changes/: the ordered log a consumer replays."""

import base64

import pytest
from rest_framework.test import APIClient

from claims.api.changes import cursor_encode
from claims.services import claim_correct, review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)
from tests.problems import named, problem

pytestmark = pytest.mark.django_db
CHANGES = "/api/v1/changes/"


@pytest.fixture
def toretsk_story():
    conflict, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    article = article_on(__import__("datetime").date(2025, 2, 8))
    capture, denial = extract(article, conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    return {"conflict": conflict, "toretsk": toretsk, "article": article,
            "capture": capture, "denial": denial}  # fmt: skip


def everything(client=None, **params) -> list[dict]:
    client = client or APIClient()
    entries, cursor = [], None
    while True:
        page = client.get(CHANGES, {**params, **({"after": cursor} if cursor else {})}).json()
        entries += page["changes"]
        cursor = page["next"]
        if not page["has_more"]:
            return entries


def test_extraction_review_and_status_change_appear_in_order(toretsk_story):
    desk = UserFactory(username="desk")
    review = review_add(claim_id=toretsk_story["capture"].id, reviewer=desk,
                        verdict=ReviewVerdict.CONFIRM)  # fmt: skip
    events = [(e["event"], e["object_id"]) for e in everything()]
    capture, denial = toretsk_story["capture"].id, toretsk_story["denial"].id
    toretsk = toretsk_story["toretsk"].id
    assert events[:3] == [
        ("claim.created", capture),
        ("claim.created", denial),
        ("settlement-status.changed", toretsk),
    ]
    assert events[3:] == [
        ("review.added", review.id),
        ("claim.updated", capture),
        ("settlement-status.changed", toretsk),
    ]
    last = everything()[-1]["data"]
    assert last["assessed"]["state"] == "controlled"
    assert last["assessed"]["side"] == "russia"


def test_a_merge_is_a_tombstone_and_the_moved_review_follows(toretsk_story):
    desk = UserFactory(username="desk")
    denial = toretsk_story["denial"]
    review = review_add(claim_id=denial.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE,
                        note="Not so.")  # fmt: skip
    claim_correct(claim_id=denial.id, editor=desk, claimant_side="russia", kind=ClaimKind.CAPTURE)
    tail = everything()[-4:]
    by_event = {e["event"]: e for e in tail}
    assert by_event["claim.merged-away"]["object_id"] == denial.id
    assert by_event["claim.merged-away"]["data"] is None
    assert by_event["review.moved"]["data"]["claim"] == toretsk_story["capture"].id
    assert by_event["review.moved"]["object_id"] == review.id
    assert by_event["claim.merged"]["object_id"] == toretsk_story["capture"].id


def test_re_extraction_removes_an_unreviewed_claim_with_a_tombstone(toretsk_story):
    capture_again = found(toretsk_story["toretsk"], ClaimKind.CAPTURE, "russia", by="russia")
    extract(toretsk_story["article"], toretsk_story["conflict"], [capture_again])
    removed = [e for e in everything() if e["event"] == "claim.removed"]
    assert [(e["object_id"], e["data"]) for e in removed] == [(toretsk_story["denial"].id, None)]


def test_pages_follow_each_other_with_a_link_to_the_next(toretsk_story):
    client = APIClient()
    first = client.get(CHANGES, {"limit": 2})
    assert first.json()["has_more"] is True
    link = first["Link"]
    assert link.startswith("<http://testserver/api/v1/changes/?") and link.endswith('rel="next"')
    second = client.get(CHANGES, {"limit": 2, "after": first.json()["next"]}).json()
    assert [e["object_id"] for e in second["changes"]] == [toretsk_story["toretsk"].id]
    assert second["has_more"] is False
    again = client.get(CHANGES, {"after": second["next"]})
    assert again.json() == {"changes": [], "next": second["next"], "has_more": False}
    assert not again.has_header("Link")


def test_entity_filter_gives_one_kind_of_entry(toretsk_story):
    assert {e["entity"] for e in everything(entity="claim")} == {"claim"}


@pytest.mark.parametrize(
    "cursor",
    [
        "x" * 100_000,
        "not-a-cursor",
        "'; DROP TABLE claims_change; --",
        "курсор",
        base64.urlsafe_b64encode(b"cw1:-1").decode(),
        base64.urlsafe_b64encode(b"cw1:99999999999999999999999").decode(),
        "\x00",
    ],
)
def test_a_cursor_we_did_not_hand_out_is_a_400_naming_after(db, cursor):
    response = APIClient().get(CHANGES, {"after": cursor})
    assert response.status_code == 400
    assert named(response) == {"after"}


@pytest.mark.parametrize("limit", ["0", "1001", "many", "-5", "1e3"])
def test_a_bad_limit_is_a_400(db, limit):
    response = APIClient().get(CHANGES, {"limit": limit})
    assert response.status_code == 400
    assert named(response) == {"limit"}


def test_an_unknown_parameter_is_a_400_not_ignored(db):
    response = APIClient().get(CHANGES, {"since": "2025-01-01", "after": cursor_encode(0)})
    assert response.status_code == 400
    body = problem(response)
    assert set(body["errors"]) == {"since"}
    assert "after" in body["errors"]["since"][0]


def test_a_cursor_from_the_future_answers_empty_and_keeps_it(db):
    cursor = cursor_encode(10**12)
    assert APIClient().get(CHANGES, {"after": cursor}).json()["next"] == cursor


@pytest.mark.parametrize("name", ["after", "limit", "entity"])
def test_an_empty_value_is_a_400_not_taken_as_left_out(db, name):
    response = APIClient().get(CHANGES, {name: ""})
    assert response.status_code == 400
    assert named(response) == {name}
