"""Search that PostgreSQL's indexes serve, with plain LIKE fallbacks for the embedded
SQLite demo (same results for ordinary words; no typo tolerance, no ranking).

- Names: `pg_trgm` trigram GIN indexes (claims migration 0011) serve both a substring
  match (LIKE '%x%') and a similarity match (the `%` operator), so "toretks" still finds
  Toretsk. Trigrams need three characters, the search's minimum.
- Text: GIN indexes on to_tsvector('simple', ...) of article title and text and of claim
  evidence. The 'simple' configuration does not stem or drop stop words: articles come in
  many languages, and a word matches as written, in any of them.
"""

from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

_Rows = TypeVar("_Rows", bound=QuerySet)

# The text search configuration; the indexes are built with the same one (migrations).
FTS_CONFIG = "simple"
# Longer search text is refused (serializers, forms): a query is a few words, not a page.
TEXT_QUERY_MAX_CHARS = 200


def on_postgresql(qs: QuerySet) -> bool:
    return connections[qs.db].vendor == "postgresql"


def text_vector(*fields: str) -> SearchVector:
    """The expression the text indexes are built on: it must stay the same, word for word,
    as the one in the migrations, or PostgreSQL will not use them."""
    return SearchVector(*fields, config=FTS_CONFIG)


def text_search(qs: _Rows, *, fields: tuple[str, ...], q: str) -> _Rows:
    """Rows whose `fields` contain every word of `q` (websearch syntax on PostgreSQL:
    "quoted phrases", -excluded, OR). `q` never raises: malformed syntax is read as words."""
    if on_postgresql(qs):
        query = SearchQuery(q, config=FTS_CONFIG, search_type="websearch")
        return qs.alias(_text=text_vector(*fields)).filter(_text=query)
    for word in q.split():
        word = word.strip("\"'-")
        if word:
            qs = qs.filter(_any_contains(fields, word))
    return qs


def _any_contains(fields: tuple[str, ...], word: str) -> Q:
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": word})
    return match


def name_match(field: str, needle: str, *, postgresql: bool) -> Q:
    """`field` (a normalised name) starts with, contains, or (PostgreSQL) is like `needle`
    by trigram similarity; all three are served by the field's trigram GIN index."""
    match = Q(**{f"{field}__contains": needle})
    if postgresql:
        match |= Q(**{f"{field}__trigram_similar": needle})
    return match
