"""Marking spans of text (claim evidence, settlement mentions) for display.

Pure functions over plain strings: the template tags in `templatetags/highlight.py` escape
and wrap what these return, so no markup ever comes from the text itself.
"""

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: int | None = None


@dataclass(frozen=True)
class Segment:
    text: str
    # The keys (claim ids) of the spans covering this piece; empty for unmarked text.
    keys: tuple[int | None, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.keys)


def mark_spans(text: str, spans: Iterable[Span], *, start: int = 0, end: int | None = None):
    """Cut text[start:end] into segments, each marked with the spans that cover it.

    Spans are clipped to the range; empty, inverted or out-of-range spans are ignored, and
    overlapping spans yield a segment carrying every key that covers it.
    """
    end = len(text) if end is None else min(end, len(text))
    clipped = [
        Span(max(s.start, start), min(s.end, end), s.key)
        for s in spans
        if max(s.start, start) < min(s.end, end)
    ]
    cuts = sorted({start, end, *(s.start for s in clipped), *(s.end for s in clipped)})
    segments: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        keys = tuple(s.key for s in clipped if s.start <= a and b <= s.end)
        if segments and segments[-1].keys == keys:
            segments[-1] = Segment(segments[-1].text + text[a:b], keys)
        else:
            segments.append(Segment(text[a:b], keys))
    return segments


def paragraph_segments(text: str, spans: Iterable[Span]) -> list[list[Segment]]:
    """The text's blank-line-separated paragraphs, each cut into marked segments.

    A span running across a paragraph break is marked in each paragraph it touches, so the
    markup never straddles paragraphs. Spans are placed by bisection, which keeps a
    multi-megabyte article with a few claims linear in its length.
    """
    bounds: list[tuple[int, int]] = []
    position = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if brk.start() > position:
            bounds.append((position, brk.start()))
        position = brk.end()
    if position < len(text):
        bounds.append((position, len(text)))
    starts = [a for a, _ in bounds]
    spans_by_paragraph: dict[int, list[Span]] = {}
    for span in spans:
        first = max(bisect.bisect_right(starts, span.start) - 1, 0)
        last = bisect.bisect_left(starts, span.end) - 1
        for index in range(first, last + 1):
            spans_by_paragraph.setdefault(index, []).append(span)
    return [
        mark_spans(text, spans_by_paragraph.get(index, ()), start=a, end=b)
        if index in spans_by_paragraph
        else [Segment(text[a:b])]
        for index, (a, b) in enumerate(bounds)
    ]


def mention_segments(text: str, mention: str) -> list[Segment]:
    """The text with every case-insensitive occurrence of `mention` marked."""
    mention = (mention or "").strip()
    if not mention:
        return [Segment(text)] if text else []
    pattern = re.compile(re.escape(mention), re.IGNORECASE)
    return mark_spans(text, [Span(m.start(), m.end()) for m in pattern.finditer(text)])
