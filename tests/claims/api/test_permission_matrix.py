"""Every write endpoint and form × every kind of caller, as one table (issue #11).

Rows are the writes; columns the callers. A refused write changes nothing; the editor's
write goes through. Tokens count on the API only (pages take sessions, so a token on a
page is an anonymous visitor)."""

import datetime as dt

import pytest
from django.test import Client
from rest_framework.test import APIClient

from claims.models import Correction, Review
from conflictwatch.core.models import ApiToken
from conflictwatch.core.tokens import token_issue
from sources.models import Article
from tests.claims.api.clients import member_of

pytestmark = pytest.mark.django_db

STORY = "Russia said on Friday its forces had captured Toretsk. Kyiv denied it."
CSRF = "k" * 32
CALLERS = ["anonymous", "bad token", "expired token", "analyst", "editor", "no csrf"]

# (name, API or page, url template, body, status for the editor, status per refusal)
API_REFUSED = {"anonymous": 403, "bad token": 401, "expired token": 401, "analyst": 403,
               "no csrf": 403}  # fmt: skip
PAGE_REFUSED = {"anonymous": 302, "bad token": 302, "expired token": 302, "analyst": 403,
                "no csrf": 403}  # fmt: skip
WRITES = [
    ("api review", "api", "/api/v1/claims/{claim}/reviews/", {"verdict": "confirm"}, 201),
    ("api correction", "api", "/api/v1/claims/{claim}/corrections/", {"kind": "advance"}, 201),
    ("api resolve", "api", "/api/v1/settlements/{provisional}/resolve/",
     {"target": "{toretsk}"}, 200),
    ("api bulk confirm", "api", "/api/v1/claims/confirm/", {"claims": ["{claim}"]}, 200),
    ("api article", "api", "/api/v1/articles/", {"title": "Toretsk", "text": STORY}, 201),
    ("page review", "page", "/review/claims/{claim}/", {"verdict": "confirm"}, 302),
    ("page correction", "page", "/review/claims/{claim}/correct/",
     {"settlement": "{toretsk}", "claimant_side": "russia", "kind": "advance",
      "side": "russia"}, 302),
    ("page bulk confirm", "page", "/review/confirm/", {"claim_ids": ["{claim}"]}, 302),
    ("page article", "page", "/articles/new/",
     {"title": "Toretsk", "text": STORY, "published": "2025-02-01"}, 302),
]  # fmt: skip


def _fill(value, ids: dict):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


def _records() -> tuple[int, ...]:
    return (Review.objects.count(), Correction.objects.count(), Article.objects.count())


def _caller(name: str, kind: str):
    """A client as this caller, for an API or a page write. Every caller but "no csrf"
    holds a CSRF cookie and sends its token, as a browser on the site would."""
    client = (APIClient if kind == "api" else Client)(enforce_csrf_checks=True)
    if name != "no csrf":
        client.cookies["csrftoken"] = CSRF
        client.defaults["HTTP_X_CSRFTOKEN"] = CSRF
    if name in ("bad token", "expired token"):
        token = "f" * 64
        if name == "expired token":
            stored, token = token_issue(user=member_of("editor", "expired"))
            ApiToken.objects.filter(pk=stored.pk).update(expiry=stored.expiry - dt.timedelta(999))
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    elif name != "anonymous":
        user = member_of("analyst" if name == "analyst" else "editor", name.replace(" ", "-"))
        if kind == "api" and name != "no csrf":
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token_issue(user=user)[1]}"
        else:
            client.force_login(user)
    return client


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("name", "kind", "url", "body", "allowed"), WRITES, ids=[w[0] for w in WRITES]
)
def test_who_may_write(story, caller, name, kind, url, body, allowed):
    ids = {
        "claim": story["claims"][0].id,
        "toretsk": story["toretsk"].id,
        "provisional": story["provisional"].id,
    }
    client = _caller(caller, kind)
    before = _records()
    target, data = url.format(**ids), _fill(body, ids)
    if kind == "api":
        response = client.post(target, data, format="json")
    else:
        response = client.post(target, data)
    if caller == "editor":
        assert response.status_code == allowed, response.content[:300]
        assert _records() != before or name.endswith("resolve")
        return
    refused = (API_REFUSED if kind == "api" else PAGE_REFUSED)[caller]
    assert response.status_code == refused, response.content[:300]
    if refused == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert _records() == before
    assert not story["provisional"].__class__.objects.get(pk=ids["provisional"]).merged_into_id
