"""Editors pause and resume feeds through the API (issue #9): a paused feed is not polled,
a resumed one is due at once with its failures cleared, nobody else may do either, and odd
requests are clear 4xx answers in the problem shape, never a 5xx."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from sources.models import Feed
from sources.services import feed_create, feed_pause, feed_poll, feeds_due
from tests.claims.api.clients import member_of, token_client
from tests.problems import problem

pytestmark = pytest.mark.django_db

RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
    b"<link>http://example.org/</link></channel></rss>"
)


def pause_url(feed_id, action: str = "pause") -> str:
    return f"/api/v1/feeds/{feed_id}/{action}/"


@pytest.fixture
def feed(site):
    url = site.route("/feed.xml", body=RSS, content_type="application/rss+xml")
    return feed_create(url=url, title="Київ Пост — стрічка", outlet_name="Київ Пост")


@pytest.fixture
def desk():
    return token_client(member_of("editor", "desk"))


def test_an_editor_pauses_a_feed_and_it_is_no_longer_polled(desk, feed, site):
    response = desk.post(pause_url(feed.id))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["active"], body["health"]) == (False, Feed.Health.PAUSED)
    assert body["title"] == "Київ Пост — стрічка"
    assert feed.id not in feeds_due()
    # A poll queued before the pause finds the feed paused and leaves the server alone.
    assert feed_poll(feed_id=feed.id).outcome == "paused"
    assert site.requests == []


def test_resuming_makes_a_paused_feed_due_at_once_with_its_failures_cleared(desk, feed):
    Feed.objects.filter(id=feed.id).update(active=False, consecutive_failures=20)
    response = desk.post(pause_url(feed.id, "resume"))
    assert response.status_code == 200, response.content
    assert (response.json()["active"], response.json()["consecutive_failures"]) == (True, 0)
    assert feed.id in feeds_due()


def test_pausing_twice_or_resuming_an_active_feed_is_harmless(desk, feed):
    assert [desk.post(pause_url(feed.id)).status_code for _ in range(2)] == [200, 200]
    assert [desk.post(pause_url(feed.id, "resume")).status_code for _ in range(2)] == [200, 200]
    feed.refresh_from_db()
    assert feed.active and feed.health == Feed.Health.NEW


@pytest.mark.parametrize("action", ["pause", "resume"])
def test_only_editors_pause_or_resume(feed, editor_api_client, action):
    Feed.objects.filter(id=feed.id).update(active=action == "pause")
    bad_token = APIClient()
    bad_token.credentials(HTTP_AUTHORIZATION="Token " + "f" * 64)
    callers = {
        "anonymous": (APIClient(), 403),
        "bad token": (bad_token, 401),
        "analyst": (token_client(member_of("analyst", "reader")), 403),
        # May add feeds, but managing them is the editor group's change permission.
        "adder only": (editor_api_client, 403),
    }
    for name, (client, refused) in callers.items():
        response = client.post(pause_url(feed.id, action))
        assert response.status_code == refused, name
        assert problem(response)["status"] == refused
    assert Feed.objects.get(id=feed.id).active == (action == "pause")


@pytest.mark.parametrize(
    "feed_id", ["999999", "abc", "-1", "1e3", "٣", "%00", "9" * 40, "1;DROP TABLE sources_feed"]
)
def test_a_feed_that_is_not_there_is_a_404_problem(desk, feed, feed_id):
    response = desk.post(pause_url(feed_id))
    assert response.status_code == 404
    assert problem(response)["status"] == 404
    assert Feed.objects.get(id=feed.id).active


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/json"),
        ("{not json", "application/json"),
        ('{"active": true, "url": "file:///etc/passwd"}', "application/json"),
        ('{"note": "пауза — 暂停"}', "application/json"),
        ("<feed/>", "application/xml"),
    ],
    ids=["empty", "malformed", "hostile", "non-english", "unsupported"],
)
def test_a_pause_takes_no_body_and_is_not_steered_by_one(desk, feed, body, content_type):
    response = desk.post(pause_url(feed.id), body, content_type=content_type)
    assert response.status_code < 500
    feed.refresh_from_db()
    assert feed.url.endswith("/feed.xml")
    if response.status_code == 200:
        assert not feed.active
    else:
        assert problem(response)["status"] == response.status_code


def test_a_huge_body_is_refused_or_ignored_never_a_server_error(desk, feed):
    response = desk.post(pause_url(feed.id), "x" * 3_000_000, content_type="application/json")
    assert response.status_code < 500


def test_pause_and_resume_take_post_only(desk, feed):
    assert desk.get(pause_url(feed.id)).status_code == 405
    assert desk.delete(pause_url(feed.id, "resume")).status_code == 405
    assert Feed.objects.get(id=feed.id).active


@pytest.mark.django_db(transaction=True)
def test_a_pause_made_while_a_poll_is_on_the_network_is_kept(site):
    """The poll holds its own copy of the row for as long as the server takes; writing it
    back must not undo an editor's pause."""
    url = site.route("/slow.xml", body=RSS, content_type="application/rss+xml", delay=1.5)
    feed = feed_create(url=url)
    results = []

    def poll():
        try:
            results.append(feed_poll(feed_id=feed.id).outcome)
        finally:
            connection.close()

    polling = threading.Thread(target=poll)
    polling.start()
    while not site.requests:  # the poll has loaded the feed and is waiting on the server
        polling.join(0.05)
    feed_pause(feed_id=feed.id)
    polling.join(30)
    assert results == ["new"]
    feed.refresh_from_db()
    assert not feed.active and feed.last_success_at is not None
