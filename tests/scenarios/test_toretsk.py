"""The Toretsk story of shared/DESIGN.md end to end through the API: extracted claims,
editors' tokens, reviews, the stored status, and the status as of the day before each
review, which is the earlier state."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from claims.vocabulary import (
    DISPUTED_CLAIMS,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
)
from tests.claims.factories import (
    TORETSK_STORY,
    ConflictFactory,
    SettlementFactory,
    article_on,
    extract,
    found,
)

pytestmark = pytest.mark.django_db

FIRST_REVIEW = dt.datetime(2025, 2, 10, 9, 30, tzinfo=dt.UTC)
SECOND_REVIEW = dt.datetime(2025, 2, 20, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    """The wall clock, set by the test (reviews are stamped with timezone.now())."""
    now = {"at": dt.datetime(2025, 2, 8, 18, tzinfo=dt.UTC)}
    monkeypatch.setattr(timezone, "now", lambda: now["at"])
    return now


def token_client(username: str, role: str) -> APIClient:
    out = StringIO()
    call_command("issue_token", username=username, role=role, stdout=out, stderr=StringIO())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


def status_of(client, toretsk, as_of=None) -> dict:
    params = {"as_of": as_of.isoformat()} if as_of else {}
    response = client.get(f"/api/v1/settlements/{toretsk.id}/status/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_toretsk_story_through_the_api(clock):
    conflict, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    feb_8 = article_on(dt.date(2025, 2, 8), text=TORETSK_STORY)
    capture, denial, contested = extract(feb_8, conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        found(toretsk, ClaimKind.CONTESTED, by="ukraine"),
    ])  # fmt: skip
    editor, reader = token_client("desk", "editor"), APIClient()

    before = status_of(reader, toretsk)
    assert before["assessed"] == {
        "state": SettlementState.UNKNOWN,
        "side": None,
        "since": None,
        "claims": [],
    }
    assert [(c["side"], c["status"]) for c in before["claimed"]] == [
        ("russia", ClaimStatus.UNVERIFIED), ("ukraine", ClaimStatus.UNVERIFIED)
    ]  # fmt: skip
    assert before["flags"] == [DISPUTED_CLAIMS]  # Kyiv denies what Moscow claims

    clock["at"] = FIRST_REVIEW
    response = editor.post(
        f"/api/v1/claims/{capture.id}/reviews/",
        {"verdict": ReviewVerdict.CONFIRM, "note": "Geolocated flag on the town hall.",
         "evidence_url": "https://example.org/geolocation/toretsk"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["reviewer"] == "desk"
    after_capture = status_of(reader, toretsk)["assessed"]
    assert (after_capture["state"], after_capture["side"]) == (SettlementState.CONTROLLED, "russia")
    assert after_capture["since"] == "2025-02-08"
    assert [c["id"] for c in after_capture["claims"]] == [capture.id]

    clock["at"] = dt.datetime(2025, 2, 15, 12, tzinfo=dt.UTC)
    [ukraine_says] = extract(
        article_on(dt.date(2025, 2, 15)),
        conflict,
        [found(toretsk, ClaimKind.CONTESTED, by="ukraine")],
    )
    clock["at"] = SECOND_REVIEW
    response = editor.post(
        f"/api/v1/claims/{ukraine_says.id}/reviews/",
        {"verdict": ReviewVerdict.CONFIRM},
        format="json",
    )
    assert response.status_code == 201, response.content
    now = status_of(reader, toretsk)
    assert (now["assessed"]["state"], now["assessed"]["side"]) == (
        SettlementState.CONTESTED,
        "russia",
    )
    assert now["assessed"]["since"] == "2025-02-15"
    assert [c["id"] for c in now["assessed"]["claims"]] == [capture.id, ukraine_says.id]

    # The day before each review answers with the state before it.
    day_before_first = status_of(reader, toretsk, as_of=dt.date(2025, 2, 9))
    assert day_before_first["assessed"]["state"] == SettlementState.UNKNOWN
    assert day_before_first["as_of"] == "2025-02-09"
    day_before_second = status_of(reader, toretsk, as_of=dt.date(2025, 2, 19))
    assert (day_before_second["assessed"]["state"], day_before_second["assessed"]["side"]) == (
        SettlementState.CONTROLLED, "russia"
    )  # fmt: skip
    # Today, by history, equals the stored current status.
    assert {k: v for k, v in status_of(reader, toretsk, as_of=SECOND_REVIEW.date()).items()
            if k != "as_of"} == {k: v for k, v in now.items() if k != "as_of"}  # fmt: skip

    # The list and the settlement read the stored row.
    listed = reader.get("/api/v1/settlements/").json()["results"][0]["status"]
    assert listed == {"state": SettlementState.CONTESTED, "side": "russia", "since": "2025-02-15",
                      "flags": [DISPUTED_CLAIMS]}  # fmt: skip
    detail = reader.get(f"/api/v1/settlements/{toretsk.id}/").json()["status"]
    assert detail["assessed"] == now["assessed"]
    history = reader.get(f"/api/v1/claims/{capture.id}/reviews/").json()
    assert [(r["verdict"], r["reviewer"], r["created_at"][:10]) for r in history] == [
        (ReviewVerdict.CONFIRM, "desk", "2025-02-10")
    ]
    assert denial.id and contested.id
