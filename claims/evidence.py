"""A claim's evidence sentence shown in its paragraph, with the place and the trigger marked.

Pure functions over plain strings. The review queue loads only a window of the article's text
around the evidence (an article may run to megabytes), so paragraph edges are looked for
inside that window and an edge the window cuts is reported, to be shown as an ellipsis.
"""

import re
from dataclasses import dataclass

from claims.extraction import lexicon
from claims.vocabulary import ClaimKind
from conflictwatch.core.highlight import Segment, Span, mark_spans

# Span keys: which of the three layers covers a piece of text.
EVIDENCE = 1
MENTION = 2
TRIGGER = 3

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\w+(?:[-']\w+)*")

# Past forms the suffix rules below cannot reach.
_IRREGULAR = {
    "took": "take", "taken": "take", "retook": "retake", "retaken": "retake",
    "fell": "fall", "fallen": "fall", "won": "win", "held": "hold", "fought": "fight",
    "left": "leave", "lost": "lose", "fled": "flee", "overran": "overrun", "withdrew":
    "withdraw", "withdrawn": "withdraw", "broke": "break", "broken": "break", "beaten": "beat",
    "drove": "drive", "driven": "drive", "ceded": "cede",
}  # fmt: skip

# Keyed by str: callers pass a claim's kind as stored, which finds its member's entry.
_TRIGGERS_BY_KIND: dict[str, set[str]] = {
    ClaimKind.CAPTURE: lexicon.CAPTURE_VERBS | lexicon.CAPTURE_NOUNS,
    ClaimKind.WITHDRAWAL: lexicon.WITHDRAWAL_VERBS | lexicon.WITHDRAWAL_NOUNS,
    ClaimKind.ADVANCE: lexicon.ADVANCE_VERBS | lexicon.ADVANCE_NOUNS,
    ClaimKind.CONTESTED: lexicon.CONTESTED_VERBS | lexicon.CONTESTED_NOUNS | lexicon.HELD_GROUND,
    ClaimKind.DENIAL: lexicon.DENIAL_VERBS | lexicon.DENIAL_WORDS,
}


@dataclass(frozen=True)
class EvidenceParagraph:
    segments: list[Segment]
    # The window of text loaded ended inside the paragraph, so some of it is not shown.
    clipped_before: bool
    clipped_after: bool


def _base_forms(word: str) -> set[str]:
    """Candidate dictionary forms of an English word: enough to match trigger lemmas."""
    word = word.lower()
    forms = {word, _IRREGULAR.get(word, word)}
    for suffix in ("ied", "ies"):  # "denied", "denies" -> "deny"
        if word.endswith(suffix):
            forms.add(word[: -len(suffix)] + "y")
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms.update({stem, stem + "e"})
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "stopped" -> "stop"
                forms.add(stem[:-1])
    return forms


def trigger_spans(text: str, *, kind: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the words in text[start:end] that can express a claim of this kind."""
    words = _TRIGGERS_BY_KIND.get(kind, set())
    spans = [
        Span(m.start(), m.end(), TRIGGER)
        for m in _WORD.finditer(text, start, len(text) if end is None else end)
        if _base_forms(m.group()) & words
    ]
    if kind == ClaimKind.DENIAL:
        lowered = text.lower()
        for phrase in lexicon.DENIAL_PHRASES:
            at = lowered.find(phrase, start, end)
            if at >= 0:
                spans.append(Span(at, at + len(phrase), TRIGGER))
    return spans


def mention_spans(text: str, mention: str, *, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of every case-insensitive occurrence of the place name in text[start:end]."""
    mention = (mention or "").strip()
    if not mention:
        return []
    pattern = re.compile(re.escape(mention), re.IGNORECASE)
    stop = len(text) if end is None else end
    return [Span(m.start(), m.end(), MENTION) for m in pattern.finditer(text, start, stop)]


def evidence_paragraph(
    *,
    window: str,
    evidence_start: int,
    evidence_end: int,
    mention: str,
    kind: str,
    window_starts_text: bool,
    window_ends_text: bool,
) -> EvidenceParagraph:
    """The paragraph of `window` holding the evidence span (offsets relative to the window),
    cut into segments keyed EVIDENCE, MENTION and TRIGGER."""
    evidence_start = max(0, min(evidence_start, len(window)))
    evidence_end = max(evidence_start, min(evidence_end, len(window)))
    para_start, clipped_before = 0, not window_starts_text
    for brk in _PARAGRAPH_BREAK.finditer(window, 0, evidence_start):
        para_start, clipped_before = brk.end(), False
    para_end, clipped_after = len(window), not window_ends_text
    following = _PARAGRAPH_BREAK.search(window, evidence_end)
    if following is not None:
        para_end, clipped_after = following.start(), False
    spans = [
        Span(evidence_start, evidence_end, EVIDENCE),
        *mention_spans(window, mention, start=evidence_start, end=evidence_end),
        *trigger_spans(window, kind=kind, start=evidence_start, end=evidence_end),
    ]
    return EvidenceParagraph(
        segments=mark_spans(window, spans, start=para_start, end=para_end),
        clipped_before=clipped_before,
        clipped_after=clipped_after,
    )
