"""Background work for sources: fetching pages and polling feeds, on the "fetch" queue
(settings.CELERY_TASK_ROUTES). Tasks take ids, call one service, and are safe to run twice:
a fetch is claimed by conditional UPDATE under a lease (the task id), a poll creates
fetches on their natural key (the normalised URL)."""

import logging

from celery import shared_task

from conflictwatch.core.logs import event
from conflictwatch.core.outbound import OutboundError
from sources.services import feed_poll, feeds_due, fetch_run
from sources.services.fetches import (
    fetch_mark_queued,
    fetch_record_failure,
    fetches_stale_release,
)

logger = logging.getLogger(__name__)

FETCH_MAX_RETRIES = 3


@shared_task(
    bind=True,
    name="sources.tasks.fetch_url",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=FETCH_MAX_RETRIES,
)
def fetch_url(self, fetch_id: int) -> None:
    """Transient network errors are retried with backoff; `failed` is recorded when the
    retries run out, so a dead site is not fetched forever."""
    try:
        fetch_run(fetch_id=fetch_id, lease_token=self.request.id or "")
    except OutboundError as exc:
        if self.request.retries >= self.max_retries:
            fetch_record_failure(
                fetch_id=fetch_id,
                code=exc.code,
                reason=f"gave up after {self.max_retries} retries: {exc}",
            )
            return
        raise self.retry(exc=exc, countdown=min(5 * 3**self.request.retries, 300)) from exc


def queue_fetches(*, fetch_ids: list[int]) -> int:
    """Send a fetch task for each id; a broker outage leaves them pending with no
    `queued_at` (the next poll or submission queues them again). Returns how many went."""
    sent: list[int] = []
    try:
        for fetch_id in fetch_ids:
            fetch_url.delay(fetch_id)
            sent.append(fetch_id)
    except Exception:  # kombu and redis raise many types; each means "not queued"
        logger.warning(
            "could not queue %d fetches",
            len(fetch_ids) - len(sent),
            exc_info=True,
            extra=event("fetch.enqueue_failed", fetch_ids=fetch_ids[len(sent) : len(sent) + 20]),
        )
    fetch_mark_queued(fetch_ids=sent)
    return len(sent)


def fetch_requested_receiver(*, fetch_ids: list[int], **_) -> None:
    """`sources.signals.fetch_requested`: queue each new fetch."""
    queue_fetches(fetch_ids=fetch_ids)


@shared_task(name="sources.tasks.poll_feed", acks_late=True)
def poll_feed(feed_id: int) -> str:
    return feed_poll(feed_id=feed_id).outcome


@shared_task(name="sources.tasks.poll_due_feeds")
def poll_due_feeds() -> int:
    """Beat runs this every minute; each feed due by its own interval gets a poll task."""
    due = feeds_due()
    for feed_id in due:
        poll_feed.delay(feed_id)
    return len(due)


def requeue_stale_fetches(*, older_than_seconds: int | None = None) -> int:
    """Queue again the fetches a broker outage or a dead worker left behind."""
    ids = fetches_stale_release(older_than_seconds=older_than_seconds)
    queued = queue_fetches(fetch_ids=ids)
    if ids:
        logger.info(
            "requeued %d stale fetches",
            queued,
            extra=event("fetch.stale_requeued", found=len(ids), queued=queued),
        )
    return queued


@shared_task(name="sources.tasks.requeue_stale_fetches_task")
def requeue_stale_fetches_task() -> int:
    return requeue_stale_fetches()
