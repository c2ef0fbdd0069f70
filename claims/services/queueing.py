"""Handing stored articles to the extraction task, and finding the ones a broker outage or
a dead worker left behind. Sources announces an article (`sources.signals.article_stored`);
everything about queueing its extraction lives here, beside the extraction it queues."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from conflictwatch.core.logs import event
from sources.models import Article

logger = logging.getLogger(__name__)


def article_queue_extraction(*, article_id: int) -> bool:
    """Hand the article to the extraction task (in-process when no broker is configured).

    The article is already committed; a broker outage must not turn that into an error for
    the submitter. The failure is logged, the article stays `pending`, and the worker on
    reconnect, the sweeper, or the next submission of the same text queues it again.
    Returns whether it was queued.
    """
    from claims.tasks import extract_article  # tasks import services: this one goes late

    try:
        extract_article.delay(article_id)
    except Exception:  # kombu and redis raise many types; each means "not queued"
        logger.warning(
            "could not queue extraction",
            exc_info=True,
            extra=event("extraction.enqueue_failed", article_id=article_id),
        )
        return False
    Article.objects.filter(id=article_id).update(queued_at=timezone.now())
    return True


def article_stored_receiver(*, article_id: int, **_) -> None:
    """`article_stored` receiver: a stored article is queued for extraction."""
    article_queue_extraction(article_id=article_id)


def article_queue_unqueued(*, limit: int = 5000) -> int:
    """Queue the pending articles whose enqueue failed (broker down at ingest); returns how
    many were queued. The worker calls this each time it (re)connects to the broker, so
    recovery follows the broker's return instead of the next sweep."""
    ids = list(
        Article.objects.filter(status=Article.Status.PENDING, queued_at__isnull=True)
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )
    queued = sum(article_queue_extraction(article_id=article_id) for article_id in ids)
    if ids:
        logger.info(
            "queued articles whose enqueue had failed",
            extra=event("extraction.unqueued_requeued", queued=queued, found=len(ids)),
        )
    return queued


def article_requeue_stale(*, older_than_seconds: int | None = None) -> int:
    """Put articles stuck in pending/extracting back in the queue; returns how many.

    An article stays `pending` when the broker was down at ingest, and `extracting` when
    the worker died mid-task. Both are safe to queue again: extraction claims the work with
    a conditional update and upserts claims on their natural key.
    """
    seconds = (
        older_than_seconds
        if older_than_seconds is not None
        else settings.ARTICLE_STALE_AFTER_SECONDS
    )
    cutoff = timezone.now() - dt.timedelta(seconds=seconds)
    stale = Article.objects.waiting().filter(status_changed_at__lt=cutoff)
    ids = list(stale.values_list("id", flat=True)[:1000])
    Article.objects.filter(id__in=ids, status=Article.Status.EXTRACTING).update(
        status=Article.Status.PENDING, status_changed_at=timezone.now()
    )
    for article_id in ids:
        article_queue_extraction(article_id=article_id)
    if ids:
        logger.info(
            "requeued stale articles", extra=event("extraction.stale_requeued", count=len(ids))
        )
    return len(ids)
