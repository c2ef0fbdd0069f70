"""Writes for sources: taking an article in, whatever the path (form, API, command, feed)."""

import datetime as dt
import hashlib
import html
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.logs import event
from sources.links import normalize_url
from sources.models import Article, Feed, Outlet
from sources.services.dedup import article_link_near_duplicate
from sources.signals import article_stored

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>", re.I
)
# Only complete entities (with the semicolon): html.unescape alone would also read the
# legacy forms, turning "Smith &notable" into "Smith ¬able".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
TITLE_MAX_CHARS = 500
OUTLET_MAX_CHARS = 200


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def normalize_newlines(text: str) -> str:
    """CR+LF (what browsers send from a textarea) and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strip_markup(text: str) -> str:
    """Entities decoded first, then tags dropped, so `&lt;img onerror=..&gt;` cannot come
    out the other side as live markup. nh3 escapes what it keeps; that is decoded again,
    and the loop goes on while the decoded text still holds a tag (double-encoded input)."""
    for _ in range(3):
        text = _decode_entities(text)
        if not _TAG.search(text):
            return text
        text = _BLOCK_TAGS.sub("\n\n", text)
        text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    return _TAG.sub("", _decode_entities(text))


def _decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def clean_article_text(raw: str) -> str:
    """Plain text from what a user pasted: entities decoded, tags (and script/style bodies)
    dropped, spaces tidied, paragraphs kept as blank-line-separated blocks."""
    text = _strip_markup(normalize_newlines(raw))
    text = unicodedata.normalize("NFC", text)
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(raw: str) -> str:
    """A one-line field (title, outlet name): cleaned like article text, on one line."""
    return " ".join(clean_article_text(raw or "").split())


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
    # Line breaks are normalised first: a browser's CR+LF is not binary junk.
    sample = normalize_newlines(text[:20_000])
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
    title = clean_line(title)
    if not title:
        raise DomainError("The article needs a title.", code="empty", field="title")
    return _within_limit(title, limit=TITLE_MAX_CHARS, what="The title", field="title")


def _within_limit(value: str, *, limit: int, what: str, field: str) -> str:
    """The value if it fits; a clear refusal naming the field, never a silent cut."""
    if len(value) > limit:
        raise DomainError(
            f"{what} is {len(value):,} characters; the limit is {limit}.",
            code="too_large",
            field=field,
        )
    return value


# Publication dates outside this range are typos or poison (year 1 overflows on the way
# to UTC and breaks every page that lists the article).
EARLIEST_PUBLISHED = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


def _check_published(published: dt.date | dt.datetime | None) -> dt.datetime:
    if published is None:
        return timezone.now()
    if not isinstance(published, dt.datetime):
        published = dt.datetime.combine(published, dt.time(12, 0))
    if timezone.is_naive(published):
        published = published.replace(tzinfo=dt.UTC)
    try:
        # Stored in UTC: offsets such as +18:00 are valid in Python but not in PostgreSQL.
        published = published.astimezone(dt.UTC)
    except OverflowError:
        published = None
    if published is None or published < EARLIEST_PUBLISHED:
        raise DomainError(
            "The publication date is before 1900: check the year.",
            code="too_early",
            field="published",
        )
    if published > timezone.now() + dt.timedelta(days=1):
        raise DomainError(
            "The publication date is in the future.", code="future", field="published"
        )
    return published


def _check_outlet_name(name: str) -> str:
    return _within_limit(
        clean_line(name), limit=OUTLET_MAX_CHARS, what="The outlet name", field="outlet"
    )


def outlet_get_or_create(*, name: str) -> Outlet | None:
    name = _check_outlet_name(name)
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
    feed: Feed | None = None,
) -> IngestResult:
    """Save an article as pending and announce it (`article_stored`) once the transaction
    commits; claims queues its extraction then.

    The same text (by content hash) or the same page (by normalised URL: tracking
    parameters, fragment and host case ignored) submitted again returns the stored article
    unchanged. A new text that nearly repeats a recent one is stored and linked to it.
    """
    check_article_text(text or "")
    cleaned = clean_article_text(text)
    check_article_text(cleaned)
    title = _check_title(title)
    url = _check_url(url or "")
    published_at = _check_published(published)
    outlet_name = _check_outlet_name(outlet_name)
    conflict = None
    if conflict_key:
        # The conflict model is reached through the foreign key, not imported: sources sits
        # below claims and imports nothing from it. (So the checker knows it only as Any.)
        conflict_model: Any = Article.conflict.field.related_model
        conflict = conflict_model._default_manager.filter(key=conflict_key).first()
        if conflict is None:
            raise DomainError(
                f"Unknown conflict {conflict_key[:64]!r}.", code="unknown", field="conflict"
            )

    digest = content_hash(cleaned)
    normalized_url = normalize_url(url)
    existing = _stored_as(digest=digest, normalized_url=normalized_url)
    if existing is not None:
        return _already_stored(existing)
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
                normalized_url=normalized_url,
                origin=origin,
                feed=feed,
            )
            article_link_near_duplicate(article=article)
            transaction.on_commit(lambda: _announce(article.id))
    except IntegrityError:
        # Another request stored the same text or page between our check and our insert.
        existing = _stored_as(digest=digest, normalized_url=normalized_url)
        if existing is None:
            raise
        return _already_stored(existing)
    logger.info(
        "article %s ingested (%s, %d chars)",
        article.id,
        origin,
        len(cleaned),
        extra=event("article.ingested", article_id=article.id, origin=origin, chars=len(cleaned)),
    )
    return IngestResult(article=article, created=True)


def _stored_as(*, digest: str, normalized_url: str) -> Article | None:
    same = Q(content_hash=digest)
    if normalized_url:
        same |= Q(normalized_url=normalized_url)
    return Article.objects.filter(same).order_by("id").first()


def _already_stored(article: Article) -> IngestResult:
    """A re-submission of a stored text. If it is still pending (its first enqueue was lost
    to a broker outage), this is the moment to announce it again: the extraction task
    claims work by a conditional update, so a second message for it does nothing."""
    if article.status == Article.Status.PENDING:
        transaction.on_commit(lambda: _announce(article.id))
    return IngestResult(article=article, created=False)


def _announce(article_id: int) -> None:
    article_stored.send(sender=Article, article_id=article_id)
