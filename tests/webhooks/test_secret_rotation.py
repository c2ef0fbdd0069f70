"""Rotating a subscription's signing secret with an overlap: while it lasts, deliveries carry
a signature by the old secret and one by the new (space-separated in `webhook-signature`,
as the Standard Webhooks spec allows), so the package's own verifier passes with either;
after it, only the new secret verifies. The new secret is shown once, as at subscribing."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.claims.factories import UserFactory
from tests.problems import named, problem
from tests.webhooks.factories import SubscriptionFactory, claims_about
from webhooks.models import Delivery, Subscription
from webhooks.services.dispatch import changes_dispatch
from webhooks.services.sending import delivery_replay
from webhooks.services.subscriptions import subscription_secret_rotate
from webhooks.tasks import deliver, send_due_deliveries

URL = "/api/v1/webhooks/"


@pytest.fixture
def member(db):
    return UserFactory(username="desk")


@pytest.fixture
def api(member):
    client = APIClient()
    client.force_authenticate(member)
    return client


def _send_one(receiver):
    """Make a change, send its first delivery to the receiver; the request it got."""
    before = len(receiver.received)
    claims_about()
    made, _ = changes_dispatch()
    deliver(made[0])
    assert len(receiver.received) == before + 1
    return receiver.received[-1]


def _verifies(secret: str, got) -> bool:
    try:
        Webhook(secret).verify(got.body, got.headers)
    except WebhookVerificationError:
        return False
    return True


def _end_the_overlap(subscription: Subscription) -> None:
    """The overlap's hour has passed (stored as its end, as the rotation wrote it)."""
    Subscription.objects.filter(id=subscription.id).update(
        previous_secret_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )


def test_during_the_overlap_both_secrets_verify_and_after_it_only_the_new(api, member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    old = mine.secret
    answer = api.post(f"{URL}{mine.id}/rotate-secret/", {"overlap_seconds": 3600}, format="json")
    assert answer.status_code == 200, answer.content
    new = answer.json()["secret"]
    assert new.startswith("whsec_") and new != old

    during = _send_one(receiver)
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert _verifies(old, during) and _verifies(new, during)

    _end_the_overlap(mine)
    after = _send_one(receiver)
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    assert _verifies(new, after)
    assert not _verifies(old, after)


def test_with_no_overlap_the_old_secret_stops_at_once(api, member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    old = mine.secret
    answer = api.post(f"{URL}{mine.id}/rotate-secret/", {"overlap_seconds": 0}, format="json")
    assert answer.json()["previous_secret_expires_at"] is None
    got = _send_one(receiver)
    assert _verifies(answer.json()["secret"], got) and not _verifies(old, got)


def test_rotating_again_during_an_overlap_keeps_two_secrets_the_oldest_dropped(member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    first = mine.secret
    second = subscription_secret_rotate(subscription=mine, overlap_seconds=3600).secret
    third = subscription_secret_rotate(subscription=mine, overlap_seconds=3600).secret
    got = _send_one(receiver)
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert _verifies(third, got) and _verifies(second, got)
    assert not _verifies(first, got)


def test_the_new_secret_is_answered_once_and_its_hint_shown_after(api, member):
    mine = SubscriptionFactory(owner=member)
    answer = api.post(f"{URL}{mine.id}/rotate-secret/", {}, format="json")
    body = answer.json()
    assert answer["Cache-Control"] == "no-store"
    assert body["secret_rotated_at"] and body["previous_secret_expires_at"]
    # The default overlap: a day.
    ends = dt.datetime.fromisoformat(body["previous_secret_expires_at"])
    assert abs((ends - timezone.now()).total_seconds() - 24 * 3600) < 60
    shown = api.get(f"{URL}{mine.id}/").json()
    assert "secret" not in shown and body["secret"] not in str(shown)
    assert shown["secret_hint"] == f"whsec_…{body['secret'][-4:]}"
    assert shown["previous_secret_expires_at"] == body["previous_secret_expires_at"]


@pytest.mark.parametrize("overlap", [-1, 7 * 24 * 3600 + 1, 10**20, "soon", None, [1]])
def test_an_overlap_out_of_range_is_refused_and_nothing_changes(api, member, overlap):
    mine = SubscriptionFactory(owner=member)
    answer = api.post(f"{URL}{mine.id}/rotate-secret/", {"overlap_seconds": overlap}, format="json")
    assert answer.status_code == 400, answer.content
    assert "overlap_seconds" in named(answer)
    assert Subscription.objects.get(id=mine.id).secret == mine.secret


def test_another_users_subscription_cannot_be_rotated(api):
    theirs = SubscriptionFactory(owner=UserFactory(username="other"))
    answer = api.post(f"{URL}{theirs.id}/rotate-secret/", {}, format="json")
    assert problem(answer)["status"] == 404
    assert Subscription.objects.get(id=theirs.id).secret == theirs.secret


def test_a_replay_after_rotation_is_signed_with_the_secrets_of_now(member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    first = _send_one(receiver)
    delivery = Delivery.objects.get(message_id=first.headers["webhook-id"])
    new = subscription_secret_rotate(subscription=mine, overlap_seconds=0).secret
    deliver(delivery_replay(delivery=delivery).id)
    again = receiver.received[-1]
    assert again.headers["webhook-id"] == first.headers["webhook-id"]
    assert _verifies(new, again)


def test_the_page_rotates_and_shows_the_new_secret_on_that_page_only(client, member):
    client.force_login(member)
    mine = SubscriptionFactory(owner=member)
    answer = client.post(f"/webhooks/{mine.id}/rotate-secret/", {"overlap_seconds": "3600"})
    assert answer.status_code == 200
    new = Subscription.objects.get(id=mine.id).secret
    page = answer.content.decode()
    assert new in page and mine.secret not in page
    assert "still signs every delivery too" in page
    later = client.get(f"/webhooks/{mine.id}/").content.decode()
    assert new not in later and f"whsec_…{new[-4:]}" in later
    assert "the old one signs too until" in later


def test_the_page_refuses_an_overlap_it_does_not_offer(client, member):
    client.force_login(member)
    mine = SubscriptionFactory(owner=member)
    answer = client.post(f"/webhooks/{mine.id}/rotate-secret/", {"overlap_seconds": "99"})
    assert answer.status_code == 400
    assert Subscription.objects.get(id=mine.id).secret == mine.secret


def test_the_sweeper_forgets_a_replaced_secret_once_its_overlap_has_ended(member):
    ended, lasting = SubscriptionFactory(owner=member), SubscriptionFactory(owner=member)
    for subscription in (ended, lasting):
        subscription_secret_rotate(subscription=subscription, overlap_seconds=3600)
    _end_the_overlap(ended)
    send_due_deliveries()
    assert Subscription.objects.get(id=ended.id).previous_secret == ""
    assert Subscription.objects.get(id=lasting.id).previous_secret == lasting.previous_secret != ""
