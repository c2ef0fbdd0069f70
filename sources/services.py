"""Writes for sources: taking an article in, whatever the path (form, API, command, feed)."""

import datetime as dt
import hashlib
import html
import logging
import re
import unicodedata
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from conflictwatch.core.exceptions import DomainError
from sources.models import Article, Outlet

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>", re.I
)
_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
TITLE_MAX_CHARS = 500
OUTLET_MAX_CHARS = 200


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def clean_article_text(raw: str) -> str:
    """Plain text from what a user pasted: tags (and script/style bodies) dropped, entities
    decoded, spaces tidied, paragraphs kept as blank-line-separated blocks."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text):
        text = _BLOCK_TAGS.sub("\n\n", text)
        text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_hash(text: str) -> str:
    """Hash that ignores whitespace and case, so a re-paste of the same story matches."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def check_article_text(text: str) -> None:
    """Refuse text that is empty, too large, or binary junk; raises DomainError."""
    if not text.strip():
        raise DomainError("The article text is empty.", code="empty", field="text")
    limit = settings.ARTICLE_MAX_CHARS
    if len(text) > limit:
        raise DomainError(
            f"The article is {len(text):,} characters long; the limit is {limit:,}.",
            code="too_large",
            field="text",
        )
    sample = text[:20_000]
    unprintable = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\t"
    )
    if "\x00" in sample or unprintable > max(8, len(sample) // 100):
        raise DomainError(
            "The text looks like binary data, not an article: paste the article's words.",
            code="binary",
            field="text",
        )


def _check_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise DomainError(f"{url[:100]!r} is not an http(s) URL.", code="url", field="url") from exc
    return url


def _check_title(title: str) -> str:
    title = " ".join(clean_article_text(title or "").split())
    if not title:
        raise DomainError("The article needs a title.", code="empty", field="title")
    if len(title) > TITLE_MAX_CHARS:
        raise DomainError(
            f"The title is {len(title):,} characters; the limit is {TITLE_MAX_CHARS}.",
            code="too_large",
            field="title",
        )
    return title


def _check_published(published: dt.date | dt.datetime | None) -> dt.datetime:
    if published is None:
        return timezone.now()
    if not isinstance(published, dt.datetime):
        published = dt.datetime.combine(published, dt.time(12, 0))
    if timezone.is_naive(published):
        published = timezone.make_aware(published, dt.UTC)
    if published > timezone.now() + dt.timedelta(days=1):
        raise DomainError(
            "The publication date is in the future.", code="future", field="published"
        )
    return published


def outlet_get_or_create(*, name: str) -> Outlet | None:
    name = " ".join((name or "").split())[:OUTLET_MAX_CHARS]
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name)
    return outlet


def article_ingest(
    *,
    title: str,
    text: str,
    published: dt.date | dt.datetime | None = None,
    url: str = "",
    outlet_name: str = "",
    conflict_key: str | None = None,
    origin: str = Article.Origin.PASTE,
) -> IngestResult:
    """Save an article as pending and queue its extraction once the transaction commits.

    The same text (by content hash) submitted again returns the stored article unchanged.
    """
    from claims.models import Conflict

    check_article_text(text or "")
    cleaned = clean_article_text(text)
    check_article_text(cleaned)
    title = _check_title(title)
    url = _check_url(url or "")
    published_at = _check_published(published)
    conflict = None
    if conflict_key:
        conflict = Conflict.objects.filter(key=conflict_key).first()
        if conflict is None:
            raise DomainError(
                f"Unknown conflict {conflict_key[:64]!r}.", code="unknown", field="conflict"
            )

    digest = content_hash(cleaned)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                text=cleaned,
                url=url,
                published=published_at,
                outlet=outlet_get_or_create(name=outlet_name),
                conflict=conflict,
                content_hash=digest,
                origin=origin,
            )
            transaction.on_commit(lambda: article_queue_extraction(article_id=article.id))
    except IntegrityError:
        # Another request stored the same text between our check and our insert.
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return IngestResult(article=existing, created=False)
    logger.info("article %s ingested (%s, %d chars)", article.id, origin, len(cleaned))
    return IngestResult(article=article, created=True)


def article_queue_extraction(*, article_id: int) -> None:
    """Hand the article to the extraction task (in-process when no broker is configured)."""
    from sources.tasks import extract_article

    extract_article.delay(article_id)


def article_requeue_stale(*, older_than_seconds: int | None = None) -> int:
    """Put articles stuck in pending/extracting back in the queue; returns how many.

    An article stays `pending` when the broker was down at ingest, and `extracting` when
    the worker died mid-task. Both are safe to queue again: extraction claims the work with
    a conditional update and upserts claims on their natural key.
    """
    seconds = (
        older_than_seconds
        if older_than_seconds is not None
        else (settings.ARTICLE_STALE_AFTER_SECONDS)
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
        logger.info("requeued %d stale articles", len(ids))
    return len(ids)
