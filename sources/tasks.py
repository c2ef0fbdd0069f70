"""Background work for articles. Tasks take ids, call one service, and are safe to run twice."""

import datetime as dt
import logging

from celery import shared_task

from claims.services import article_extract
from claims.services.extraction import articles_reextract
from sources.services import article_requeue_stale

logger = logging.getLogger(__name__)


@shared_task(
    name="sources.tasks.extract_article",
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def extract_article(article_id: int) -> None:
    article_extract(article_id=article_id)


@shared_task(name="sources.tasks.requeue_stale_articles")
def requeue_stale_articles() -> int:
    """Queue again what a lost message or a killed worker left pending or extracting."""
    return article_requeue_stale()


@shared_task(name="sources.tasks.reextract_articles")
def reextract_articles(conflict_key: str | None = None, since: str | None = None) -> int:
    """Re-run the current extractor over stored articles (see `manage.py reextract`)."""
    day = dt.date.fromisoformat(since) if since else None
    return articles_reextract(conflict_key=conflict_key, since=day).articles
