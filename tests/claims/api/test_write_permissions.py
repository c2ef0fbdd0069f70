"""Who may write through the API: every write endpoint (reviews, corrections, resolving a
provisional settlement, bulk confirm) needs an editor's token or session; anything else is
403, never a write."""

import pytest
from rest_framework.test import APIClient

from claims.models import Review
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.api.clients import BULK_URL, member_of, token_client
from tests.problems import problem

pytestmark = pytest.mark.django_db


def writes(story) -> list[tuple[str, dict]]:
    claim = story["claims"][0]
    return [
        (f"/api/v1/claims/{claim.id}/reviews/", {"verdict": ReviewVerdict.CONFIRM}),
        (f"/api/v1/claims/{claim.id}/corrections/", {"kind": ClaimKind.ADVANCE}),
        (
            f"/api/v1/settlements/{story['provisional'].id}/resolve/",
            {"target": story["toretsk"].id},
        ),  # fmt: skip
    ]


def test_an_analysts_token_may_read_but_every_write_is_403(story):
    analyst = token_client(member_of("analyst", "reader"))
    for url, body in writes(story):
        assert analyst.post(url, body, format="json").status_code == 403, url
        assert analyst.get(url.replace("resolve/", "")).status_code == 200, url
    assert not Review.objects.exists()


def test_anonymous_writes_are_403_not_401(story):
    for url, body in writes(story):
        assert APIClient().post(url, body, format="json").status_code == 403, url


def test_a_forged_session_write_without_csrf_token_is_403(story):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member_of("editor", "desk"))
    for url, body in writes(story):
        response = client.post(url, body, format="json")
        assert response.status_code == 403, url
        assert "CSRF" in problem(response)["detail"]


def test_a_bad_token_is_refused_with_401(story):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    url, body = writes(story)[0]
    assert client.post(url, body, format="json").status_code == 401


def test_an_editors_token_may_make_every_write(story):
    editor = token_client(member_of("editor", "desk"))
    review, correction, resolve = writes(story)
    assert editor.post(*review, format="json").status_code == 201
    response = editor.post(*correction, format="json")
    assert response.status_code == 201
    assert response.json()["kind"] == ClaimKind.ADVANCE
    response = editor.post(*resolve, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == story["toretsk"].id


def test_bulk_confirm_is_403_for_analysts_anonymous_and_forged_sessions(story):
    body = {"claims": [story["claims"][0].id]}
    analyst = token_client(member_of("analyst", "reader"))
    forged = APIClient(enforce_csrf_checks=True)
    forged.force_login(member_of("editor", "desk"))
    for client in (analyst, APIClient(), forged):
        assert client.post(BULK_URL, body, format="json").status_code == 403
    assert not Review.objects.exists()
