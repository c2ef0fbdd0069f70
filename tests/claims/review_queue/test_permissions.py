"""Who may open the queue and use each write path: anonymous visitors are sent to log in,
users without the permission get 403, forged posts without a CSRF token get 403, and
nothing is written."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Correction, Review
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict
from tests.claims.factories import UserFactory
from tests.claims.review_queue.support import BULK, QUEUE, correct_url, review_url

pytestmark = pytest.mark.django_db


def test_queue_sends_anonymous_visitors_to_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_queue_is_403_without_the_review_permission(analyst_client):
    assert analyst_client.get(QUEUE).status_code == 403


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
