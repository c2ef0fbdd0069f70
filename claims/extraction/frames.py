"""Claim frames (frames.yaml): which claim kind a word above a place signals.

The table is data so that a phrasing family is one row plus its test sentences, and so that
each row can be switched off to measure what it is worth (`make ablate`).
"""

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from claims.extraction import lexicon as lx
from claims.extraction.tokens import has_child, subtree_words

FRAMES_FILE = Path(__file__).with_name("frames.yaml")
KINDS = {"capture", "withdrawal", "advance", "contested", "denial", "none"}
PLACE_SLOTS = {"object", "named_object", "subject", "object_or_passive_subject", "object_place"}
FIELDS = {
    "id", "kind", "pos", "lemmas", "words", "needs", "place_as", "not_via", "object_is",
    "subtree_has", "subtree_lacks", "head_in", "head_is", "or_dep", "otherwise", "voice",
    "aspect",
}  # fmt: skip


class FrameError(ValueError):
    """frames.yaml is malformed; the message names the row."""


@dataclass(frozen=True)
class Frame:
    id: str
    kind: str | None
    pos: str
    lemmas: frozenset[str]
    words: frozenset[str]
    needs: frozenset[str]
    place_as: str | None
    not_via: frozenset[str]
    object_is: frozenset[str]
    subtree_has: frozenset[str]
    subtree_lacks: frozenset[str]
    head_in: frozenset[str]
    head_is: frozenset[str]
    or_dep: str | None
    voice: str | None
    # "done": the verb is not in the progressive ("cleared", not "are clearing")
    aspect: str | None
    # The kind when the conditions fail; `passes` means the next row is tried.
    otherwise: str | None
    passes: bool

    def says(self, token: Token, below: Token | None) -> tuple[bool, str | None]:
        """(decided, kind): whether this row settles the word, and the kind it gives."""
        if self._conditions_hold(token, below):
            return True, self.kind
        if self.passes:
            return False, None
        return True, self.otherwise

    def _conditions_hold(self, token: Token, below: Token | None) -> bool:
        needs_met = not self.needs or has_child(token, self.needs) or _object_has(token, self.needs)
        if not needs_met and not (self.or_dep and token.dep_ == self.or_dep):
            return False
        if self.voice and (self.voice == "passive") != _passive(token):
            return False
        if self.aspect == "done" and token.tag_ == "VBG":
            return False
        if self.place_as and not _in_slot(below, self.place_as):
            return False
        if self.not_via and below is not None and below.lemma_.lower() in self.not_via:
            return False
        if self.object_is and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.object_is for c in token.children
        ):
            return False
        if self.subtree_has and not subtree_words(token) & self.subtree_has:
            return False
        if self.subtree_lacks and subtree_words(token) & self.subtree_lacks:
            return False
        if self.head_in and _governor(token).lemma_.lower() not in self.head_in:
            return False
        return not (self.head_is and token.head.lower_ not in self.head_is)


def _governor(token: Token) -> Token:
    """The word a noun hangs from, looking through lists and inclusions: in "repelled 41
    attacks, including assaults on X", "assaults" is governed by "repelled"."""
    current = token
    for _ in range(8):
        if current.dep_ in ("conj", "appos") and current.head.i != current.i:
            current = current.head
        elif current.dep_ == "pobj" and current.head.lower_ in ("including", "among"):
            # "including" hangs from the list's noun or, as often, from the verb itself
            including = current.head
            if including.head.pos_ in ("VERB", "AUX"):
                return including.head
            current = including.head
        else:
            break
    return current.head


def _passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # a reduced passive: "RSF driven out of X" (a headline), "fighters driven out of X"
    return (
        verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
        and (verb.dep_ == "acl" or any(c.dep_ == "nsubj" for c in verb.children))
    )


def _object_has(verb: Token, words: frozenset[str]) -> bool:
    """ "evacuated its garrison from X", "drove the rebels out of X": the parser hangs the
    particle or preposition off the object."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and has_child(c, words) for c in verb.children
    )


def _in_slot(below: Token | None, slot: str) -> bool:
    if below is None:
        return False
    dep = below.dep_
    # "X, which troops had abandoned": the relative pronoun stands for the place (and the
    # small parser often calls it a second subject)
    relative = below.tag_ == "WDT"
    if relative and dep == "nsubj" and sum(c.dep_ == "nsubj" for c in below.head.children) > 1:
        dep = "dobj"
    verb = below.head
    if (
        dep in ("advmod", "npadvmod", "oprd", "attr", "dep")
        and below.is_title
        and below.i > verb.i
        and not any(c.dep_ == "dobj" for c in verb.children)
    ):
        dep = "dobj"  # "had taken Toretsk": the tagger took an unfamiliar name for an adverb
    if dep in ("aux", "auxpass") and any(c.dep_ in ("nsubj", "nsubjpass") for c in below.children):
        # "X remains held by ...": the small parser may hang the subject on the auxiliary
        dep = "nsubjpass" if dep == "auxpass" else "nsubj"
    if dep == "nsubj" and (
        any(c.dep_ in ("auxpass", "agent") for c in below.head.children) or _passive(below.head)
    ):
        dep = "nsubjpass"  # a passive the parser did not mark on its subject
    if slot == "subject":
        return dep == "nsubj"
    if slot == "object_or_passive_subject":
        return dep in ("dobj", "nsubjpass")
    if slot == "object_place":
        # "abandoned X", "X was abandoned", "left the town", "evacuated its positions"
        return dep in ("dobj", "nsubjpass") and (
            below.pos_ == "PROPN"
            or relative
            or below.lemma_.lower() in lx.PLACE_WORDS | lx.HELD_GROUND
        )
    if dep != "dobj":
        return False
    if slot == "named_object":
        return below.pos_ == "PROPN" or relative
    return True


def _word_class(name: str, row_id: str) -> frozenset[str]:
    classes = {
        "partial": lx.PARTIAL_WORDS,
        "contested": lx.CONTESTED_NOUNS,
        "held_ground": lx.HELD_GROUND,
        "post": lx.POST_WORDS,
        **lx.FRAME_CLASSES,
    }
    if name not in classes:
        raise FrameError(f"frame {row_id!r}: unknown word class {name!r}")
    return frozenset(classes[name])


def _words(value: object, row_id: str, field: str) -> frozenset[str]:
    """A field that takes a list of words, or the name of a word class."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return _word_class(value, row_id)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise FrameError(f"frame {row_id!r}: {field} must be a list of words or a class name")
    return frozenset(w.lower() for w in value)


def parse_frames(rows: object) -> tuple[Frame, ...]:
    if not isinstance(rows, list) or not rows:
        raise FrameError("frames.yaml: `frames` must be a non-empty list")
    frames: list[Frame] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise FrameError(f"frame #{number}: every row needs an id")
        row_id = row["id"]
        if row_id in seen:
            raise FrameError(f"frame {row_id!r} appears twice")
        seen.add(row_id)
        if unknown := set(row) - FIELDS:
            raise FrameError(f"frame {row_id!r}: unknown fields {sorted(unknown)}")
        if row.get("kind") not in KINDS:
            raise FrameError(f"frame {row_id!r}: kind must be one of {sorted(KINDS)}")
        if row.get("pos") not in ("verb", "noun"):
            raise FrameError(f"frame {row_id!r}: pos must be verb or noun")
        if row.get("place_as") not in PLACE_SLOTS | {None}:
            raise FrameError(f"frame {row_id!r}: place_as must be one of {sorted(PLACE_SLOTS)}")
        if row.get("voice") not in ("active", "passive", None):
            raise FrameError(f"frame {row_id!r}: voice must be active or passive")
        if row.get("aspect") not in ("done", None):
            raise FrameError(f"frame {row_id!r}: aspect must be done")
        otherwise = row.get("otherwise")
        if otherwise not in KINDS | {None}:
            raise FrameError(f"frame {row_id!r}: otherwise must be a kind or none")
        lemmas, words = (
            _words(row.get("lemmas"), row_id, "lemmas"),
            _words(row.get("words"), row_id, "words"),
        )
        if not lemmas and not words:
            raise FrameError(f"frame {row_id!r}: needs lemmas or words")
        not_via: frozenset[str] = frozenset()
        for name in row.get("not_via") or []:
            not_via |= _word_class(name, row_id)
        frames.append(
            Frame(
                id=row_id,
                kind=None if row["kind"] == "none" else row["kind"],
                pos=row["pos"],
                lemmas=lemmas,
                words=words,
                needs=_words(row.get("needs"), row_id, "needs"),
                place_as=row.get("place_as"),
                not_via=not_via,
                object_is=_words(row.get("object_is"), row_id, "object_is"),
                subtree_has=_words(row.get("subtree_has"), row_id, "subtree_has"),
                subtree_lacks=_words(row.get("subtree_lacks"), row_id, "subtree_lacks"),
                head_in=_words(row.get("head_in"), row_id, "head_in"),
                head_is=_words(row.get("head_is"), row_id, "head_is"),
                or_dep=row.get("or_dep"),
                voice=row.get("voice"),
                aspect=row.get("aspect"),
                otherwise=None if otherwise in ("none", None) else otherwise,
                passes=otherwise is None,
            )
        )
    return tuple(frames)


@functools.cache
def all_frames() -> tuple[Frame, ...]:
    return parse_frames(lx.FRAME_TABLE["frames"])


_disabled: frozenset[str] = frozenset()


@functools.cache
def _index(disabled: frozenset[str]) -> dict[tuple[str, str], tuple[Frame, ...]]:
    """(pos, word) -> the rows that may speak for it, in table order."""
    index: dict[tuple[str, str], list[Frame]] = {}
    for frame in all_frames():
        if frame.id in disabled:
            continue
        for word in frame.lemmas | frame.words:
            index.setdefault((frame.pos, word), []).append(frame)
    return {key: tuple(rows) for key, rows in index.items()}


def frame_kind(token: Token, below: Token | None) -> str | None:
    """The kind the first deciding frame gives the word, or None."""
    if token.pos_ in ("VERB", "AUX"):
        pos = "verb"
    elif token.pos_ in ("NOUN", "PROPN"):
        pos = "noun"
    else:
        return None
    index = _index(_disabled)
    lemma, word = token.lemma_.lower(), token.lower_
    rows = index.get((pos, lemma), ())
    if word != lemma and (pos, word) in index:
        by_word = [f for f in index[(pos, word)] if word in f.words and f not in rows]
        order = {f.id: i for i, f in enumerate(all_frames())}
        rows = tuple(sorted((*rows, *by_word), key=lambda f: order[f.id]))
    for frame in rows:
        if frame.pos == "noun" and lemma not in frame.lemmas and word not in frame.words:
            continue
        decided, kind = frame.says(token, below)
        if decided:
            return kind
    return None


@contextlib.contextmanager
def frames_disabled(ids: set[str]) -> Iterator[None]:
    """Run with these frames switched off (for ablation)."""
    global _disabled
    unknown = ids - {f.id for f in all_frames()}
    if unknown:
        raise FrameError(f"no such frames: {sorted(unknown)}")
    before, _disabled = _disabled, frozenset(ids)
    try:
        yield
    finally:
        _disabled = before
