"""Which stored articles need (another) extraction message: the ones a broker outage left
unqueued, the ones a dead worker left (found at once by its lost lock, or later as stale).
The sending itself is claims.tasks' job (`queue_extraction`); these functions only read and
mark the rows."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from claims.services.leases import extraction_is_held, extraction_locks_held
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


def articles_orphaned_release(*, limit: int = 1000) -> list[int]:
    """Articles `extracting` whose worker is gone, put back to `pending` at once, whatever
    their age: nobody holds their liveness lock (claims.services.leases).

    The lock is read after the articles, and a worker takes it before it claims an article
    and drops it after storing, so an article still `extracting` with no lock has no live
    holder. Each is released only if it is still the same claim (status, lease token and
    claim time unchanged), so one claimed again meanwhile is left alone.
    """
    claims = list(
        Article.objects.filter(status=Article.Status.EXTRACTING)
        .order_by("status_changed_at")
        .values_list("id", "lease_token", "status_changed_at")[:limit]
    )
    if not claims:
        return []
    held = extraction_locks_held()
    released = []
    for article_id, token, claimed_at in claims:
        if extraction_is_held(article_id, held):
            continue
        if Article.objects.filter(
            id=article_id,
            status=Article.Status.EXTRACTING,
            lease_token=token,
            status_changed_at=claimed_at,
        ).update(status=Article.Status.PENDING, lease_token="", status_changed_at=timezone.now()):
            released.append(article_id)
    return released
