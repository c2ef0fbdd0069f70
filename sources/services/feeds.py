"""Writes for feeds: adding one, and polling it (conditional GET, feedparser, one pending
fetch per new entry), with its health kept on the row: last success, last error,
consecutive failures, a growing backoff, and a pause after too many failures."""

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conflictwatch.core import outbound
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.logs import event
from sources.decoding import decode_body
from sources.links import normalize_url
from sources.models import Article, Feed, Fetch
from sources.services.articles import clean_line, outlet_get_or_create
from sources.services.fetches import check_fetch_url, conflict_for_key, fetches_announce

logger = logging.getLogger(__name__)

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    # Many servers label feeds as HTML or plain text; feedparser decides what it is.
    "text/html",
    "text/plain",
)
MAX_BACKOFF = dt.timedelta(days=1)
# A DOCTYPE with an internal subset, the only place a document declares its own entities.
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE([^\[>]*)\[.*?\]\s*>", re.S)
_ELEMENT_START = re.compile(r"<[A-Za-z]")
PAUSE_AFTER_FAILURES = 20
# What a poll writes. Not `active`: an editor may pause or resume the feed while a poll is
# on the network, and the poll's copy of the row must not undo that.
POLLED_FIELDS = [
    "etag", "last_modified", "last_polled_at", "last_success_at", "last_error",
    "last_error_at", "consecutive_failures", "next_poll_at", "entries_seen", "title",
]  # fmt: skip
BATCH = 1000


@dataclass(frozen=True)
class PollResult:
    feed: Feed
    outcome: str  # "new", "not_modified", "failed"
    new_fetches: int = 0
    entries: int = 0
    skipped: int = 0
    error: str = ""


def feed_create(
    *,
    url: str,
    conflict_key: str | None = None,
    outlet_name: str = "",
    title: str = "",
    poll_interval_seconds: int | None = None,
) -> Feed:
    """Add a feed (due for its first poll at once). The same URL twice is refused."""
    url, _ = check_fetch_url(url)
    interval = poll_interval_seconds or settings.FEED_POLL_INTERVAL_SECONDS
    if not 60 <= interval <= 7 * 86400:
        raise DomainError(
            "Poll a feed every 60 seconds to 7 days.", code="range", field="poll_interval_seconds"
        )
    if Feed.objects.filter(url=url).exists():
        raise DomainError("That feed is already added.", code="duplicate", field="url")
    return Feed.objects.create(
        url=url,
        title=clean_line(title)[:300],
        conflict=conflict_for_key(conflict_key),
        outlet=outlet_get_or_create(name=outlet_name),
        poll_interval_seconds=interval,
    )


def feeds_due(*, now: dt.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        Feed.objects.filter(active=True)
        .exclude(next_poll_at__gt=now)
        .order_by("next_poll_at", "id")
        .values_list("id", flat=True)
    )


def feed_limits() -> outbound.Limits:
    return outbound.Limits(
        max_bytes=settings.FETCH_MAX_BYTES,
        total_seconds=settings.FETCH_TIMEOUT_SECONDS,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        content_types=FEED_TYPES,
    )


def feed_poll(*, feed_id: int) -> PollResult:
    """Poll the feed once: conditional GET, then a pending fetch for each entry whose page
    is neither stored nor waiting. Any failure is recorded on the feed (and returned),
    never raised: one broken feed must not stop the others. A feed paused since its poll
    was queued is left alone."""
    feed = Feed.objects.get(id=feed_id)
    if not feed.active:
        return PollResult(feed=feed, outcome="paused")
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        response = outbound.fetch(feed.url, limits=feed_limits(), headers=headers)
    except outbound.OutboundError as exc:
        return _failed(feed, f"{exc} ({exc.code})")
    if response.status == 304:
        _succeeded(feed, response, entries=0)
        return PollResult(feed=feed, outcome="not_modified")
    text, _ = decode_body(response.body, response.charset)
    parsed = feedparser.parse(
        _without_declared_entities(text), sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.entries and parsed.get("bozo"):
        return _failed(feed, f"Not a readable feed: {parsed.get('bozo_exception')}")
    entries, skipped = _entries(parsed, base=response.url)
    created = _fetches_for(feed, entries)
    _succeeded(feed, response, entries=len(entries), title=parsed.feed.get("title", ""))
    logger.info(
        "feed %s polled: %d entries, %d new",
        feed.id,
        len(entries),
        len(created),
        extra=event(
            "feed.polled",
            feed_id=feed.id,
            entries=len(entries),
            new=len(created),
            skipped=skipped,
        ),
    )
    return PollResult(
        feed=feed, outcome="new", new_fetches=len(created), entries=len(entries), skipped=skipped
    )


def _without_declared_entities(text: str) -> str:
    """The feed without its DOCTYPE's internal subset, where it would declare entities.

    An entity made of entities (the "billion laughs") is expanded by the XML parser until
    its amplification limit stops it, which is many times the feed's size in memory
    (feedparser's strict parse of an 800-byte bomb held some 60 MB; a feed at the size cap
    could take gigabytes). Feeds have no use for entities of their own: the HTML ones are
    known to feedparser, and an undeclared one is left as written.
    """
    start = text.find("<!DOCTYPE")
    if start < 0 or _ELEMENT_START.search(text, 0, start):  # only the prolog has one
        return text
    subset = _DOCTYPE_SUBSET.match(text, start)
    if subset is None:
        return text
    return f"{text[:start]}<!DOCTYPE{subset.group(1)}>{text[subset.end() :]}"


def _entries(parsed, *, base: str) -> tuple[dict[str, dict], int]:
    """{normalised link: (link, hints)} for the entries with a fetchable link; and how many
    entries had none (counted, so a feed of junk shows up in its health)."""
    found: dict[str, dict] = {}
    skipped = 0
    for entry in parsed.entries:
        link = urljoin(base, (entry.get("link") or "").strip())
        normalized = normalize_url(link)
        if not normalized or len(link) > 2000:
            skipped += 1
            continue
        found.setdefault(normalized, {"url": link, "hints": _hints(entry)})
    return found, skipped


def _hints(entry) -> dict:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = ""
    if stamp:
        try:
            # feedparser gives UTC struct_times.
            published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).isoformat()
        except (OverflowError, ValueError, OSError):
            published = ""
    summary = entry.get("summary") or ""
    return {
        "title": clean_line(entry.get("title") or "")[:500],
        "published": published,
        "summary": summary[:20_000],
    }


def _fetches_for(feed: Feed, entries: dict[str, dict]) -> list[int]:
    """Create the pending fetches the feed's new entries need; returns their ids. Links
    already stored as articles or already fetched are left alone (natural key: the
    normalised URL, unique in both tables)."""
    keys = list(entries)
    created: list[int] = []
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        known = set(
            Fetch.objects.filter(normalized_url__in=chunk).values_list("normalized_url", flat=True)
        ) | set(
            Article.objects.filter(normalized_url__in=chunk).values_list(
                "normalized_url", flat=True
            )
        )
        new = [
            Fetch(
                url=entries[key]["url"],
                normalized_url=key,
                feed=feed,
                conflict_id=feed.conflict_id,
                hints=entries[key]["hints"],
            )
            for key in chunk
            if key not in known
        ]
        with transaction.atomic():
            # ignore_conflicts: a concurrent poll of another feed with the same link wins.
            Fetch.objects.bulk_create(new, ignore_conflicts=True)
            ids = list(
                Fetch.objects.filter(
                    normalized_url__in=[f.normalized_url for f in new],
                    feed=feed,
                    status=Fetch.Status.PENDING,
                    queued_at__isnull=True,
                ).values_list("id", flat=True)
            )
            fetches_announce(ids)
        created.extend(ids)
    return created


def _succeeded(feed: Feed, response: outbound.Response, *, entries: int, title: str = ""):
    now = timezone.now()
    feed.etag = (response.headers.get("Etag") or feed.etag)[:500]
    feed.last_modified = (response.headers.get("Last-Modified") or feed.last_modified)[:100]
    feed.last_polled_at = feed.last_success_at = now
    feed.consecutive_failures = 0
    feed.next_poll_at = now + dt.timedelta(seconds=feed.poll_interval_seconds)
    feed.entries_seen = entries or feed.entries_seen
    if title and not feed.title:
        feed.title = clean_line(title)[:300]
    feed.save(update_fields=POLLED_FIELDS)


def _failed(feed: Feed, reason: str) -> PollResult:
    """Record the error and back off: the interval doubles with each failure in a row, up
    to a day; after PAUSE_AFTER_FAILURES the feed is paused until an editor resumes it."""
    now = timezone.now()
    feed.consecutive_failures += 1
    feed.last_polled_at = feed.last_error_at = now
    feed.last_error = reason[:2000]
    backoff = dt.timedelta(seconds=feed.poll_interval_seconds) * 2 ** min(
        feed.consecutive_failures, 10
    )
    feed.next_poll_at = now + min(backoff, MAX_BACKOFF)
    feed.save(update_fields=POLLED_FIELDS)
    if feed.consecutive_failures >= PAUSE_AFTER_FAILURES:
        feed.active = False
        Feed.objects.filter(id=feed.id).update(active=False)
    logger.warning(
        "feed %s failed: %s",
        feed.id,
        reason[:200],
        extra=event("feed.failed", feed_id=feed.id, failures=feed.consecutive_failures),
    )
    return PollResult(feed=feed, outcome="failed", error=reason)


def feed_pause(*, feed_id: int) -> Feed:
    """An editor pauses a feed: it is not polled until resumed; its health and entries stay.
    Pausing a paused feed changes nothing."""
    if not Feed.objects.filter(id=feed_id).update(active=False):
        raise DomainError(f"There is no feed #{feed_id}.", code="not_found")
    logger.info("feed %s paused", feed_id, extra=event("feed.paused", feed_id=feed_id))
    return Feed.objects.get(id=feed_id)


def feed_resume(*, feed_id: int) -> Feed:
    """An editor resumes a paused feed: due at once, its failure count cleared."""
    resumed = Feed.objects.filter(id=feed_id).update(
        active=True, consecutive_failures=0, next_poll_at=None
    )
    if not resumed:
        raise DomainError(f"There is no feed #{feed_id}.", code="not_found")
    logger.info("feed %s resumed", feed_id, extra=event("feed.resumed", feed_id=feed_id))
    return Feed.objects.get(id=feed_id)
