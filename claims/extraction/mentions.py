"""Finding gazetteer places, actors and side terms in a parsed document by rules.

spaCy's small English NER misses many front-line towns (it tags Avdiivka as a PERSON), so
names are matched against the reference indexes token by token, longest match first.
"""

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from claims.extraction.reference import (
    MAX_NAME_TOKENS,
    NOT_PLACES,
    ActorEntry,
    ConflictInfo,
    Place,
    ReferenceIndex,
)
from gazetteer.names import normalize_name, transliteration_key


@dataclass
class Mention:
    kind: str  # "place" | "actor" | "side"
    span: Span
    places: list[Place]
    actors: list[ActorEntry]
    sides: list[tuple[str, str]]
    key: str = ""  # the normalized name it was found under

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


def _part_of_a_longer_name(span: Span, index: ReferenceIndex) -> bool:
    """True for "Vladimir" in "Vladimir Putin" or "Kharkiv" in "Kharkiv Regional
    Administration": the gazetteer hit runs on into more capitalised words that are no
    name we know. (NER would say PERSON or ORG, but costs half the parse time.)"""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if not after.text[:1].isupper() or after.is_sent_start or after.pos_ not in ("PROPN", "ADJ"):
        return False
    return normalize_name(after.text) not in index.first_words


def _looks_like_place(span: Span, index: ReferenceIndex) -> bool:
    """A gazetteer hit counts as a place only when written as a proper name of its own."""
    if not span[0].text[:1].isupper():
        return False
    return not _part_of_a_longer_name(span, index)


def _pieces(doc: Doc) -> list[str]:
    """Each token's text normalised once; separators ("-", "–") become a space."""
    pieces = []
    for token in doc:
        piece = normalize_name(token.text)
        pieces.append(piece if piece or token.is_space else " ")
    return pieces


def _key(doc: Doc, pieces: list[str], start: int, end: int) -> str:
    """normalize_name(doc[start:end].text), built from the per-token pieces."""
    parts = []
    for i in range(start, end):
        parts.append(pieces[i])
        if i < end - 1 and doc[i].whitespace_:
            parts.append(" ")
    return " ".join("".join(parts).split())


def find_mentions(doc: Doc, index: ReferenceIndex) -> list[Mention]:
    """Non-overlapping mentions, longest first at each position, in document order."""
    mentions: list[Mention] = []
    pieces = _pieces(doc)
    i, n = 0, len(doc)
    while i < n:
        first = pieces[i]
        if first == "the" or first not in index.first_words:
            found = _transliterated_place(doc, pieces, i, index)
            if found is not None:
                mentions.append(found)
                i = found.end
            else:
                i += 1
            continue
        found = None
        for end in range(min(n, i + MAX_NAME_TOKENS), i, -1):
            if doc[end - 1].is_punct or doc[end - 1].is_space:
                continue
            key = _key(doc, pieces, i, end)
            places = index.places.get(key, [])
            actors = index.actors.get(key, [])
            if actors and key in index.acronyms and not doc[i:end].text.isupper():
                actors = []
            sides = index.side_terms.get(key, [])
            if places and not _looks_like_place(doc[i:end], index):
                places = []
            if places or actors or sides:
                kind = "actor" if actors else "side" if sides else "place"
                found = Mention(kind, doc[i:end], places, actors, sides, key)
                break
        if found is None:
            found = _transliterated_place(doc, pieces, i, index)
        if found is None:
            i += 1
            continue
        mentions.append(found)
        i = found.end
    return mentions


def _transliterated_place(doc: Doc, pieces: list[str], i: int, index: ReferenceIndex):
    """A capitalised name the gazetteer has under another transliteration ("Taibat al-Imam"
    for "Tayyibat al Imam", "Al-Khuwei"), longest first, up to four words."""
    token = doc[i]
    if not token.text[:1].isupper() or not token.is_alpha:
        return None
    for end in range(min(len(doc), i + 4), i, -1):
        last = doc[end - 1]
        if not (last.is_alpha or last.text == "-") or (end - 1 > i and last.is_sent_start):
            continue
        key = _key(doc, pieces, i, end)
        if key in NOT_PLACES or key.split(" ")[-1] in NOT_PLACES:
            continue
        folded = transliteration_key(key)
        places = index.places_by_translit.get(folded) if len(folded) >= 5 else None
        if places and _looks_like_place(doc[i:end], index):
            return Mention("place", doc[i:end], list(places), [], [])
    return None


def dated_mentions(mentions: list[Mention], conflict: ConflictInfo, day: dt.date) -> list[Mention]:
    """The mentions with the state's organs ("government forces", the state's army) given
    to the side that held the state on the article's date (conflicts.yaml, state_holders)."""
    holder = conflict.organ_side(day)
    if holder is None:
        return mentions
    out = []
    for m in mentions:
        actors = [
            replace(a, side=holder)
            if a.key in conflict.organ_actors and a.conflict == conflict.key
            else a
            for a in m.actors
        ]
        sides = m.sides
        if m.key in conflict.organ_terms:
            sides = [(c, holder if c == conflict.key else side) for c, side in m.sides]
        out.append(replace(m, actors=actors, sides=sides))
    return out
