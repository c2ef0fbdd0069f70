"""From a committed change to a delivery, in-process (embedded mode, tasks eager): the
change feed's commit signal wakes the dispatcher, which sends at once."""

import json

from claims.models import Change
from claims.services import claims_replace_for_article
from tests.claims.factories import SettlementFactory
from tests.webhooks.factories import SubscriptionFactory, claims_about
from tests.webhooks.receiver import Answer
from webhooks.models import Delivery


def test_a_committed_change_is_delivered_in_process(
    db, receiver, django_capture_on_commit_callbacks
):
    SubscriptionFactory(url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        claims_about()
    types = sorted(json.loads(r.body)["type"] for r in receiver.received)
    assert types == ["claim.created", "settlement-status.changed"]
    assert Delivery.objects.filter(status=Delivery.Status.DELIVERED).count() == 2


def test_a_removed_claim_reaches_its_settlements_subscribers_as_a_tombstone(
    db, receiver, django_capture_on_commit_callbacks
):
    toretsk = SettlementFactory(name="Toretsk")
    SubscriptionFactory(url=receiver.url, settlement=toretsk, event_types=["claim.removed"])
    (claim,) = claims_about(toretsk)
    with django_capture_on_commit_callbacks(execute=True):
        # Re-extraction finds nothing now: the unreviewed claim is removed.
        claims_replace_for_article(article=claim.article, conflict=claim.conflict, found=[])
    assert Change.objects.filter(event="claim.removed", object_id=claim.id).exists()
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["type"] == "claim.removed" and body["data"]["data"] is None
    assert body["data"]["object_id"] == claim.id


def test_a_redirect_is_an_answer_not_followed(db, receiver, django_capture_on_commit_callbacks):
    receiver.default = Answer(status=302, headers={"Location": "http://10.0.0.1/"})
    SubscriptionFactory(url=receiver.url, event_types=["claim.created"])
    with django_capture_on_commit_callbacks(execute=True):
        claims_about()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.last_status_code == 302
    assert len(receiver.received) == 1
