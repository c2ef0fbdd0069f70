"""The state the claim rules carry through an article: who spoke, which places were named,
the claims found so far; and the two records they produce (`Claimant`, `Draft`)."""

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.mentions import Mention
from claims.extraction.reference import ConflictInfo, Place, ReferenceIndex
from claims.extraction.tokens import is_reporting
from claims.vocabulary import THIRD_PARTY


@dataclass(frozen=True)
class Claimant:
    actor_id: int | None
    name: str
    side: str
    confidence: float


@dataclass
class Draft:
    place: Place
    mention: str
    claimant: Claimant
    kind: str
    side: str
    sent: Span
    trigger: Token | None
    confidence: float

    def as_kwargs(self) -> dict:
        raw = self.sent.text
        evidence = raw.strip()
        start = self.sent.start_char + (len(raw) - len(raw.lstrip()))
        return {
            "settlement_id": self.place.id,
            "settlement_name": self.place.name,
            "settlement_mention": self.mention,
            "country": self.place.country,
            "claimant_actor_id": self.claimant.actor_id,
            "claimant_name": self.claimant.name,
            "claimant_side": self.claimant.side,
            "kind": self.kind,
            "side": self.side,
            "evidence": evidence,
            "evidence_start": start,
            "evidence_end": start + max(len(evidence), 1),
            "confidence": round(min(max(self.confidence, 0.05), 1.0), 2),
        }


@dataclass
class SentenceContext:
    doc: Doc
    index: ReferenceIndex
    conflict: ConflictInfo
    mentions: list[Mention]
    places: dict[int, Place]
    outlet: str
    published_year: int | None = None
    last_claimant: Claimant | None = None
    last_place: tuple[Place, str] | None = None
    mention_at: dict[int, Mention] = field(default_factory=dict)
    own_claimants: dict[int, Claimant | None] = field(default_factory=dict)
    history: list[tuple[Claimant, set[str]]] = field(default_factory=list)
    # Claims found so far in the article, in order: what a later "rejected the claim" answers.
    emitted: list["Draft"] = field(default_factory=list)
    # The words each speaker was named by ("the Defence Ministry"), for "the ministry" later.
    speaker_words: dict[Claimant, set[str]] = field(default_factory=dict)
    last_claimant_end: int = -1
    place_counts: dict[str, int] = field(default_factory=dict)
    place_seen: dict[str, tuple[Place, str]] = field(default_factory=dict)
    # Place names by recency, latest last: what "both towns" refers to.
    recent_places: list[str] = field(default_factory=list)
    # (sentence start, place, name as written, reach) of each place named in its own right
    # or referred to, in order: what "the town" refers back to. Reach "sentence": only
    # within its own sentence (a movement's goal).
    named_places: list[tuple[int, Place, str, str]] = field(default_factory=list)
    # The place word each place was first given ("the village of X"): "town" or "village".
    place_called: dict[str, str] = field(default_factory=dict)
    # The article's text, made once: spaCy builds `doc.text` anew on every access.
    text: str = ""

    def __post_init__(self) -> None:
        self.text = self.doc.text
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.mention_at[i] = m

    def name_place(
        self, sent_start: int, place: Place, mention: str, reach: str | None, called: str = ""
    ) -> None:
        if reach is not None:
            self.named_places.append((sent_start, place, mention, reach))
            if called:
                self.place_called.setdefault(place.name, called)

    def note_place(self, place: Place, mention: str) -> None:
        self.last_place = (place, mention)
        self.place_counts[place.name] = self.place_counts.get(place.name, 0) + 1
        self.place_seen[place.name] = (place, mention)
        if place.name in self.recent_places:
            self.recent_places.remove(place.name)
        self.recent_places.append(place.name)

    def latest_places(self, count: int) -> list[tuple[Place, str]]:
        return [self.place_seen[name] for name in self.recent_places[-count:]]

    def _fits(self, place: Place, word: str) -> bool:
        """ "the town" is no place called a village, and "the village" no town or city."""
        called = self.place_called.get(place.name, "")
        if not called or not word or word not in lx.PLACE_WORDS:
            return True
        return (called in lx.SMALL_PLACE_WORDS) == (word in lx.SMALL_PLACE_WORDS)

    def antecedent_place(self, sent: Span, word: str = "") -> tuple[Place, str] | None:
        """ "The town", "the city's outskirts": the place named last in this sentence, else
        the one place the sentence before named (or the one before that, if that named
        none), else where this sentence's speaker sits; else the article's focus place."""
        here = [
            (p, m, reach)
            for start, p, m, reach in self.named_places
            if start == sent.start and self._fits(p, word)
        ]
        if any(reach != "speaker" for _p, _m, reach in here):
            return next((p, m) for p, m, reach in reversed(here) if reach != "speaker")
        start_of = sent.start
        for _ in range(2):  # the sentence before, or the one before it if it named none
            if start_of == 0:
                break
            start_of = self.doc[start_of - 1].sent.start
            named = {
                p.name: (p, m)
                for start, p, m, reach in self.named_places
                if start == start_of and reach == "here" and self._fits(p, word)
            }
            if named:
                if len(named) == 1:
                    return next(iter(named.values()))
                break
        if here:  # only where the speaker sits: "an officer in X said ... the town"
            return here[-1][:2]
        return self.focus_place(word)

    def focus_place(self, word: str = "") -> tuple[Place, str] | None:
        """The most-named place so far (the latest on a tie) that the place word fits: what
        "the town" refers to when nothing nearer does."""
        counts = {
            name: n
            for name, n in self.place_counts.items()
            if self._fits(self.place_seen[name][0], word)
        }
        if not counts:
            return None
        order = list(self.place_seen)
        best = max(counts, key=lambda n: (counts[n], order.index(n)))
        return self.place_seen[best]

    def place_keys(self) -> list[str]:
        return self.index.place_keys(self.conflict)

    def remember(self, claimant: Claimant, sent: Span | None = None) -> None:
        self.last_claimant = claimant
        self.last_claimant_end = sent.end_char if sent is not None else self.last_claimant_end
        named_by = self.speaker_words.get(claimant, set())
        self.history.append((claimant, named_by | set(claimant.name.lower().split())))

    def earlier_speaker(self, words: set[str]) -> Claimant | None:
        """ "The ministry also said": the latest speaker whose name has that role word."""
        if not words & (lx.PRONOUNS_OF_CLAIMANT | lx.GENERIC_SPEAKERS):
            return None
        roles = words & lx.GENERIC_SPEAKERS - {"he", "she", "it", "they"}
        for claimant, named_by in reversed(self.history):
            if roles and roles & named_by:
                return claimant
        return self.last_claimant

    def speaker_by_surname(self, tokens: list[Token]) -> Claimant | None:
        """A person named by surname alone ("Romanov said") who spoke earlier under their
        full name: whoever that earlier sentence was attributed to."""
        names = [t for t in tokens if not t.is_punct]
        if not names or len(names) > 2 or any(t.pos_ != "PROPN" for t in names):
            return None
        surname, before = names[-1], names[-1].sent.start
        for token in reversed(self.doc[:before]):
            full_name = (
                token.text == surname.text
                and token.i > 0
                and self.doc[token.i - 1].pos_ == "PROPN"
                and token.dep_ not in ("dobj", "pobj")
            )
            if full_name and any(is_reporting(a) for a in token.ancestors):
                return self.own_claimants.get(token.sent.start)
        return None

    def journalist(self) -> Claimant:
        return Claimant(None, self.outlet, THIRD_PARTY, 0.75)

    def opponent(self, side: str) -> str | None:
        others = [s for s in self.conflict.sides if s != side]
        return others[0] if len(others) == 1 else None
