"""Background work on stored articles: extraction, its sweeper, re-extraction.
Tasks take ids, call one service, and are safe to run twice."""

import datetime as dt
import logging

from celery import shared_task

from claims.services import article_extract
from claims.services.extraction import TRANSIENT_ERRORS, article_record_failure, articles_reextract
from claims.services.queueing import article_requeue_stale

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


@shared_task(name="claims.tasks.requeue_stale_articles")
def requeue_stale_articles() -> int:
    """Queue again what a lost message or a killed worker left pending or extracting."""
    return article_requeue_stale()


@shared_task(name="claims.tasks.reextract_articles")
def reextract_articles(conflict_key: str | None = None, since: str | None = None) -> int:
    """Re-run the current extractor over stored articles (see `manage.py reextract`)."""
    day = dt.date.fromisoformat(since) if since else None
    return articles_reextract(conflict_key=conflict_key, since=day).articles
