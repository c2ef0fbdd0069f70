"""Webhooks end to end through a real Celery worker consuming from Redis, to a real local
receiver: signatures verify with the package's own verifier, a receiver that is down for
a while gets every delivery once it is back (exactly once each), and a replay arrives."""

import json

import pytest
from rest_framework.test import APIClient
from standardwebhooks.webhooks import Webhook

from claims.models import Change
from claims.services import review_add
from claims.vocabulary import ReviewVerdict
from tests.claims.factories import SettlementFactory, UserFactory
from tests.realstack import wait_for, worker_consuming
from tests.webhooks.factories import claims_about
from webhooks.models import Delivery
from webhooks.payloads import payload


@pytest.fixture
def webhook_worker(transactional_db, tmp_path, monkeypatch):
    # The worker reads its settings from the environment: loopback allowed by name, and
    # retries a second or two apart so "down for a while" takes seconds, not hours.
    monkeypatch.setenv("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1")
    monkeypatch.setenv("WEBHOOK_RETRY_BASE_SECONDS", "1")
    monkeypatch.setenv("WEBHOOK_RETRY_MAX_SECONDS", "2")
    monkeypatch.setenv("WEBHOOK_MAX_ATTEMPTS", "60")
    with worker_consuming(log_path=tmp_path / "worker.log") as worker:
        yield worker.log_path


@pytest.mark.worker
def test_a_receiver_down_for_a_while_gets_every_delivery_once_then_a_replay(
    webhook_worker, receiver
):
    log = webhook_worker
    owner = UserFactory(username="desk")
    api = APIClient()
    api.force_authenticate(owner)
    toretsk = SettlementFactory(name="Toretsk")
    made = api.post("/api/v1/webhooks/", {"url": receiver.url, "settlement": toretsk.id},
                    format="json")  # fmt: skip
    assert made.status_code == 201, made.content
    secret, subscription_id = made.json()["secret"], made.json()["id"]
    start = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0

    receiver.stop()  # down: connections are refused
    claims = claims_about(toretsk) + claims_about(toretsk, day=9, by="ukraine")
    review_add(claim_id=claims[0].id, reviewer=owner, verdict=ReviewVerdict.CONFIRM)
    expected = Change.objects.filter(id__gt=start).count()
    assert expected >= 5

    def all_failed_twice() -> bool:
        rows = Delivery.objects.filter(subscription_id=subscription_id)
        return rows.count() == expected and all(d.attempts >= 2 for d in rows)

    wait_for(all_failed_twice, timeout=90, what="deliveries to fail while down", log=log)
    assert receiver.received == []

    receiver.start()  # back, on the same port

    def all_delivered() -> bool:
        rows = Delivery.objects.filter(subscription_id=subscription_id)
        return all(d.status == Delivery.Status.DELIVERED for d in rows)

    wait_for(all_delivered, timeout=90, what="every delivery once the receiver is back", log=log)
    deliveries = {d.message_id: d for d in Delivery.objects.filter(subscription_id=subscription_id)}
    got = [r.headers["webhook-id"] for r in receiver.received]
    assert sorted(got) == sorted(deliveries)  # every one, each exactly once
    verifier = Webhook(secret)
    entries = set()
    for request in receiver.received:
        verified = verifier.verify(request.body, request.headers)
        entries.add(verified["data"]["cursor"])
    assert len(entries) == expected

    # Replay one through the API: the same id and body, a fresh valid signature.
    first = min(deliveries.values(), key=lambda d: d.id)
    replay = api.post(f"/api/v1/webhooks/{subscription_id}/deliveries/{first.id}/replay/")
    assert replay.status_code == 202, replay.content
    wait_for(lambda: len(receiver.received) == len(deliveries) + 1, timeout=60,
             what="the replay to arrive", log=log)  # fmt: skip
    again = receiver.received[-1]
    assert again.headers["webhook-id"] == first.message_id
    assert json.loads(again.body) == payload(first.change)
    verifier.verify(again.body, again.headers)
    assert "webhooks.tasks.deliver" in log.read_text()
