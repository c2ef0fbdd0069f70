"""Writes for URL fetches: a link given by a user or a feed becomes a pending Fetch (one per
normalised URL), and running one downloads the page under the outbound guard and stores
it as an article through article_ingest, like any other text."""

import datetime as dt
import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from conflictwatch.core import outbound
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.logs import event
from sources.links import normalize_url
from sources.models import Article, Feed, Fetch
from sources.pages import page_content
from sources.services.articles import IngestResult, article_ingest
from sources.signals import fetch_requested

logger = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
URL_MAX_CHARS = 2000


@dataclass(frozen=True)
class UrlSubmission:
    """What submitting a URL did: a fetch queued (or found queued), or the stored article
    when that page is already one."""

    fetch: Fetch | None
    article: Article | None
    created: bool


def page_limits() -> outbound.Limits:
    return outbound.Limits(
        max_bytes=settings.FETCH_MAX_BYTES,
        total_seconds=settings.FETCH_TIMEOUT_SECONDS,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        content_types=PAGE_TYPES,
    )


def check_fetch_url(url: str) -> tuple[str, str]:
    """(url, normalised url) for a URL we may fetch; raises DomainError on the `url` field.
    Only the text is checked here; the address is checked when the fetch connects."""
    url = (url or "").strip()
    if not url:
        raise DomainError("Give the article's URL.", code="empty", field="url")
    if len(url) > URL_MAX_CHARS:
        raise DomainError(
            f"The URL is {len(url):,} characters; the limit is {URL_MAX_CHARS}.",
            code="too_large",
            field="url",
        )
    try:
        outbound.check_url(url)
    except outbound.OutboundRefused as exc:
        raise DomainError(str(exc), code="url", field="url") from exc
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise DomainError(f"{url[:100]!r} is not an http(s) URL.", code="url", field="url")
    normalized = normalize_url(url)
    if not normalized:
        # Valid by its text but too long once encoded (a long non-Latin path).
        raise DomainError(
            "The URL is too long once encoded; give its short form.",
            code="too_large",
            field="url",
        )
        raise DomainError(f"{url[:100]!r} is not an http(s) URL.", code="url", field="url")
    return url, normalized


def conflict_for_key(conflict_key: str | None):
    if not conflict_key:
        return None
    model = Fetch.conflict.field.related_model  # claims sits above sources: not imported
    conflict = model._default_manager.filter(key=conflict_key).first()
    if conflict is None:
        raise DomainError(
            f"Unknown conflict {conflict_key[:64]!r}.", code="unknown", field="conflict"
        )
    return conflict


def url_submit(
    *, url: str, conflict_key: str | None = None, feed: Feed | None = None
) -> UrlSubmission:
    """Queue the page at `url` to be fetched and stored as an article.

    A page already stored (by normalised URL) returns its article and queues nothing; a
    URL already waiting returns its fetch; a fetch that failed is tried again (the user
    asking again is the retry).
    """
    url, normalized = check_fetch_url(url)
    conflict = conflict_for_key(conflict_key)
    article = Article.objects.filter(normalized_url=normalized).first()
    if article is not None:
        return UrlSubmission(fetch=None, article=article, created=False)
    with transaction.atomic():
        fetch, created = Fetch.objects.get_or_create(
            normalized_url=normalized, defaults={"url": url, "conflict": conflict, "feed": feed}
        )
        if not created and fetch.status == Fetch.Status.FAILED:
            Fetch.objects.filter(id=fetch.id).update(
                status=Fetch.Status.PENDING, status_changed_at=timezone.now(), queued_at=None
            )
            fetch.refresh_from_db()
        if created or fetch.status == Fetch.Status.PENDING:
            fetches_announce([fetch.id])
    article = fetch.article if fetch.status == Fetch.Status.STORED else None
    return UrlSubmission(fetch=fetch, article=article, created=created)


def fetches_announce(fetch_ids: list[int]) -> None:
    """Tell sources.tasks to queue these fetches once the current transaction commits."""
    if fetch_ids:
        transaction.on_commit(lambda: fetch_requested.send(sender=Fetch, fetch_ids=fetch_ids))


def fetch_mark_queued(*, fetch_ids: list[int]) -> None:
    Fetch.objects.filter(id__in=fetch_ids).update(queued_at=timezone.now())


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.FETCH_TIMEOUT_SECONDS * 3 + 60)


def _claim(*, fetch_id: int, lease_token: str) -> bool:
    """Take the fetch by conditional UPDATE: pending, or fetching under this caller's own
    token (a redelivery or a retry), or fetching with a lease that ran out."""
    claimable = Q(status=Fetch.Status.PENDING) | Q(
        status=Fetch.Status.FETCHING, status_changed_at__lt=timezone.now() - _lease()
    )
    if lease_token:
        claimable |= Q(status=Fetch.Status.FETCHING, lease_token=lease_token)
    return bool(
        Fetch.objects.filter(claimable, id=fetch_id).update(
            status=Fetch.Status.FETCHING,
            status_changed_at=timezone.now(),
            lease_token=lease_token,
        )
    )


def fetch_record_failure(*, fetch_id: int, code: str, reason: str) -> None:
    """Mark the fetch `failed` with why; nothing retries it until someone submits it again."""
    Fetch.objects.filter(id=fetch_id).update(
        status=Fetch.Status.FAILED,
        error_code=code[:40],
        error=reason[:2000] or code,
        status_changed_at=timezone.now(),
        lease_token="",
    )
    logger.info(
        "fetch %s failed: %s",
        fetch_id,
        reason[:200],
        extra=event("fetch.failed", fetch_id=fetch_id, code=code),
    )


def fetch_run(*, fetch_id: int, lease_token: str = "") -> Fetch | None:
    """Download the fetch's page and store it as an article; safe to run twice.

    Returns None when the fetch is not claimable (done, or someone else has it). The
    download happens outside any transaction. A transient network error (timeout, refused
    connection, 5xx) is raised with the fetch left `fetching` under the lease, for the task
    to retry; a refusal (guard, size, content type), a page with no story or an article
    the service refuses records `failed` with the reason.
    """
    if not _claim(fetch_id=fetch_id, lease_token=lease_token):
        return None
    fetch = Fetch.objects.select_related("feed__outlet", "conflict").get(id=fetch_id)
    Fetch.objects.filter(id=fetch_id).update(attempts=fetch.attempts + 1)
    try:
        response = outbound.fetch(fetch.url, limits=page_limits())
        result = _store_page(fetch, response)
    except outbound.OutboundError as exc:
        if exc.transient:
            raise
        fetch_record_failure(fetch_id=fetch_id, code=exc.code, reason=str(exc))
        return Fetch.objects.get(id=fetch_id)
    except DomainError as exc:
        fetch_record_failure(fetch_id=fetch_id, code=exc.code, reason=str(exc))
        return Fetch.objects.get(id=fetch_id)
    except Exception as exc:
        # A page that breaks a parser must not sit `fetching` until its lease runs out and
        # come back forever: recorded, then raised for the worker's log.
        fetch_record_failure(fetch_id=fetch_id, code="error", reason=f"{type(exc).__name__}: {exc}")
        raise
    Fetch.objects.filter(id=fetch_id, lease_token=lease_token).update(
        status=Fetch.Status.STORED,
        article=result.article,
        error_code="",
        error="",
        lease_token="",
        status_changed_at=timezone.now(),
    )
    logger.info(
        "fetch %s stored as article %s",
        fetch_id,
        result.article.id,
        extra=event(
            "fetch.stored",
            fetch_id=fetch_id,
            article_id=result.article.id,
            created=result.created,
            task_id=lease_token,
        ),
    )
    return Fetch.objects.get(id=fetch_id)


def _store_page(fetch: Fetch, response: outbound.Response) -> IngestResult:
    content = page_content(
        response.body, charset=response.charset, url=response.url, media_type=response.content_type
    )
    hints = fetch.hints or {}
    # A page with no story of its own (script-rendered, paywalled) still has the feed's
    # summary, which is better than nothing when it is long enough to hold a claim.
    text = content.text or hints.get("summary", "")
    if not text.strip():
        raise DomainError("The page holds no article text.", code="no_text", field="url")
    published = content.published or _hint_date(hints.get("published"))
    feed_outlet = fetch.feed.outlet if fetch.feed else None
    outlet = content.outlet or (feed_outlet.name if feed_outlet is not None else "")
    ingest = functools.partial(
        article_ingest,
        title=(content.title or hints.get("title") or fetch.url)[:500],
        text=text,
        url=fetch.url,
        outlet_name=outlet[:200],
        conflict_key=fetch.conflict.key if fetch.conflict is not None else None,
        origin=Article.Origin.FEED if fetch.feed_id else Article.Origin.URL,
        feed=fetch.feed,
    )
    try:
        return ingest(published=published)
    except DomainError as exc:
        if exc.field != "published":
            raise
        # A page's metadata date can be junk (year 0, next year); the story still counts,
        # dated when it was fetched.
        return ingest(published=None)


def _hint_date(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def fetches_stale_release(*, older_than_seconds: int | None = None, limit: int = 5000) -> list[int]:
    """Fetches a broker outage or a dead worker left behind, put back to `pending`: pending
    ones never queued or queued long ago, and `fetching` ones whose lease ran out. Safe to
    queue again: running a fetch claims it by conditional update."""
    seconds = (
        older_than_seconds
        if older_than_seconds is not None
        else settings.ARTICLE_STALE_AFTER_SECONDS
    )
    now = timezone.now()
    stale = Q(status=Fetch.Status.PENDING) & (
        Q(queued_at__isnull=True) | Q(status_changed_at__lt=now - dt.timedelta(seconds=seconds))
    ) | Q(status=Fetch.Status.FETCHING, status_changed_at__lt=now - _lease())
    ids = list(Fetch.objects.filter(stale).order_by("id").values_list("id", flat=True)[:limit])
    Fetch.objects.filter(id__in=ids, status=Fetch.Status.FETCHING).update(
        status=Fetch.Status.PENDING, status_changed_at=now, lease_token=""
    )
    return ids
