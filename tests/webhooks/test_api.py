"""The webhooks API: a user's own subscriptions, created with a secret shown once, target
URLs checked after DNS resolution, errors in the problem shape, delivery log and replay."""

import pytest
from rest_framework.test import APIClient

from tests.claims.factories import ConflictFactory, SettlementFactory, UserFactory
from tests.problems import errors_of, named, problem
from tests.webhooks.factories import SubscriptionFactory, claims_about
from webhooks.models import Delivery, Subscription
from webhooks.services.dispatch import changes_dispatch
from webhooks.tasks import deliver

URL = "/api/v1/webhooks/"


@pytest.fixture
def member(db):
    return UserFactory(username="desk")


@pytest.fixture
def api(member):
    client = APIClient()
    client.force_authenticate(member)
    return client


def test_anonymous_clients_may_not_list_or_subscribe(db):
    assert problem(APIClient().get(URL))["status"] == 403
    assert problem(APIClient().post(URL, {"url": "http://127.0.0.1/"}, format="json"))


def test_subscribing_answers_the_secret_once(api, member, receiver):
    settlement = SettlementFactory(name="Toretsk")
    answer = api.post(
        URL,
        {"url": receiver.url, "settlement": settlement.id, "event_types": ["review.added"]},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["secret"].startswith("whsec_")
    assert body["settlement"] == settlement.id and body["event_types"] == ["review.added"]
    assert answer["Location"].endswith(f"{URL}{body['id']}/")
    listed = api.get(URL).json()["results"]
    assert [s["id"] for s in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in api.get(f"{URL}{body['id']}/").json()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/hook", "http://localhost/hook", "http://10.0.0.7/",
     "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/"],
)  # fmt: skip
def test_private_and_loopback_targets_are_refused_after_resolution(api, url):
    answer = api.post(URL, {"url": url}, format="json")
    assert answer.status_code == 400
    assert problem(answer)["code"] == "target_refused"
    assert "url" in named(answer)
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["", " ", "ftp://example.org/", "javascript:alert(1)", "http://user:pw@example.org/",
     "http://exa mple.org/", "http://[zz::1]/", "http://example.org:99999/", "Торецьк",
     "http://" + "a" * 2100 + ".org/", "http://nonexistent.invalid/"],
)  # fmt: skip
def test_malformed_hostile_and_unresolvable_urls_are_refused(api, url):
    answer = api.post(URL, {"url": url}, format="json")
    assert answer.status_code == 400, answer.content
    assert "url" in named(answer)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "url"),
        ({"url": "http://127.0.0.1/", "event_types": ["claim.exploded"]}, "event_types"),
        ({"url": "http://127.0.0.1/", "event_types": "claim.created"}, "event_types"),
        ({"url": "http://127.0.0.1/", "settlement": "Торецьк"}, "settlement"),
        ({"url": "http://127.0.0.1/", "settlement": -1}, "settlement"),
        ({"url": "http://127.0.0.1/", "settlement": 10**30}, "settlement"),
        ({"url": "http://127.0.0.1/", "settlement": 999999}, "settlement"),
        ({"url": "http://127.0.0.1/", "conflict": "no-such-war"}, "conflict"),
        ({"url": "http://127.0.0.1/", "conflict": "<script>"}, "conflict"),
        ({"url": "http://127.0.0.1/", "description": "x" * 201}, "description"),
    ],
)
def test_bad_fields_are_named(api, receiver, body, field):
    answer = api.post(URL, body, format="json")
    assert answer.status_code == 400, answer.content
    assert field in named(answer)


def test_a_conflict_and_a_settlement_at_once_are_refused(api, receiver):
    war, town = ConflictFactory(russia_ukraine=True), SettlementFactory()
    answer = api.post(
        URL, {"url": receiver.url, "conflict": war.key, "settlement": town.id}, format="json"
    )
    assert answer.status_code == 400 and "settlement" in named(answer)


def test_a_huge_or_malformed_body_is_refused(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = api.post(URL, '{"url": "' + "x" * 5000 + '"}', content_type="application/json")
    assert big.status_code == 413
    broken = api.post(URL, '{"url": ', content_type="application/json")
    assert broken.status_code == 400 and problem(broken)["code"] == "parse_error"


def test_there_is_a_limit_per_account(api, receiver, settings):
    settings.WEBHOOK_MAX_SUBSCRIPTIONS_PER_USER = 2
    for _ in range(2):
        assert api.post(URL, {"url": receiver.url}, format="json").status_code == 201
    third = api.post(URL, {"url": receiver.url}, format="json")
    assert third.status_code == 400 and problem(third)["code"] == "too_many_subscriptions"


def test_another_users_subscription_is_not_found(api):
    theirs = SubscriptionFactory(owner=UserFactory(username="other"))
    for answer in (
        api.get(f"{URL}{theirs.id}/"),
        api.patch(f"{URL}{theirs.id}/", {"active": False}, format="json"),
        api.delete(f"{URL}{theirs.id}/"),
        api.get(f"{URL}{theirs.id}/deliveries/"),
    ):
        assert problem(answer)["status"] == 404
    assert Subscription.objects.get(id=theirs.id).active


def test_stop_and_switch_on_and_remove(api, member):
    mine = SubscriptionFactory(owner=member)
    stopped = api.patch(f"{URL}{mine.id}/", {"active": False}, format="json")
    assert stopped.status_code == 200 and stopped.json()["active"] is False
    on = api.patch(f"{URL}{mine.id}/", {"active": True, "description": "Київ"}, format="json")
    assert on.json()["active"] is True and on.json()["description"] == "Київ"
    assert api.delete(f"{URL}{mine.id}/").status_code == 204
    assert not Subscription.objects.exists()


def test_unknown_query_parameters_are_refused(api):
    assert "colour" in named(api.get(URL, {"colour": "red"}))


def test_the_delivery_log_and_replay(api, member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    claims_about()
    made, _ = changes_dispatch()
    for delivery_id in made:
        deliver(delivery_id)
    log = api.get(f"{URL}{mine.id}/deliveries/").json()["results"]
    assert {d["status"] for d in log} == {"delivered"}
    first = log[-1]
    assert first["attempts_log"][0]["status_code"] == 200
    assert first["payload"]["type"] == first["event"]
    replay = api.post(f"{URL}{mine.id}/deliveries/{first['id']}/replay/")
    assert replay.status_code == 202 and replay.json()["status"] == "pending"
    again = api.post(f"{URL}{mine.id}/deliveries/{first['id']}/replay/")
    assert problem(again)["status"] == 409
    assert problem(api.post(f"{URL}{mine.id}/deliveries/999999/replay/"))["status"] == 404


def test_a_replay_is_sent_after_the_request_commits(
    api, member, receiver, django_capture_on_commit_callbacks
):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    claims_about()
    made, _ = changes_dispatch()
    deliver(made[0])
    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"{URL}{mine.id}/deliveries/{made[0]}/replay/")
    assert Delivery.objects.get(id=made[0]).attempts == 2
    assert len(receiver.received) == 2


def test_lists_do_not_grow_queries_with_rows(api, member, django_assert_max_num_queries):
    for _ in range(5):
        SubscriptionFactory(owner=member)
    with django_assert_max_num_queries(4):
        assert len(api.get(URL).json()["results"]) == 5


def test_the_schema_documents_the_webhooks(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/webhooks/" in schema["paths"]
    replay = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/replay/"
    assert "202" in schema["paths"][replay]["post"]["responses"]
    assert "Standard Webhooks" in schema["paths"]["/api/v1/webhooks/"]["get"]["description"]


def test_errors_name_the_field_on_update(api, member):
    mine = SubscriptionFactory(owner=member)
    answer = api.patch(f"{URL}{mine.id}/", {"url": "http://192.168.1.1/"}, format="json")
    assert errors_of(answer, "url")


def test_the_delivery_log_pages_and_refuses_other_parameters(api, member, receiver):
    mine = SubscriptionFactory(owner=member, url=receiver.url)
    for day in (8, 9):
        claims_about(day=day)
    changes_dispatch()
    total = Delivery.objects.filter(subscription=mine).count()
    second = api.get(f"{URL}{mine.id}/deliveries/", {"page": 2, "page_size": 1})
    assert second.status_code == 200 and second.json()["count"] == total
    assert 'rel="next"' in second["Link"]
    assert "status" in named(api.get(f"{URL}{mine.id}/deliveries/", {"status": "failed"}))
    assert "page_size" in named(api.get(f"{URL}{mine.id}/deliveries/", {"page_size": "∞"}))
