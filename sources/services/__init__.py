"""Writes for sources, by subdomain: taking articles in (whatever the path), fetching URLs,
polling feeds, and linking near-duplicate texts."""

from sources.services.articles import (
    IngestResult,
    article_ingest,
    check_article_text,
    clean_article_text,
    clean_line,
    content_hash,
    outlet_get_or_create,
)
from sources.services.feeds import feed_create, feed_pause, feed_poll, feed_resume, feeds_due
from sources.services.fetches import fetch_run, url_submit

__all__ = [
    "IngestResult",
    "article_ingest",
    "check_article_text",
    "clean_article_text",
    "clean_line",
    "content_hash",
    "feed_create",
    "feed_pause",
    "feed_poll",
    "feed_resume",
    "feeds_due",
    "fetch_run",
    "outlet_get_or_create",
    "url_submit",
]
