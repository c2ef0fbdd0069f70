"""When a claim says something happened, resolved against the article's date."""

import datetime as dt
import functools
import re

import dateparser
from spacy.tokens import Token

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


def resolve_event_date(trigger: Token | None, *, published: dt.date) -> dt.date | None:
    """The date a DATE or TIME phrase names, if any and plausible: one inside the trigger's
    phrase, else one attached to a word above it ("said on Friday that ... captured")."""
    if trigger is None:
        return None
    doc = trigger.doc
    subtree = {t.i for t in trigger.subtree}
    chain = {trigger.i} | {a.i for a in trigger.ancestors}
    sent = trigger.sent
    ents = [
        e for e in doc.ents if e.label_ in ("DATE", "TIME") and sent.start <= e.start < sent.end
    ]
    ents.sort(key=lambda e: e.root.i not in subtree)
    for ent in ents:
        governor = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        if ent.root.i not in subtree and governor.i not in chain:
            continue
        phrase = _LEADING.sub("", ent.text.strip())
        if not phrase or len(phrase) > 40:
            continue
        when = _parse(phrase, published)
        if when and published - _MAX_AGE <= when <= published:
            return when
    return None
