"""Every write endpoint and form × every kind of caller, as one table (issues #11, #13).

Rows are the writes; columns the callers. A refused write changes nothing; an allowed
caller's write goes through (editors and admins everywhere; any signed-in member on their
own tokens and webhook subscriptions, where another's answers as if it did not exist).
Tokens count on the API only (pages take sessions, so a token on a page is an anonymous
visitor). A row's URL may start with its method (`PATCH /api/...`); POST otherwise."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Change, Correction, Review
from conflictwatch.core.models import ApiToken
from conflictwatch.core.tokens import token_issue
from sources.models import Article, Feed, Fetch
from sources.services import feed_create, feed_pause
from tests.claims.api.clients import member_of
from tests.claims.factories import UserFactory
from tests.webhooks.factories import SubscriptionFactory
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db

STORY = "Russia said on Friday its forces had captured Toretsk. Kyiv denied it."
PAGE_URL = "https://news.example.org/2025/02/08/toretsk"
FEED_URL = "https://news.example.org/feeds/war.xml"
CSRF = "k" * 32
HOOK_URL = "http://127.0.0.1:9/hook"
CALLERS = ["anonymous", "bad token", "expired token", "analyst", "editor", "admin", "no csrf"]

API_REFUSED = {"anonymous": 403, "bad token": 401, "expired token": 401, "analyst": 403,
               "no csrf": 403}  # fmt: skip
PAGE_REFUSED = {"anonymous": 302, "bad token": 302, "expired token": 302, "analyst": 403,
                "no csrf": 403}  # fmt: skip
# Who may make each write: editors; any signed-in member (their own tokens); or nobody
# (another user's token: a member's request goes through and finds nothing to revoke).
MAY = {"editor": {"editor", "admin"}, "member": {"editor", "analyst", "admin"}, "nobody": set()}
MEMBERS = ("analyst", "editor", "admin")
# (name, API or page, url template, body, status when allowed, who may)
WRITES = [
    ("api review", "api", "/api/v1/claims/{claim}/reviews/", {"verdict": "confirm"}, 201,
     "editor"),
    ("api correction", "api", "/api/v1/claims/{claim}/corrections/", {"kind": "advance"}, 201,
     "editor"),
    ("api resolve", "api", "/api/v1/settlements/{provisional}/resolve/",
     {"target": "{toretsk}"}, 200, "editor"),
    ("api bulk confirm", "api", "/api/v1/claims/confirm/", {"claims": ["{claim}"]}, 200,
     "editor"),
    ("api article", "api", "/api/v1/articles/", {"title": "Toretsk", "text": STORY}, 201,
     "editor"),
    ("api fetch", "api", "/api/v1/fetches/", {"url": PAGE_URL}, 202, "editor"),
    ("api feed", "api", "/api/v1/feeds/", {"url": FEED_URL}, 201, "editor"),
    ("api feed pause", "api", "/api/v1/feeds/{feed}/pause/", {}, 200, "editor"),
    ("api feed resume", "api", "/api/v1/feeds/{paused_feed}/resume/", {}, 200, "editor"),
    ("page review", "page", "/review/claims/{claim}/", {"verdict": "confirm"}, 302, "editor"),
    ("page correction", "page", "/review/claims/{claim}/correct/",
     {"settlement": "{toretsk}", "claimant_side": "russia", "kind": "advance",
      "side": "russia"}, 302, "editor"),
    ("page bulk confirm", "page", "/review/confirm/", {"claim_ids": ["{claim}"]}, 302, "editor"),
    ("page article", "page", "/articles/new/",
     {"title": "Toretsk", "text": STORY, "published": "2025-02-01"}, 302, "editor"),
    ("page fetch", "page", "/articles/fetch/", {"fetch-url": PAGE_URL}, 302, "editor"),
    ("page feed", "page", "/feeds/new/", {"url": FEED_URL, "poll_interval_seconds": 900}, 302,
     "editor"),
    ("page token issue", "page", "/accounts/tokens/", {"name": "laptop"}, 200, "member"),
    ("page token revoke", "page", "/accounts/tokens/", {"revoke": "1", "token": "{own_token}"},
     302, "member"),
    ("page token revoke another's", "page", "/accounts/tokens/",
     {"revoke": "1", "token": "{victim_token}"}, 302, "nobody"),
    ("api webhook subscribe", "api", "/api/v1/webhooks/", {"url": HOOK_URL}, 201, "member"),
    ("api webhook change", "api", "PATCH /api/v1/webhooks/{own_hook}/", {"active": False}, 200,
     "member"),
    ("api webhook rotate secret", "api", "/api/v1/webhooks/{own_hook}/rotate-secret/",
     {"overlap_seconds": 60}, 200, "member"),
    ("api webhook replay", "api", "/api/v1/webhooks/{own_hook}/deliveries/{own_delivery}/replay/",
     {}, 202, "member"),
    ("api webhook remove", "api", "DELETE /api/v1/webhooks/{own_hook}/", {}, 204, "member"),
    ("api webhook change another's", "api", "PATCH /api/v1/webhooks/{victim_hook}/",
     {"active": False}, 404, "nobody"),
    ("api webhook rotate another's", "api", "/api/v1/webhooks/{victim_hook}/rotate-secret/", {},
     404, "nobody"),
    ("api webhook replay another's", "api",
     "/api/v1/webhooks/{victim_hook}/deliveries/{victim_delivery}/replay/", {}, 404, "nobody"),
    ("api webhook remove another's", "api", "DELETE /api/v1/webhooks/{victim_hook}/", {}, 404,
     "nobody"),
    ("page webhook subscribe", "page", "/webhooks/", {"url": HOOK_URL}, 201, "member"),
    ("page webhook rotate secret", "page", "/webhooks/{own_hook}/rotate-secret/",
     {"overlap_seconds": "3600"}, 200, "member"),
    ("page webhook stop", "page", "/webhooks/{own_hook}/actions/", {"stop": "1"}, 302, "member"),
    ("page webhook replay", "page", "/webhooks/{own_hook}/actions/",
     {"replay": "{own_delivery}"}, 302, "member"),
    ("page webhook remove", "page", "/webhooks/{own_hook}/actions/", {"delete": "1"}, 302,
     "member"),
    ("page webhook rotate another's", "page", "/webhooks/{victim_hook}/rotate-secret/",
     {"overlap_seconds": "0"}, 404, "nobody"),
    ("page webhook remove another's", "page", "/webhooks/{victim_hook}/actions/",
     {"delete": "1"}, 404, "nobody"),
]  # fmt: skip


def _fill(value, ids: dict):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


def _records() -> tuple[object, ...]:
    # Live tokens only: knox deletes an expired token when it is presented.
    tokens = ApiToken.objects.filter(expiry__gt=timezone.now())
    rows = [m.objects.all() for m in (Review, Correction, Article, Fetch, Feed)] + [tokens]
    paused = Feed.objects.filter(active=False).order_by("id").values_list("id", flat=True)
    hooks = Subscription.objects.order_by("id").values_list("id", "secret", "active")
    deliveries = Delivery.objects.order_by("id").values_list("id", "status")
    return (*(r.count() for r in rows), *paused, *hooks, *deliveries)


def _hook_with_a_delivery(owner) -> tuple[int, int]:
    """A subscription of the owner's and one delivered delivery of it (replayable)."""
    hook = SubscriptionFactory.create(owner=owner, url=HOOK_URL)
    change = Change.objects.earliest("id")
    delivery = Delivery.objects.create(
        subscription=hook, change=change, message_id=f"cw_{change.id}_{hook.id}",
        event=change.event, status=Delivery.Status.DELIVERED, attempts=1,
    )  # fmt: skip
    return hook.id, delivery.id


def _caller(name: str, kind: str):
    """A client as this caller, for an API or a page write, and its user (None for
    anonymous callers). Every caller but "no csrf" holds a CSRF cookie and sends its
    token, as a browser on the site would."""
    client = (APIClient if kind == "api" else Client)(enforce_csrf_checks=True)
    user = None
    if name != "no csrf":
        client.cookies["csrftoken"] = CSRF
        client.defaults["HTTP_X_CSRFTOKEN"] = CSRF
    if name in ("bad token", "expired token"):
        token = "f" * 64
        if name == "expired token":
            stored, token = token_issue(user=member_of("editor", "expired"))
            ApiToken.objects.filter(pk=stored.pk).update(expiry=stored.expiry - dt.timedelta(999))
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    elif name == "admin":
        user = UserFactory.create(username="admin", is_staff=True, is_superuser=True)
        if kind == "api":
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token_issue(user=user)[1]}"
        else:
            client.force_login(user)
    elif name != "anonymous":
        user = member_of("analyst" if name == "analyst" else "editor", name.replace(" ", "-"))
        if kind == "api" and name != "no csrf":
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token_issue(user=user)[1]}"
        else:
            client.force_login(user)
    return client, user


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("name", "kind", "url", "body", "allowed", "who"), WRITES, ids=[w[0] for w in WRITES]
)
def test_who_may_write(story, settings, caller, name, kind, url, body, allowed, who):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]  # the webhook target, allowed by name
    client, user = _caller(caller, kind)
    victim = member_of("editor", "victim")
    victim_token = token_issue(user=victim)[0].token_key
    victim_hook, victim_delivery = _hook_with_a_delivery(victim)
    # An anonymous caller has no subscription of its own: it tries someone else's.
    own_hook, own_delivery = _hook_with_a_delivery(user) if user else (victim_hook, victim_delivery)
    ids = {
        "claim": story["claims"][0].id,
        "toretsk": story["toretsk"].id,
        "provisional": story["provisional"].id,
        "victim_token": victim_token,
        "feed": feed_create(url="https://news.example.org/feeds/live.xml").id,
        "paused_feed": feed_pause(feed_id=feed_create(url="https://news.example.org/x.xml").id).id,
        # An anonymous caller has no token of its own: it tries someone else's.
        "own_token": token_issue(user=user)[0].token_key if user else victim_token,
        "victim_hook": victim_hook,
        "victim_delivery": victim_delivery,
        "own_hook": own_hook,
        "own_delivery": own_delivery,
    }
    before = _records()
    method, _, path = url.rpartition(" ")
    target, data = path.format(**ids), _fill(body, ids)
    send = getattr(client, (method or "POST").lower())
    response = send(target, data, **({"format": "json"} if kind == "api" else {}))
    if caller in MAY[who]:
        assert response.status_code == allowed, response.content[:300]
        assert _records() != before or name.endswith("resolve")
        return
    if who == "nobody" and caller in MEMBERS:
        assert response.status_code == allowed, response.content[:300]
        assert _records() == before
        return
    refused = (API_REFUSED if kind == "api" else PAGE_REFUSED)[caller]
    assert response.status_code == refused, response.content[:300]
    if refused == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert _records() == before
    assert not story["provisional"].__class__.objects.get(pk=ids["provisional"]).merged_into_id
