"""The correction API: a claim's corrections, refusals as clear 400s, and resolving a
provisional settlement."""

import pytest
from rest_framework.test import APIClient

from claims.vocabulary import ClaimKind
from tests.claims.api.clients import member_of, token_client
from tests.claims.factories import SettlementFactory
from tests.problems import named, problem

pytestmark = pytest.mark.django_db


def test_corrections_history_lists_changes(story):
    editor = token_client(member_of("editor", "desk"))
    url = f"/api/v1/claims/{story['claims'][0].id}/corrections/"
    editor.post(url, {"kind": ClaimKind.ADVANCE, "note": "Only pushing towards it."}, format="json")
    [correction] = APIClient().get(url).json()
    assert correction["changes"] == {"kind": [ClaimKind.CAPTURE, ClaimKind.ADVANCE]}
    assert correction["editor"] == "desk"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"side": "wagner"}, "side"),
        ({"claimant_side": "x" * 65}, "claimant_side"),
        ({"kind": ClaimKind.CONTESTED, "side": "russia"}, "side"),
        ({"settlement": 0}, "settlement"),
        ({"settlement": 987654}, "settlement"),
        ({"kind": ClaimKind.CAPTURE}, "detail"),
    ],
)
def test_bad_corrections_are_400(story, body, field):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/corrections/", body,
                           format="json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in named(response)


def test_resolving_a_gazetteer_settlement_is_400(story):
    editor = token_client(member_of("editor", "desk"))
    other = SettlementFactory(name="Kramatorsk")
    response = editor.post(f"/api/v1/settlements/{other.id}/resolve/",
                           {"target": story["toretsk"].id}, format="json")  # fmt: skip
    assert response.status_code == 400
    assert "provisional" in problem(response)["detail"]
