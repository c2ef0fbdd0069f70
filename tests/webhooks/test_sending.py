"""Sending deliveries to a real local receiver: signed, retried with back-off, Retry-After
honoured, stopped on 410, refused targets never reached, replayed on request."""

import datetime as dt
import email.utils
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from conflictwatch.core.exceptions import ConflictError
from tests.webhooks.factories import SubscriptionFactory, claims_about
from tests.webhooks.receiver import Answer
from webhooks.models import Delivery
from webhooks.services.dispatch import changes_dispatch
from webhooks.services.sending import delivery_replay, delivery_send, retry_after_seconds
from webhooks.tasks import deliver


@pytest.fixture
def one_delivery(db, receiver):
    SubscriptionFactory(url=receiver.url)
    claims_about()
    made, _ = changes_dispatch()
    first = Delivery.objects.filter(id__in=made).order_by("id").first()
    Delivery.objects.exclude(id=first.id).delete()
    return first


def _due_now(delivery: Delivery) -> None:
    Delivery.objects.filter(id=delivery.id).update(next_attempt_at=timezone.now())


def test_a_delivery_arrives_signed_and_verifies_with_the_package(one_delivery, receiver):
    deliver(one_delivery.id)
    one_delivery.refresh_from_db()
    assert one_delivery.status == Delivery.Status.DELIVERED
    (got,) = receiver.received
    payload = Webhook(one_delivery.subscription.secret).verify(got.body, got.headers)
    assert payload["type"] == one_delivery.event
    assert got.headers["webhook-id"] == one_delivery.message_id
    assert got.headers["Content-Type"] == "application/json"
    attempt = one_delivery.attempt_log.get()
    assert attempt.status_code == 200 and attempt.response_snippet == "ok"


def test_a_failing_receiver_is_retried_with_growing_waits_then_given_up(
    one_delivery, receiver, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 4
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    receiver.default = Answer(status=500, body=b"boom " * 2000)
    waits = []
    for _ in range(4):
        _due_now(one_delivery)
        before = timezone.now()
        sent = delivery_send(delivery_id=one_delivery.id)
        if sent.next_attempt_at:
            waits.append((sent.next_attempt_at - before).total_seconds())
    assert sent.status == Delivery.Status.FAILED and sent.attempts == 4
    # 10, 20, 40 s (each plus at most a tenth of jitter), then no more attempts.
    assert [round(w, -1) for w in waits] == [10, 20, 40]
    attempts = list(sent.attempt_log.all())
    assert [a.status_code for a in attempts] == [500] * 4
    assert len(attempts[0].response_snippet) == settings.WEBHOOK_RESPONSE_SNIPPET_BYTES


def test_a_delivery_that_is_not_due_is_not_sent(one_delivery, receiver):
    Delivery.objects.filter(id=one_delivery.id).update(
        next_attempt_at=timezone.now() + dt.timedelta(minutes=5)
    )
    assert delivery_send(delivery_id=one_delivery.id) is None
    assert receiver.received == []


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_in_seconds_is_honoured(one_delivery, receiver, settings, status):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 1
    receiver.script = [Answer(status=status, headers={"Retry-After": "120"})]
    before = timezone.now()
    sent = delivery_send(delivery_id=one_delivery.id)
    assert sent.status == Delivery.Status.PENDING
    assert 119 <= (sent.next_attempt_at - before).total_seconds() <= 122


def test_retry_after_as_a_date_and_nonsense():
    now = dt.datetime(2025, 2, 9, 12, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(minutes=3), usegmt=True)
    assert retry_after_seconds(later, now=now) == 180
    assert retry_after_seconds("", now=now) is None
    assert retry_after_seconds("soon, перезвоните", now=now) is None
    assert retry_after_seconds("9" * 400, now=now) > 0


def test_a_huge_retry_after_is_capped(one_delivery, receiver, settings):
    settings.WEBHOOK_RETRY_MAX_SECONDS = 600
    receiver.script = [Answer(status=429, headers={"Retry-After": "99999999"})]
    before = timezone.now()
    sent = delivery_send(delivery_id=one_delivery.id)
    assert (sent.next_attempt_at - before).total_seconds() <= 601


def test_410_gone_stops_the_subscription(one_delivery, receiver):
    receiver.script = [Answer(status=410, body=b"gone")]
    sent = delivery_send(delivery_id=one_delivery.id)
    assert sent.status == Delivery.Status.FAILED and sent.next_attempt_at is None
    subscription = sent.subscription
    subscription.refresh_from_db()
    assert not subscription.active and "410" in subscription.disabled_reason
    # Later entries make no deliveries for it.
    claims_about(day=10)
    assert changes_dispatch() == ([], False)


def test_a_target_refused_at_send_time_is_never_reached(one_delivery, receiver, settings):
    # Subscribed while allowed; the name is no longer allowed (as if its DNS now pointed
    # at a private address).
    settings.OUTBOUND_ALLOWED_HOSTS = []
    sent = delivery_send(delivery_id=one_delivery.id)
    assert sent.status == Delivery.Status.FAILED
    assert "private or local" in sent.last_error
    assert receiver.received == []


def test_no_answer_is_retried(one_delivery, receiver):
    receiver.stop()
    sent = delivery_send(delivery_id=one_delivery.id)
    assert sent.status == Delivery.Status.PENDING and sent.last_status_code is None
    assert sent.attempt_log.get().error


def test_replay_sends_the_same_message_again_with_a_fresh_signature(one_delivery, receiver):
    deliver(one_delivery.id)
    one_delivery.refresh_from_db()
    replayed = delivery_replay(delivery=one_delivery)
    assert replayed.status == Delivery.Status.PENDING
    deliver(replayed.id)
    first, again = receiver.received
    assert first.body == again.body
    assert first.headers["webhook-id"] == again.headers["webhook-id"]
    Webhook(one_delivery.subscription.secret).verify(again.body, again.headers)
    replayed.refresh_from_db()
    assert replayed.status == Delivery.Status.DELIVERED
    assert [a.replay for a in replayed.attempt_log.all()] == [False, True]


def test_an_open_delivery_or_a_stopped_subscription_cannot_be_replayed(one_delivery):
    with pytest.raises(ConflictError):
        delivery_replay(delivery=one_delivery)  # still pending
    Delivery.objects.filter(id=one_delivery.id).update(status=Delivery.Status.FAILED)
    one_delivery.subscription.active = False
    one_delivery.subscription.save()
    one_delivery.refresh_from_db()
    with pytest.raises(ConflictError):
        delivery_replay(delivery=one_delivery)


def test_the_command_dispatches_and_sends_what_is_due(db, receiver):
    SubscriptionFactory(url=receiver.url)
    claims_about()
    out = StringIO()
    call_command("send_webhooks", stdout=out)
    assert Delivery.objects.filter(status=Delivery.Status.DELIVERED).count() == len(
        receiver.received
    )
    assert receiver.received and "attempts made" in out.getvalue()
