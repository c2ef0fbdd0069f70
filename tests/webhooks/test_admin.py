"""Webhooks in the Django admin: subscriptions listed and opened with their secrets shown by
the last four characters only, stopped and switched on by an action; the delivery log
read-only (nothing added, changed or deleted there), each delivery with its attempts."""

import pytest
from django.urls import reverse

from tests.claims.factories import UserFactory
from tests.webhooks.factories import SubscriptionFactory, claims_about
from webhooks.models import Delivery, DeliveryAttempt, Subscription
from webhooks.services.dispatch import changes_dispatch
from webhooks.services.subscriptions import subscription_secret_rotate
from webhooks.tasks import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def delivered(receiver):
    SubscriptionFactory(url=receiver.url, description="Toretsk desk")
    claims_about()
    made, _ = changes_dispatch()
    deliver(made[0])
    return Delivery.objects.get(id=made[0])


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:webhooks_{model._meta.model_name}_{view}", args=args)


def test_no_page_shows_a_secret_in_full(admin_client, delivered):
    subscription = delivered.subscription
    old = subscription.secret
    new = subscription_secret_rotate(subscription=subscription, overlap_seconds=3600).secret
    pages = [
        admin_client.get(_url(Subscription, "changelist")),
        admin_client.get(_url(Subscription, "change", subscription.id)),
        admin_client.get(_url(Delivery, "changelist")),
        admin_client.get(_url(Delivery, "change", delivered.id)),
    ]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert old not in html and new not in html
        assert old[6:-4] not in html and new[6:-4] not in html
    assert f"whsec_…{new[-4:]}" in pages[0].content.decode()
    assert "Toretsk desk" in pages[1].content.decode()


def test_the_delivery_log_is_read_only(admin_client, delivered):
    change = _url(Delivery, "change", delivered.id)
    page = admin_client.get(change).content.decode()
    assert delivered.message_id in page and "ok" in page  # the attempt's answer
    assert 'name="_save"' not in page
    assert admin_client.get(_url(Delivery, "add")).status_code == 403
    assert admin_client.get(_url(Delivery, "delete", delivered.id)).status_code == 403
    admin_client.post(change, {"status": "failed", "attempts": 99})
    delivered.refresh_from_db()
    assert delivered.status == Delivery.Status.DELIVERED and delivered.attempts == 1
    assert DeliveryAttempt.objects.filter(delivery=delivered).count() == 1


def test_subscriptions_are_not_made_or_edited_field_by_field(admin_client, delivered):
    subscription = delivered.subscription
    assert admin_client.get(_url(Subscription, "add")).status_code == 403
    admin_client.post(
        _url(Subscription, "change", subscription.id),
        {"url": "http://10.0.0.1/", "secret": "whsec_AAAA", "active": ""},
    )
    unchanged = Subscription.objects.get(id=subscription.id)
    assert unchanged.url == subscription.url and unchanged.secret == subscription.secret


def test_an_admin_stops_and_switches_on_subscriptions_by_action(admin_client, db):
    first, second = SubscriptionFactory(), SubscriptionFactory()
    changelist = _url(Subscription, "changelist")
    admin_client.post(changelist, {"action": "stop", "_selected_action": [first.id, second.id]})
    assert not Subscription.objects.filter(active=True).exists()
    assert Subscription.objects.get(id=first.id).disabled_reason == "Stopped by an administrator."
    admin_client.post(changelist, {"action": "switch_on", "_selected_action": [first.id]})
    assert list(Subscription.objects.filter(active=True)) == [first]
