"""When a claim says something happened, resolved against the article's date."""

import datetime as dt
import functools
import re

import dateparser
from spacy.tokens import Span, Token

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_LEADING = re.compile(r"^(on|since|in|by|as of|late|early|until)\s+", re.I)
# Oldest event a story can date relative to its own date; anything earlier is background.
_MAX_AGE = dt.timedelta(days=730)


@functools.lru_cache(maxsize=4096)
def _parse(phrase: str, published: dt.date) -> dt.date | None:
    words = phrase.lower().split()
    if phrase.lower() in ("overnight", "last night", "today", "this morning", "tonight"):
        return published
    for day, name in enumerate(_WEEKDAYS):
        if name in words and len(words) <= 3 and not {"next", "coming"} & set(words):
            back = (published.weekday() - day) % 7
            if "last" in words and back == 0:
                back = 7
            return published - dt.timedelta(days=back)
    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Date phrases a wire story uses for when something happened; found by pattern because the
# pipeline runs without NER (see pipeline.get_nlp).
DATE_PHRASE = re.compile(
    rf"""\b(?:
        (?:last\s+|this\s+|early\s+|late\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?
      | {_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?
      | \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?
      | (?:mid-|early\s+|late\s+)?(?<!may\s){_MONTH}(?:\s+\d{{4}})?(?=[\s,.;])
      | yesterday | overnight | last\s+night | (?:last|this)\s+(?:week|month|weekend)
      | earlier\s+this\s+(?:week|month|year) | \d{{1,2}}\s+days\s+ago
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _date_spans(sent: Span) -> list[Span]:
    spans = []
    for match in DATE_PHRASE.finditer(sent.text):
        text = match.group(0)
        if text.lower() == "may" or (text.lower().startswith("mar") and " " not in text):
            continue  # "may" the verb, "march" the noun
        start = sent.start_char + match.start()
        span = sent.doc.char_span(start, start + len(text), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def resolve_event_date(trigger: Token | None, *, published: dt.date) -> dt.date | None:
    """The date a date phrase names, if any and plausible: one inside the trigger's phrase,
    else one attached to a word above it ("said on Friday that ... captured")."""
    if trigger is None:
        return None
    subtree = {t.i for t in trigger.subtree}
    chain = {trigger.i} | {a.i for a in trigger.ancestors}
    spans = sorted(_date_spans(trigger.sent), key=lambda s: s.root.i not in subtree)
    for span in spans:
        root = span.root
        governor = root.head.head if root.head.dep_ == "prep" else root.head
        if root.i not in subtree and governor.i not in chain:
            continue
        phrase = _LEADING.sub("", span.text.strip())
        if not phrase or len(phrase) > 40:
            continue
        when = _parse(phrase, published)
        if when and published - _MAX_AGE <= when <= published:
            return when
    return None
