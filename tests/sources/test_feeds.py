"""Feeds polled from a real local server: conditional GET, entries becoming fetches (and
then articles), a 10,000-entry feed, an XML bomb, a mislabelled encoding, a slow drip and
a redirect to a loopback address, each ending in a clear state on the feed, nothing lost."""

import datetime as dt
import io
import tracemalloc

import pytest
import redis
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from sources.models import Article, Feed, Fetch
from sources.services import feed_create, feed_poll
from tests.realstack import app_pointed_at, new_queue
from tests.sources.site import article_page

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/feeds/"


def rss(items: list[tuple[str, str]], *, encoding: str = "utf-8", title: str = "Wire") -> str:
    entries = "".join(
        f"<item><title>{headline}</title><link>{link}</link>"
        "<pubDate>Mon, 10 Feb 2025 08:00:00 GMT</pubDate>"
        f"<description>{headline}</description></item>"
        for headline, link in items
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{entries}</channel></rss>"
    )


def story_page(number: int) -> bytes:
    return article_page(
        title=f"Story {number}",
        paragraphs=[f"Russia's defence ministry said its forces had captured village {number}."] * 2
        + [f"Kyiv denied the claim about village {number} and said fighting went on."],
    ).encode()


@pytest.fixture
def wire(site):
    for number in (1, 2):
        site.route(f"/story/{number}", body=story_page(number))
    items = [(f"Story {n}", site.url(f"/story/{n}?utm_source=rss")) for n in (1, 2)]
    url = site.route(
        "/feed.xml", body=rss(items).encode(), content_type="application/rss+xml", etag='"v1"'
    )
    return feed_create(url=url, outlet_name="Meridian Wire")


def test_a_poll_turns_each_entry_into_an_article_and_the_feed_is_healthy(
    wire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = feed_poll(feed_id=wire.id)
    assert (result.outcome, result.entries, result.new_fetches) == ("new", 2, 2)
    articles = Article.objects.order_by("title")
    assert [a.title for a in articles] == ["Story 1", "Story 2"]
    assert {a.origin for a in articles} == {Article.Origin.FEED}
    assert {a.feed_id for a in articles} == {wire.id}
    wire.refresh_from_db()
    assert wire.health == Feed.Health.OK and wire.etag == '"v1"'
    assert wire.title == "Wire"
    assert wire.next_poll_at > timezone.now() + dt.timedelta(seconds=800)


def test_the_second_poll_is_a_conditional_get_that_transfers_and_creates_nothing(
    wire, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=wire.id)
    before = (Fetch.objects.count(), Article.objects.count(), len(site.requests))
    with django_capture_on_commit_callbacks(execute=True):
        result = feed_poll(feed_id=wire.id)
    assert result.outcome == "not_modified"
    path, headers = site.requests[-1]
    assert path == "/feed.xml" and headers["If-None-Match"] == '"v1"'
    assert (Fetch.objects.count(), Article.objects.count(), len(site.requests)) == (
        before[0],
        before[1],
        before[2] + 1,
    )


def test_a_server_ignoring_the_etag_still_creates_nothing_twice(
    wire, site, django_capture_on_commit_callbacks
):
    site.routes["/feed.xml"].etag = ""
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=wire.id)
        second = feed_poll(feed_id=wire.id)
    assert second.new_fetches == 0
    assert Fetch.objects.count() == 2 and Article.objects.count() == 2


def test_a_feed_of_ten_thousand_entries_queues_ten_thousand_fetches(
    site, own_redis, django_capture_on_commit_callbacks
):
    """On a real Redis the test starts, with no worker: every entry is a pending fetch with
    its message waiting on the fetch queue."""
    items = [(f"Item {n}", f"http://news.example/{n}") for n in range(10_000)]
    url = site.route("/big.xml", body=rss(items).encode(), content_type="application/xml")
    feed = feed_create(url=url)
    with (
        app_pointed_at(broker=own_redis.url, queue=new_queue()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = feed_poll(feed_id=feed.id)
    depth = redis.Redis.from_url(own_redis.url).llen("fetch")
    assert result.entries == 10_000 and result.new_fetches == 10_000
    assert Fetch.objects.filter(feed=feed, status=Fetch.Status.PENDING).count() == 10_000
    assert not Fetch.objects.filter(queued_at__isnull=True).exists()
    assert depth == 10_000


def _bomb(levels: int = 9) -> str:
    """The billion laughs: &lol9; is 10**9 "lol"s, 3 GB of text from an 800-byte feed."""
    return (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, levels + 1)
        )
        + f']><rss version="2.0"><channel><title>&lol{levels};</title>'
        f"<item><title>&lol{levels};</title><link>http://news.example/bomb</link></item>"
        "</channel></rss>"
    )


def test_an_xml_bomb_is_not_expanded(site):
    feed = feed_create(url=site.route("/bomb.xml", body=_bomb().encode(), content_type="text/xml"))
    tracemalloc.start()
    try:
        result = feed_poll(feed_id=feed.id)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The entities are never expanded, not even the first few million: the poll's memory
    # stays that of an ordinary small feed (expanding until the XML parser's own
    # amplification limit stops it took some 60 MB here, from an 800-byte feed).
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB"
    assert result.outcome == "new"  # the feed is read, its entities left as written
    [fetch] = Fetch.objects.all()
    assert fetch.url == "http://news.example/bomb"
    assert fetch.hints["title"].count("lol") <= 1


def test_a_mislabelled_encoding_gives_the_right_titles(site):
    items = [("Війська захопили Торецьк", "http://news.example/ua-1")]
    body = rss(items).encode("cp1251")  # says utf-8 in the prolog and the header
    feed = feed_create(
        url=site.route("/ua.xml", body=body, content_type="application/rss+xml; charset=utf-8")
    )
    assert feed_poll(feed_id=feed.id).outcome == "new"
    assert Fetch.objects.get().hints["title"] == "Війська захопили Торецьк"


def test_a_slow_drip_feed_fails_with_a_timeout_and_backs_off(site, settings):
    settings.FETCH_TIMEOUT_SECONDS = 1
    url = site.route("/drip.xml", body=rss([]).encode(), content_type="text/xml", drip=0.05)
    feed = feed_create(url=url, poll_interval_seconds=600)
    for expected_failures in (1, 2):
        result = feed_poll(feed_id=feed.id)
        assert result.outcome == "failed"
        feed.refresh_from_db()
        assert feed.consecutive_failures == expected_failures
    assert feed.health == Feed.Health.FAILING
    assert "took too long" in feed.last_error
    # Two failures in a row: four times the interval before the next try.
    assert feed.next_poll_at > timezone.now() + dt.timedelta(seconds=2300)


def test_a_feed_redirecting_to_loopback_is_refused(site, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]  # the feed's own host, by name only
    site.route("/internal.xml", body=rss([]).encode(), content_type="text/xml")
    url = site.route("/moved.xml", status=301, headers={"Location": site.url("/internal.xml")})
    feed = feed_create(url=url.replace("127.0.0.1", "localhost"))
    result = feed_poll(feed_id=feed.id)
    assert result.outcome == "failed"
    assert "127.0.0.1" in result.error and "private or local" in result.error
    assert [path for path, _ in site.requests] == ["/moved.xml"]


def test_a_feed_failing_many_times_is_paused(site):
    feed = feed_create(url=site.url("/nothing.xml"))
    Feed.objects.filter(id=feed.id).update(consecutive_failures=19)
    feed_poll(feed_id=feed.id)
    feed.refresh_from_db()
    assert feed.health == Feed.Health.PAUSED and not feed.active
    assert "HTTP 404" in feed.last_error


def test_editors_add_feeds_through_the_api_and_everyone_reads_their_health(
    editor_api_client, api_client, wire
):
    response = editor_api_client.post(
        FEEDS,
        {"url": "https://example.org/rss?lang=uk", "outlet": "Київ Пост", "conflict": ""},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["health"] == "new"
    listed = {f["url"]: f for f in api_client.get(FEEDS).json()["results"]}
    assert listed[wire.url]["health"] == "new"
    assert listed["https://example.org/rss?lang=uk"]["outlet"] == "Київ Пост"
    anonymous = APIClient().post(FEEDS, {"url": "https://x.example/rss"}, format="json")
    assert anonymous.status_code in (401, 403)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"url": ""}, "may not be blank"),
        ({"url": "https://example.org/" + "a" * 3000}, "2000 characters"),
        ({"url": "file:///etc/passwd"}, "not an http(s) URL"),
        ({"url": "<script>alert(1)</script>"}, "not an http(s) URL"),
        ({"url": "https://example.org/rss", "poll_interval_seconds": 5}, "60 seconds"),
        ({"url": "https://example.org/rss", "conflict": "narnia"}, "Unknown conflict"),
    ],
)
def test_feeds_that_cannot_be_polled_are_refused(editor_api_client, payload, message):
    response = editor_api_client.post(FEEDS, payload, format="json")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feed.objects.exists()


def test_the_same_feed_twice_is_refused(editor_api_client, wire):
    response = editor_api_client.post(FEEDS, {"url": wire.url}, format="json")
    assert response.status_code == 400 and "already added" in response.content.decode()


def test_the_feeds_page_shows_health_to_anyone(client, site, django_assert_max_num_queries):
    failing = feed_create(url=site.url("/missing.xml"))
    feed_poll(feed_id=failing.id)
    for number in range(10):
        feed_create(url=f"https://example.org/feed/{number}")
    with django_assert_max_num_queries(3):  # count, feeds, the review-queue badge
        page = client.get("/feeds/")
    assert b"failing" in page.content and b"HTTP 404" in page.content
    assert b"Add a feed" not in page.content


def test_editors_add_a_feed_on_the_feeds_page(editor_client):
    assert b"Add a feed" in editor_client.get("/feeds/").content
    response = editor_client.post(
        "/feeds/new/", {"url": "https://example.org/atom", "poll_interval_seconds": 900}
    )
    assert response.status_code == 302
    assert Feed.objects.filter(url="https://example.org/atom").exists()


def test_poll_feeds_command_polls_what_is_due(wire, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("poll_feeds", stdout=out)
    assert "2 entries, 2 new" in out.getvalue()
    out = io.StringIO()
    call_command("poll_feeds", stdout=out)
    assert "no feed is due" in out.getvalue()


def test_the_admin_lists_feed_health_and_resumes_a_paused_feed(client, site):
    from tests.claims.factories import UserFactory

    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    feed = feed_create(url=site.url("/missing.xml"))
    Feed.objects.filter(id=feed.id).update(consecutive_failures=19)
    feed_poll(feed_id=feed.id)
    page = client.get("/admin/sources/feed/")
    assert page.status_code == 200 and b"Paused" in page.content
    client.post(
        "/admin/sources/feed/", {"action": "resume", "_selected_action": [feed.id]}, follow=True
    )
    feed.refresh_from_db()
    assert feed.active and feed.consecutive_failures == 0 and feed.next_poll_at is None
    assert client.get("/admin/sources/fetch/").status_code == 200
