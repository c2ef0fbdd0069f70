"""Background work on stored articles: extraction, queueing it, its sweeper, re-extraction.
Tasks take ids, call one service, and are safe to run twice."""

import datetime as dt
import logging

from celery import shared_task

from claims.services import article_extract
from claims.services.extraction import TRANSIENT_ERRORS, article_record_failure, articles_reextract
from claims.services.queueing import (
    article_mark_queued,
    articles_orphaned_release,
    articles_stale_release,
    articles_unqueued,
)
from conflictwatch.core.logs import event

logger = logging.getLogger(__name__)

EXTRACT_MAX_RETRIES = 5


@shared_task(
    bind=True,
    name="claims.tasks.extract_article",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=EXTRACT_MAX_RETRIES,
)
def extract_article(self, article_id: int) -> None:
    """The task id is the lease token: a redelivery after a worker died, and each retry,
    carry the same id and so resume the article's `extracting` lease at once."""
    try:
        article_extract(article_id=article_id, lease_token=self.request.id or "")
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            # The last retry: record why, so the article is not re-queued forever.
            article_record_failure(
                article_id=article_id,
                reason=f"gave up after {self.max_retries} retries: {type(exc).__name__}: {exc}",
            )
            return
        raise self.retry(exc=exc, countdown=min(2 ** (self.request.retries + 1), 60)) from exc


def queue_extraction(*, article_id: int) -> bool:
    """Hand the article to the extraction task (in-process when no broker is configured).

    The article is already committed; a broker outage must not turn that into an error for
    the submitter. The failure is logged, the article stays `pending` with no `queued_at`,
    and the worker on reconnect, the sweeper, or the next submission of the same text
    queues it again. Returns whether it was queued.
    """
    try:
        extract_article.delay(article_id)
    except Exception:  # kombu and redis raise many types; each means "not queued"
        logger.warning(
            "article %s: could not queue extraction",
            article_id,
            exc_info=True,
            extra=event("extraction.enqueue_failed", article_id=article_id),
        )
        return False
    article_mark_queued(article_id=article_id)
    return True


def article_stored_receiver(*, article_id: int, **_) -> None:
    """`sources.signals.article_stored`: every stored article is queued for extraction."""
    queue_extraction(article_id=article_id)


def queue_unqueued() -> int:
    """Queue what a broker outage left unqueued; the worker runs this on each (re)connect,
    so recovery follows the broker's return instead of the next sweep."""
    ids = articles_unqueued()
    queued = sum(queue_extraction(article_id=article_id) for article_id in ids)
    if ids:
        logger.info(
            "queued %d of %d articles whose enqueue had failed",
            queued,
            len(ids),
            extra=event("extraction.unqueued_requeued", queued=queued, found=len(ids)),
        )
    return queued


def requeue_orphaned() -> int:
    """Queue again, at once, the articles a worker that died mid-extraction left
    `extracting`; the worker runs this on each start and (re)connect, so a whole worker
    killed and restarted does not leave its article waiting for the broker's visibility
    timeout or the sweeper."""
    ids = articles_orphaned_release()
    for article_id in ids:
        queue_extraction(article_id=article_id)
    if ids:
        logger.info(
            "requeued %d articles a dead worker was extracting",
            len(ids),
            extra=event("extraction.orphans_requeued", count=len(ids)),
        )
    return len(ids)


def requeue_stale(*, older_than_seconds: int | None = None) -> int:
    """Queue again what a lost message or a killed worker left pending or extracting."""
    requeue_orphaned()
    ids = articles_stale_release(older_than_seconds=older_than_seconds)
    for article_id in ids:
        queue_extraction(article_id=article_id)
    if ids:
        logger.info(
            "requeued %d stale articles",
            len(ids),
            extra=event("extraction.stale_requeued", count=len(ids)),
        )
    return len(ids)


@shared_task(name="claims.tasks.requeue_stale_articles")
def requeue_stale_articles() -> int:
    return requeue_stale()


@shared_task(name="claims.tasks.reextract_articles")
def reextract_articles(conflict_key: str | None = None, since: str | None = None) -> int:
    """Re-run the current extractor over stored articles (see `manage.py reextract`)."""
    day = dt.date.fromisoformat(since) if since else None
    return articles_reextract(conflict_key=conflict_key, since=day).articles
