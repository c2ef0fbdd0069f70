"""The pages for a user's own webhooks: subscribe (secret shown once), the delivery log,
replay, stop, switch on, remove."""

import pytest

from tests.claims.factories import UserFactory
from tests.webhooks.factories import SubscriptionFactory, claims_about
from webhooks.models import Delivery, Subscription
from webhooks.services.dispatch import changes_dispatch
from webhooks.tasks import deliver


@pytest.fixture
def member(db):
    return UserFactory(username="desk")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_the_pages_need_a_login(client, db):
    answer = client.get("/webhooks/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_subscribing_shows_the_secret_on_that_page_only(signed_in, receiver):
    answer = signed_in.post("/webhooks/", {"url": receiver.url, "description": "Desk «Київ»"})
    assert answer.status_code == 201
    made = Subscription.objects.get()
    assert made.secret in answer.content.decode()
    later = signed_in.get("/webhooks/").content.decode()
    assert made.secret not in later and "Desk «Київ»" in later


@pytest.mark.parametrize(
    "url", ["", "http://127.0.0.1:1/", "http://10.1.2.3/", "gopher://x/", "x" * 3000]
)
def test_refused_targets_are_shown_on_the_form(signed_in, url):
    answer = signed_in.post("/webhooks/", {"url": url})
    assert answer.status_code == 400
    assert not Subscription.objects.exists()


def test_markup_in_a_description_is_shown_as_text(signed_in, member):
    SubscriptionFactory(owner=member, description="<script>alert(1)</script>")
    page = signed_in.get("/webhooks/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_log_shows_attempts_and_a_replay_sends_again(
    signed_in, member, receiver, django_capture_on_commit_callbacks
):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    claims_about()
    made, _ = changes_dispatch()
    deliver(made[0])
    page = signed_in.get(f"/webhooks/{mine.id}/").content.decode()
    assert Delivery.objects.get(id=made[0]).message_id in page and "HTTP 200" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = signed_in.post(f"/webhooks/{mine.id}/actions/", {"replay": str(made[0])})
    assert answer.status_code == 302
    assert len(receiver.received) == 2


@pytest.mark.parametrize("value", ["", "abc", "9" * 40, "-1", "999999"])
def test_a_bad_replay_value_is_a_message_not_an_error(signed_in, member, value):
    mine = SubscriptionFactory(owner=member)
    answer = signed_in.post(f"/webhooks/{mine.id}/actions/", {"replay": value}, follow=True)
    assert answer.status_code == 200
    assert "no such delivery" in answer.content.decode()


def test_stop_switch_on_and_remove(signed_in, member):
    mine = SubscriptionFactory(owner=member)
    signed_in.post(f"/webhooks/{mine.id}/actions/", {"stop": "1"})
    mine.refresh_from_db()
    assert not mine.active
    signed_in.post(f"/webhooks/{mine.id}/actions/", {"start": "1"})
    mine.refresh_from_db()
    assert mine.active
    signed_in.post(f"/webhooks/{mine.id}/actions/", {"delete": "1"})
    assert not Subscription.objects.exists()


def test_another_users_subscription_is_not_found(signed_in):
    theirs = SubscriptionFactory(owner=UserFactory(username="other"))
    assert signed_in.get(f"/webhooks/{theirs.id}/").status_code == 404
    assert signed_in.post(f"/webhooks/{theirs.id}/actions/", {"delete": "1"}).status_code == 404
    assert Subscription.objects.filter(id=theirs.id).exists()


def test_the_log_page_keeps_its_query_count(
    signed_in, member, receiver, django_assert_max_num_queries
):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    for day in (8, 9, 10):
        claims_about(day=day)
    for delivery_id in changes_dispatch()[0]:
        deliver(delivery_id)
    with django_assert_max_num_queries(12):
        assert signed_in.get(f"/webhooks/{mine.id}/").status_code == 200
