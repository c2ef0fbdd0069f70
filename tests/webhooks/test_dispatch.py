"""Change feed entries become deliveries: one per entry and matching subscription, however
often the dispatcher runs."""

import json

from claims.models import Change
from claims.services import review_add
from claims.vocabulary import ReviewVerdict
from tests.claims.factories import ConflictFactory, SettlementFactory, UserFactory
from tests.webhooks.factories import SubscriptionFactory, claims_about
from webhooks.models import Delivery, DispatchCursor
from webhooks.payloads import body
from webhooks.services.dispatch import changes_dispatch


def test_nothing_is_made_or_read_without_subscriptions(db, django_assert_num_queries):
    claims_about()
    with django_assert_num_queries(1):
        assert changes_dispatch() == ([], False)


def test_each_entry_gives_one_delivery_per_subscription_however_often_dispatched(db):
    everything = SubscriptionFactory()
    other = SubscriptionFactory()
    claims_about()
    made, more = changes_dispatch()
    entries = Change.objects.count()
    assert len(made) == 2 * entries and not more
    # Run again from the start: the unique (subscription, change) key adds nothing.
    DispatchCursor.objects.update(position=0)
    assert changes_dispatch() == ([], False)
    assert Delivery.objects.filter(subscription=everything).count() == entries
    assert Delivery.objects.filter(subscription=other).count() == entries


def test_entries_before_the_subscription_are_not_sent(db):
    claims_about()
    subscription = SubscriptionFactory()
    assert changes_dispatch() == ([], False)
    claims_about(day=9)
    made, _ = changes_dispatch()
    assert made and Delivery.objects.filter(subscription=subscription).count() == len(made)


def test_a_settlement_subscription_gets_that_settlement_only(db):
    toretsk, bakhmut = SettlementFactory(name="Toretsk"), SettlementFactory(name="Bakhmut")
    subscription = SubscriptionFactory(settlement=toretsk)
    (claim,) = claims_about(toretsk)
    claims_about(bakhmut)
    review_add(claim_id=claim.id, reviewer=UserFactory(), verdict=ReviewVerdict.CONFIRM)
    changes_dispatch()
    bodies = [
        json.loads(body(d.change)) for d in Delivery.objects.filter(subscription=subscription)
    ]
    about = {(b["data"]["entity"], b["data"]["object_id"]) for b in bodies}
    assert ("claim", claim.id) in about
    assert ("settlement-status", toretsk.id) in about
    assert ("settlement-status", bakhmut.id) not in about
    assert any(b["type"] == "review.added" for b in bodies)


def test_a_conflict_subscription_and_event_types_narrow_it(db):
    war, other_war = ConflictFactory(russia_ukraine=True), ConflictFactory(key="sudan")
    statuses_only = SubscriptionFactory(conflict=war, event_types=["settlement-status.changed"])
    claims_about(conflict=war)
    claims_about(conflict=other_war)
    changes_dispatch()
    sent = Delivery.objects.filter(subscription=statuses_only)
    assert sent.count() == 1
    assert {d.event for d in sent} == {"settlement-status.changed"}


def test_a_delivery_body_is_the_feed_entry_in_the_standard_envelope(db):
    SubscriptionFactory()
    (claim,) = claims_about()
    changes_dispatch()
    entry = Change.objects.get(entity="claim", object_id=claim.id)
    sent = json.loads(body(Delivery.objects.get(change=entry).change))
    assert sent["type"] == "claim.created"
    assert sent["data"]["data"]["id"] == claim.id
    assert sent["data"]["cursor"] and sent["timestamp"].endswith("Z")


def test_stopped_subscriptions_get_nothing(db):
    SubscriptionFactory(active=False)
    claims_about()
    assert changes_dispatch() == ([], False)
    assert not Delivery.objects.exists()
