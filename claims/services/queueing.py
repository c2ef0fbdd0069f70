"""Which stored articles need (another) extraction message: the ones a broker outage left
unqueued and the ones a dead worker left stale. The sending itself is claims.tasks' job
(`queue_extraction`); these functions only read and mark the rows."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from sources.models import Article


def article_mark_queued(*, article_id: int) -> None:
    """Record that the extraction message went to the broker (empty means it did not)."""
    Article.objects.filter(id=article_id).update(queued_at=timezone.now())


def articles_unqueued(*, limit: int = 5000) -> list[int]:
    """Pending articles whose enqueue failed (broker down at ingest), oldest first."""
    return list(
        Article.objects.filter(status=Article.Status.PENDING, queued_at__isnull=True)
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )


def articles_stale_release(
    *, older_than_seconds: int | None = None, limit: int = 1000
) -> list[int]:
    """Articles stuck in pending/extracting past the stale age, put back to `pending`.

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
    ids = list(
        Article.objects.waiting()
        .filter(status_changed_at__lt=cutoff)
        .values_list("id", flat=True)[:limit]
    )
    Article.objects.filter(id__in=ids, status=Article.Status.EXTRACTING).update(
        status=Article.Status.PENDING, status_changed_at=timezone.now()
    )
    return ids
