"""The claim rules: in one parsed sentence, who claims what about which settlement.

For each place named in a sentence, the nearest trigger word above it in the dependency
tree gives the claim's kind; the trigger's agent gives the side; the reporting verb above
the trigger (or "according to", or the quote the sentence sits in) gives the claimant.
"""

import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.frames import frame_kind
from claims.extraction.mentions import Mention
from claims.extraction.reference import ConflictInfo, Place, ReferenceIndex
from claims.extraction.tokens import has_child
from claims.models import THIRD_PARTY
from claims.names import normalize_name

QUOTES = '"“”«»'


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

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.mention_at[i] = m

    def note_place(self, place: Place, mention: str) -> None:
        self.last_place = (place, mention)
        self.place_counts[place.name] = self.place_counts.get(place.name, 0) + 1
        self.place_seen[place.name] = (place, mention)
        if place.name in self.recent_places:
            self.recent_places.remove(place.name)
        self.recent_places.append(place.name)

    def latest_places(self, count: int) -> list[tuple[Place, str]]:
        return [self.place_seen[name] for name in self.recent_places[-count:]]

    def focus_place(self) -> tuple[Place, str] | None:
        """The most-named place so far (the latest on a tie): what "the town" refers to."""
        if not self.place_counts:
            return None
        order = list(self.place_seen)
        best = max(self.place_counts, key=lambda n: (self.place_counts[n], order.index(n)))
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
            if full_name and any(_is_reporting(a) for a in token.ancestors):
                return self.own_claimants.get(token.sent.start)
        return None

    def journalist(self) -> Claimant:
        return Claimant(None, self.outlet, THIRD_PARTY, 0.75)

    def opponent(self, side: str) -> str | None:
        others = [s for s in self.conflict.sides if s != side]
        return others[0] if len(others) == 1 else None


# --- names in a span ---------------------------------------------------------------------


def _mentions_in(tokens: list[Token], ctx: SentenceContext) -> list[Mention]:
    seen, out = set(), []
    for t in tokens:
        m = ctx.mention_at.get(t.i)
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def _located_at(token: Token) -> bool:
    """ "Kyiv" in "a Kyiv-based think tank": where the speaker sits, not whose side it is."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ in ("based", "headquartered")
    )


def _side_in(tokens: list[Token], ctx: SentenceContext) -> str | None:
    """The side a group of words names: an actor of a side, or a side term. The group's
    head and the words nearest it count first ("Syrian insurgents led by HTS": HTS)."""
    tokens = [t for t in tokens if not _located_at(t)]
    if tokens:
        heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
        head = heads[0] if heads else tokens[0]
        named = set()
        if head.lemma_.lower() in lx.RELATION_NOUNS:
            # "the MNDAA's ally, the TNLA": the apposition names who it is
            named = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
        tokens = sorted(tokens, key=lambda t: (t.i not in named, t is not head, abs(t.i - head.i)))
    for m in _mentions_in(tokens, ctx):
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.side != THIRD_PARTY:
                return actor.side
        for conflict_key, side in m.sides:
            if conflict_key == ctx.conflict.key:
                return side
    return None


def _without_dateline(span: Span) -> Span:
    """ "KYIV, Oct 2 — Ukraine's military" -> "Ukraine's military"."""
    for token in reversed(span):
        if token.text in ("—", "–", "--", ":") and token.i < span.end - 1:
            return span.doc[token.i + 1 : span.end]
    return span


def resolve_speaker(span: Span, ctx: SentenceContext) -> Claimant:
    """Who a group of words names as the speaker, in order of trust: an actor of a side in
    this conflict, a side's name ("Ukrainian officials"), a third-party actor or word
    ("analysts"), an earlier speaker referred to by role ("the ministry", "he")."""
    span = _without_dateline(span)
    tokens = [t for t in span if not _located_at(t)]
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    name = " ".join(span.text.split())[:300]
    mentions = sorted(_mentions_in(tokens, ctx), key=lambda m: m.start - m.end)
    actors = [a for m in mentions for a in m.actors if a.conflict in (ctx.conflict.key, None)]
    sided = [a for a in actors if a.side != THIRD_PARTY and a.conflict == ctx.conflict.key]
    third_party_words = words & lx.THIRD_PARTY_WORDS
    if third_party_words <= {"source", "sources"} and words & lx.SERVING_SOURCE:
        third_party_words = set()  # "a military source" speaks for the side it serves
    # The head noun decides over its apposition: "DeepState, a Ukrainian monitoring project"
    # is the monitor (third-party), whatever nationality the apposition gives it.
    head = next((m for m in mentions if m.start <= span.root.i < m.end and m.actors), None)
    # ... unless the head is an organ of some state, which a side word makes that side's
    # ("a Moscow-installed official", "Sudanese army officials").
    organ_of_a_side = span.root.lemma_.lower() in lx.STATE_ORGANS and _side_in(tokens, ctx)
    if head is not None and not sided and not organ_of_a_side:
        actor = next((a for a in head.actors if a.conflict in (ctx.conflict.key, None)), None)
        if actor is not None and actor.side == THIRD_PARTY:
            return Claimant(actor.id, actor.name, actor.side, 0.85)
    if span.root.lemma_.lower() in lx.OBSERVER_NOUNS:
        return Claimant(None, name, THIRD_PARTY, 0.8)
    if sided and not third_party_words:
        found = Claimant(sided[0].id, sided[0].name, sided[0].side, 0.9)
        ctx.speaker_words.setdefault(found, set()).update(words & lx.GENERIC_SPEAKERS)
        return found
    side = _side_in(tokens, ctx)
    if side and not third_party_words:
        return Claimant(None, name, side, 0.85)
    if actors:
        return Claimant(actors[0].id, actors[0].name, actors[0].side, 0.85)
    if third_party_words:
        return Claimant(None, name, THIRD_PARTY, 0.8)
    group = _group_named_before(tokens, ctx)
    if group is not None:
        return Claimant(None, name, group, 0.8)  # "the group said": the group named last
    named_before = ctx.speaker_by_surname(tokens)
    if named_before is not None:
        return named_before  # "Romanov said", after "Vitaliy Romanov, a brigade spokesman
    in_sentence = _role_named_in_sentence(span, words, ctx)
    if in_sentence is not None:
        return in_sentence
    earlier = ctx.earlier_speaker(words)
    if earlier is not None:
        ctx.speaker_words.setdefault(earlier, set()).update(words & lx.GENERIC_SPEAKERS)
        return earlier
    if words & lx.STATE_ORGANS:
        local = _local_state_side(tokens, ctx)
        if local is not None:
            return Claimant(None, name, local, 0.75)
    return Claimant(None, name, THIRD_PARTY, 0.6)


def _role_named_in_sentence(span: Span, words: set[str], ctx: SentenceContext) -> Claimant | None:
    """ "Arakan Army fighters are near X, the group said", "The MNDAA has taken X, according
    to the group": a bare role word whose bearer the same sentence has just named."""
    content = {t.lower_ for t in span if not (t.is_stop and t.lower_ != "it") and not t.is_punct}
    if not content or not content <= (lx.GENERIC_SPEAKERS - {"he", "she", "they"}):
        return None
    sent = span.sent
    for m in _mentions_in(list(sent.doc[sent.start : span.start]), ctx):
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.side != THIRD_PARTY:
                return Claimant(actor.id, actor.name, actor.side, 0.8)
    return None


def _local_state_side(tokens: list[Token], ctx: SentenceContext) -> str | None:
    """ "The head of X's military administration", "the regional governor", "the military":
    the state of the country where the place they speak for (or the story's place) lies."""
    for m in _mentions_in(tokens, ctx):
        place = ctx.places.get(m.start)
        if place is not None:
            return ctx.conflict.state_side(place.country)
    focus = ctx.focus_place()
    return ctx.conflict.state_side(focus[0].country) if focus is not None else None


def _subtree_span(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _speaker_span(subject: Token) -> Span:
    """The subject's words without its clauses: "an armed group fighting Myanmar's
    military" names the group, not the military."""
    clause = next(
        (c for c in subject.children if c.dep_ in ("acl", "relcl") and c.i > subject.i), None
    )
    end = clause.left_edge.i if clause is not None else subject.right_edge.i + 1
    return subject.doc[subject.left_edge.i : end]


def _reporting_subject(verb: Token) -> Token | None:
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that")
    ]
    if subjects:
        return subjects[-1]  # the nearest: a dateline ("KYIV, Feb 8 —") may parse as one too
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ == "conj" and not _is_reporting(verb.head):
            # "acknowledged that contact had been lost but denied that ...": the parser
            # joined the denial to the reported clause; its speaker is the one above
            above = next((a for a in verb.head.ancestors if _is_reporting(a)), None)
            if above is not None:
                return _reporting_subject(above)
        return _reporting_subject(verb.head)
    return _misattached_subject(verb)


def _misattached_subject(verb: Token) -> Token | None:
    """ "In the Kursk region, the head of the district said ...": the parser may hang the
    speaker on the opening phrase as an apposition; it is the words just before the verb."""
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].is_punct:
        i -= 1  # "..., the regional governor, Oleh Syniehubov, said"
    if i < verb.sent.start or verb.doc[i].is_punct:
        return None
    candidate = verb.doc[i]
    for _ in range(6):
        if candidate.dep_ == "appos" and candidate.pos_ in ("NOUN", "PROPN"):
            # a role with its bearer's name in apposition: the role is the head
            while candidate.head.dep_ == "appos" and candidate.head.pos_ in ("NOUN", "PROPN"):
                candidate = candidate.head
            return candidate
        if candidate.head.i == candidate.i or candidate.head.i >= verb.i:
            return None
        candidate = candidate.head
    return None


def _is_reporting(token: Token) -> bool:
    return token.lemma_.lower() in lx.REPORTING_VERBS and token.pos_ in ("VERB", "AUX")


_DASHES = ("-", "–", "—", "--")


def _headline_source(sent: Span, ctx: SentenceContext) -> Claimant | None:
    """Headline attribution: "Kyiv: Russian assault on X repelled", "Russian forces take
    X - Defence Ministry". Only a name that resolves to a side counts, so a colon or dash
    in running prose changes nothing."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 3:
        return None
    colon = next((t for t in words[:6] if t.text == ":"), None)
    if colon is not None and colon.i > words[0].i:
        source = _named_side(sent.doc[words[0].i : colon.i], ctx)
        if source is not None:
            return source
    tail = [t for t in words if not t.is_punct or t.text in _DASHES]
    dash = next((t for t in reversed(tail[-6:]) if t.text in _DASHES), None)
    if dash is not None and dash.i > words[0].i + 1 and dash.whitespace_:
        end = tail[-1].i + 1
        source = _named_side(sent.doc[dash.i + 1 : end], ctx)
        if source is not None:
            return source
    return None


def _named_side(span: Span, ctx: SentenceContext) -> Claimant | None:
    if not len(span) or not _mentions_in(list(span), ctx):
        return None
    speaker = resolve_speaker(span, ctx)
    return speaker if speaker.side != THIRD_PARTY else None


def sentence_claimant(sent: Span, ctx: SentenceContext) -> Claimant | None:
    """Who the sentence itself attributes its statement to, if it says."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                return resolve_speaker(_subtree_span(objects[0]), ctx)
    tagged = _headline_source(sent, ctx)
    if tagged is not None:
        return tagged
    verbs = [t for t in sent if _is_reporting(t)]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
    for verb in verbs:
        subject = _reporting_subject(verb)
        if subject is not None and _is_place_token(subject, ctx):
            # "Kayes, the regional capital, remains ..., the governor said": the parser made
            # the place the subject; the speaker is the phrase just before the verb.
            subject = _misattached_subject(verb) or _noun_just_before(verb)
        if subject is not None:
            return resolve_speaker(_speaker_span(subject), ctx)
    return None


def _is_place_token(token: Token, ctx: SentenceContext) -> bool:
    m = ctx.mention_at.get(token.i)
    return m is not None and not m.actors and not m.sides and m.start in ctx.places


def _noun_just_before(verb: Token) -> Token | None:
    """The head of the noun phrase that ends right before the verb ("the governor of the
    region said")."""
    doc, i = verb.doc, verb.i - 1
    while i >= verb.sent.start and doc[i].pos_ in ("ADV", "PUNCT") and doc[i].text != ",":
        i -= 1
    if i < verb.sent.start or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    token = doc[i]
    while token.dep_ in ("pobj", "compound") or (token.dep_ == "prep" and token.lower_ == "of"):
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _quote_state(doc: Doc, char: int) -> bool:
    """Whether a position in the text is inside a quotation."""
    before = doc.text[max(0, char - 3000) : char]
    paragraph = before.rsplit("\n\n", 1)[-1]
    opens = paragraph.count("“") + paragraph.count("«")
    closes = paragraph.count("”") + paragraph.count("»")
    straight = paragraph.count('"')
    return opens > closes or straight % 2 == 1


def claimant_for(sent: Span, ctx: SentenceContext) -> tuple[Claimant, bool]:
    """The sentence's claimant and whether it was attributed at all (not the journalist)."""
    own = ctx.own_claimants.get(sent.start)
    if own is None and sent.start not in ctx.own_claimants:
        own = sentence_claimant(sent, ctx)
        ctx.own_claimants[sent.start] = own
    if own is not None:
        return own, True
    quoted = _quote_state(ctx.doc, sent.start_char) or any(ch in sent.text for ch in QUOTES)
    if not quoted:
        return ctx.journalist(), False
    # A quotation that runs on past this sentence: its speaker is named where it ends.
    if _quote_state(ctx.doc, sent.end_char):
        for following in _next_sentences(sent, 4):
            speaker = sentence_claimant(following, ctx)
            if speaker is not None:
                return Claimant(speaker.actor_id, speaker.name, speaker.side, 0.8), True
            if not _quote_state(ctx.doc, following.end_char):
                break
    # A further quoted sentence in the same paragraph: the same speaker goes on.
    between = ctx.doc.text[max(ctx.last_claimant_end, 0) : sent.start_char]
    if ctx.last_claimant is not None and ctx.last_claimant_end >= 0 and "\n\n" not in between:
        return ctx.last_claimant, True
    return ctx.journalist(), False


def _next_sentences(sent: Span, count: int) -> list[Span]:
    out: list[Span] = []
    doc, start = sent.doc, sent.end
    while start < len(doc) and len(out) < count:
        nxt = doc[start].sent
        out.append(nxt)
        start = nxt.end
    return out


# --- places in a sentence ----------------------------------------------------------------


def _is_actor_use(m: Mention) -> bool:
    """ "Kyiv said", "Moscow's forces": a capital named as a speaker, not as a place."""
    root = m.span.root
    return bool(m.actors) and (
        root.dep_ in ("nsubj", "poss")
        or (m.end < len(m.span.doc) and m.span.doc[m.end].lower_ == "'s")
    )


def _listed_before_regions(m: Mention) -> bool:
    """ "the Belgorod and Kursk regions": a plural region word after a list of names makes
    each of them a region."""
    last = m.span.root
    for _ in range(8):
        following = [c for c in last.children if c.dep_ == "conj" and c.i > last.i]
        if not following:
            break
        last = following[-1]
    if last is m.span.root:
        return False
    if last.lower_ in lx.REGION_WORDS_PLURAL:  # "Sennar and Gezira states", parsed as a list
        return True
    doc = m.span.doc
    return last.i + 1 < len(doc) and doc[last.i + 1].lower_ in lx.REGION_WORDS_PLURAL


def _is_modifier(m: Mention) -> bool:
    """ "the Luhansk group", "Toretsk residents": the name qualifies another noun."""
    root = m.span.root
    return (
        root.dep_ in ("compound", "amod")
        and root.head.i >= m.end
        and root.head.lemma_.lower() not in lx.PLACE_WORDS
    )


def _name_span(token: Token) -> Span:
    """The proper name a PROPN token ends: "Kazachya Loknya", "Novyi Yar", "Deir el-Zour"."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        before = doc[start - 1]
        name_like = (
            before.text[:1].isupper() and before.is_alpha and before.lower_ not in ("the", "of")
        )
        if not (name_like or before.text in ("-", "el", "al", "ez", "es")):
            break
        if before.is_sent_start and before.is_stop:  # "In North Darfur": "In" is no name
            break
        start -= 1
    return doc[start : token.i + 1]


def _called_a_place(token: Token) -> bool:
    head, doc = token.head, token.doc
    of_place = (
        token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lx.PLACE_WORDS
    )
    appositive = any(
        c.dep_ == "appos" and c.lemma_.lower() in lx.PLACE_WORDS for c in token.children
    )
    followed = (
        token.i + 1 < len(doc)
        and doc[token.i + 1].lower_ in ("city", "town")
        and doc[token.i + 1].dep_ != "compound"
    )
    return of_place or appositive or followed


_PLACE_SLOT_PREPS = {"from", "towards", "toward", "into", "of", "on", "in", "inside", "to"}


def _in_place_slot(token: Token, ctx: SentenceContext, depth: int = 0) -> bool:
    """The name fills the place role of a claim word: the object of "seized" / "abandoned",
    the subject of "fell", "from" after "withdrew", "towards" after "advanced", "of" after
    "control", or it is listed with such a name or with a known place ("A, B and C")."""
    if depth > 6:
        return False
    head = token.head
    if token.dep_ in ("conj", "appos") and head.i != token.i and head.pos_ == "PROPN":
        known = ctx.mention_at.get(head.i)
        if known is not None:
            # a name of several words is keyed by its first ("Nioro du Sahel, Diboli")
            return bool(known.places) and known.start in ctx.places
        return _in_place_slot(head, ctx, depth + 1)
    if token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return trigger_kind(head, token) in ("capture", "withdrawal", "advance")
    if token.dep_ == "nsubj" and head.lemma_.lower() == "fall":
        return True
    if token.dep_ == "pobj" and head.lower_ in _PLACE_SLOT_PREPS:
        holder = head.head
        if holder.lemma_.lower() in lx.PLACE_WORDS:
            return True
        kind = trigger_kind(holder, head)
        if kind is None:
            return False
        # "into/towards X" after a movement, "from X" after leaving, "of X" after control
        return (
            (head.lower_ in ("towards", "toward", "into") and kind == "advance")
            or (head.lower_ == "from" and kind == "withdrawal")
            or (head.lower_ == "of" and kind in ("capture", "advance", "withdrawal"))
            or (head.lower_ in ("in", "inside") and kind == "contested")
        )
    return False


def _plausible_unknown_name(span: Span, ctx: SentenceContext) -> bool:
    words = [t.lower_ for t in span]
    return not (
        set(words) & lx.NOT_A_PLACE_NAME
        or normalize_name(span.text) in ctx.index.not_settlements
        or any(not t.is_alpha and t.text not in ("-", "'") for t in span)
        or all(len(w) < 3 for w in words)
    )


def _unknown_place_name(token: Token, ctx: SentenceContext) -> Span | None:
    """A capitalised name the text calls a place but no gazetteer has: "the village of X",
    "X, a village ...", "X city", or a name in a claim's place slot ("seized X, Y and Z")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.i in ctx.mention_at:
        return None
    if token.dep_ == "compound" or token.is_sent_start:
        return None
    if not (_called_a_place(token) or _in_place_slot(token, ctx)):
        return None
    span = _name_span(token)
    if any(t.i in ctx.mention_at for t in span) or not _plausible_unknown_name(span, ctx):
        return None
    return span


def _provisional_place(span: Span, ctx: SentenceContext) -> Place:
    """A gazetteer place under another spelling, if one is close enough; else provisional."""
    from rapidfuzz import fuzz, process

    key = span.text
    choices = ctx.place_keys()
    match = process.extractOne(key.casefold(), choices, scorer=fuzz.ratio, score_cutoff=88)
    if match is not None:
        candidates = [p for p in ctx.index.places[match[0]] if p.country in ctx.conflict.countries]
        if candidates:
            return max(candidates, key=lambda p: p.population)
    country = ctx.conflict.countries[0] if len(ctx.conflict.countries) == 1 else ""
    return Place(None, key, country, "", "", 0, False, None, None)


def _anaphor_place(token: Token, ctx: SentenceContext) -> tuple[Place, str] | None:
    """ "the town", "the city's outskirts", "its outskirts": the place the article is about
    at this point."""
    if (
        token.lower_ in ("its", "their")
        and token.dep_ == "poss"
        and token.head.lemma_.lower() in lx.PARTIAL_WORDS
    ):
        return ctx.focus_place()
    if (
        token.lemma_.lower() not in lx.PLACE_WORDS | lx.POST_WORDS
        or token.tag_ in ("NNS", "NNPS")  # "the remaining cities" is no one place
        or not any(c.lower_ in ("the", "its") for c in token.children)
        or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        or any(c.dep_ in ("amod", "compound") and c.i in ctx.mention_at for c in token.children)
    ):
        return None
    return ctx.focus_place()


_PAIR_WORDS = {"both", "two"}


def _plural_anaphor_places(token: Token, ctx: SentenceContext) -> list[tuple[Place, str]]:
    """ "both villages", "the two towns": the two places named last."""
    if token.lemma_.lower() not in lx.PLACE_WORDS or token.tag_ not in ("NNS", "NNPS"):
        return []
    if not any(c.lower_ in _PAIR_WORDS for c in token.children):
        return []
    latest = ctx.latest_places(2)
    return latest if len(latest) == 2 else []


def sentence_places(sent: Span, ctx: SentenceContext) -> list[tuple[Token, Place, str]]:
    """(root token, settlement, name as written) for each place the sentence names."""
    doc = sent.doc
    out = []
    for token in sent:
        m = ctx.mention_at.get(token.i)
        if m is not None and token.i == m.start and m.start in ctx.places:
            after = doc[m.end].lower_ if m.end < len(doc) else ""
            if (
                after in lx.NOT_THE_PLACE_AFTER
                or _listed_before_regions(m)
                or _is_actor_use(m)
                or _is_modifier(m)
            ):
                continue
            place = ctx.places[m.start]
            out.append((m.span.root, place, m.span.text))
            ctx.note_place(place, m.span.text)
            continue
        unknown = _unknown_place_name(token, ctx) if m is None else None
        if unknown is not None:
            place = _provisional_place(unknown, ctx)
            out.append((token, place, unknown.text))
            ctx.note_place(place, unknown.text)
            continue
        anaphor = _anaphor_place(token, ctx) if m is None else None
        if anaphor is not None:
            out.append((token, *anaphor))
        elif m is None:
            out.extend((token, *named) for named in _plural_anaphor_places(token, ctx))
    return out


# --- triggers ----------------------------------------------------------------------------


def trigger_kind(token: Token, below: Token | None) -> str | None:
    """The claim kind a word on the path above a place signals, or None.

    Constructions any word can take part in are decided here; which kind a word itself
    signals is the frame table's (frames.yaml)."""
    pos, word = token.pos_, token.lower_
    if pos in ("VERB", "AUX"):
        if token.lemma_.lower() in lx.DENIAL_VERBS:
            return None
        if _presence_holding_on(token, below):
            return "contested"  # "our units are still in X", "remain in their positions in X"
        if _presence_in_part(token, below):
            return "advance"  # "Russian troops were on the outskirts of X / in its centre"
        if _towards_below(below):
            # any movement towards or into a place ("slip past us towards X"), except a
            # retreat's ("withdrew towards X" says nothing of X)
            leaving = token.lemma_.lower() in lx.LEAVING_VERBS | lx.REPOSITION_VERBS
            return None if leaving else "advance"
        if (
            below is not None
            and below.lower_ in ("from", "of")
            and any(c.dep_ == "npadvmod" and c.lower_ in lx.DISTANCE_WORDS for c in token.children)
        ):
            return "advance"  # "were seen 5 km from X"
        subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject and subject[-1].lemma_.lower() in lx.CONTESTED_NOUNS:
            return "contested"  # "fighting is under way / continues / raged in X"
        return frame_kind(token, below)
    if pos in ("NOUN", "PROPN"):
        return frame_kind(token, below)
    if pos == "ADJ" and token.lemma_.lower() == "present" and _presence_holding_on(token, below):
        return "contested"  # "Ukrainian units were still present in its districts"
    if pos == "ADP" and word in ("from", "of") and has_child(token, lx.DISTANCE_WORDS):
        return "advance"  # "10 km from the city's outskirts"
    if pos == "ADJ" and token.lemma_.lower() == "contested":
        return "contested"
    return None


def _towards_below(below: Token | None) -> bool:
    """The step below is "towards/into X", directly or through a direction ("south towards
    X")."""
    if below is None:
        return False
    if below.dep_ == "prep" and below.lower_ in ("towards", "toward", "into"):
        return True
    return below.lower_ in lx.DIRECTION_WORDS and any(
        c.dep_ == "prep" and c.lower_ in ("towards", "toward", "into") for c in below.children
    )


def _presence_holding_on(token: Token, below: Token | None) -> bool:
    """Forces that are still, or remain, in a place: they hold on where the other side
    is pressing. Being somewhere with nothing to say it lasts is no claim."""
    if below is None or below.lower_ not in ("in", "inside") or below.dep_ != "prep":
        return False
    lemma = token.lemma_.lower()
    verb = token.head if token.pos_ == "ADJ" and token.dep_ == "acomp" else token
    if verb.lemma_.lower() not in ("be", "remain", "stay") and lemma not in lx.STAYING_VERBS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[-1].lemma_.lower() not in lx.OWN_FORCES | lx.STATIONED:
        return False
    lasting = has_child(verb, lx.STILL_HOLDING) or has_child(token, lx.STILL_HOLDING)
    return lasting or verb.lemma_.lower() in ("remain", "stay") or lemma in lx.STAYING_VERBS


def _since_clause(trigger: Token) -> bool:
    """ "since it took X in May", "since X fell": an earlier event dating the present one,
    background rather than a claim made now."""
    return trigger.dep_ in ("advcl", "pcomp", "pobj") and (
        has_child(trigger, {"since"}, ("mark",))
        or (trigger.head.lower_ == "since" and trigger.head.dep_ == "prep")
    )


def _presence_in_part(verb: Token, below: Token | None) -> bool:
    """Forces that are on the outskirts, at the edges or in the centre of a place: they have
    got into part of it (an advance; staying on is `_presence_holding_on`)."""
    if below is None or below.dep_ != "prep" or below.lower_ not in ("on", "at", "in", "inside"):
        return False
    if verb.lemma_.lower() not in ("be", "remain", "stay"):
        return False
    part = [c for c in below.children if c.dep_ == "pobj"]
    if not part or part[0].lemma_.lower() not in lx.PARTIAL_WORDS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[-1].lemma_.lower() in lx.OWN_FORCES | lx.STATIONED


def _is_landmark_step(current: Token, ctx: "SentenceContext | None") -> bool:
    """Moving up from `current` leaves the place the claim is about: the place named so far
    only locates another one ("a village north-west of Avdiivka", "Kruhliakivka, near
    Kupiansk", "Dzerzhinsk, a town known in Kyiv as Toretsk")."""
    word = current.lower_
    if word in lx.DIRECTION_WORDS and (
        word not in ("near", "around", "close")
        or (
            current.head.pos_ in ("NOUN", "PROPN")
            and trigger_kind(current.head, current) is None
            # "holding positions around X" is about X itself
            and current.head.lemma_.lower() not in lx.HELD_GROUND
        )
    ):
        return True
    return (
        current.dep_ == "appos"
        and ctx is not None
        and (current.head.i in ctx.mention_at or current.head.lemma_.lower() in lx.PLACE_WORDS)
        and not _name_listed_as_apposition(current)
    )


def _complement_trigger(verb: Token, below: Token | None) -> tuple[str, Token] | None:
    """ "X is / remains under Russian control", "X was contested": the trigger sits beside
    the place, in the complement of the verb the place is the subject of."""
    if (
        below is None
        or below.dep_ not in ("nsubj", "nsubjpass")
        or verb.pos_ not in ("VERB", "AUX")
    ):
        return None
    for child in verb.children:
        # ("calm and under its control": the parser may coordinate the preposition)
        if child.dep_ in ("prep", "conj") and child.lower_ in ("under", "in"):
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("acomp", "attr", "oprd"):
            # "X was secure and under the full control of Y": the complement's own
            # coordinated phrases count too
            candidates = [child, *_under_or_in(child)]
            for conj in child.conjuncts:
                candidates += [conj, *_under_or_in(conj)]
        else:
            continue
        for candidate in candidates:
            if candidate.lemma_.lower() == "secure" and candidate.pos_ == "ADJ":
                return "capture", candidate  # "X is secure", said by the side holding it
            fallen = _nth_to_fall(candidate)
            if fallen is not None:
                return "capture", fallen
            kind = trigger_kind(candidate, None)
            if kind in ("capture", "contested"):
                return kind, candidate
    return None


def _under_or_in(token: Token) -> list[Token]:
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("under", "in")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _nth_to_fall(noun: Token) -> Token | None:
    """ "X is the first township seat to fall to the resistance": the falling verb hangs
    off the noun the place is said to be."""
    for verb in noun.children:
        falls = verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() == "fall"
        if falls and has_child(verb, {"to"}):
            return verb
    return None


def _name_listed_as_apposition(token: Token) -> bool:
    """ "took A, B and C": a name beside a name is a list the parser took for an
    apposition."""
    return token.dep_ == "appos" and token.pos_ == "PROPN" and token.head.pos_ == "PROPN"


def _described_by_another_place(token: Token, ctx: "SentenceContext | None") -> bool:
    """The place sits inside an appositive describing another place ("Pivnichne, two towns
    on the approaches to Toretsk"): what the appositive says is not a claim about it."""
    if ctx is None:
        return False
    for ancestor in token.ancestors:
        if ancestor.dep_ == "appos" and (
            ancestor.head.i in ctx.mention_at or ancestor.head.pos_ == "PROPN"
        ):
            return not _name_listed_as_apposition(ancestor)
    return False


def _clause_verbs(verb: Token) -> list[Token]:
    """A verb with the verbs coordinated with it ("redeployed and taken up positions")."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verbs.append(verb.head)
    return verbs


def _repositioned_outside(step: Token) -> Token | None:
    """ "redeployed to / took up positions outside X": forces that leave X for its edge."""
    if step.lower_ not in ("outside", "behind", "beyond"):
        return None
    verb = next((a for a in step.ancestors if a.pos_ == "VERB"), None)
    if verb is None:
        return None
    for candidate in _clause_verbs(verb):
        lemma = candidate.lemma_.lower()
        if lemma in lx.REPOSITION_VERBS:
            return candidate
        if (
            lemma == "take"
            and has_child(candidate, {"up"})
            and has_child(candidate, {"position", "positions", "line", "lines"})
        ):
            return candidate
    return None


def _stationed_and_leaving(noun: Token) -> Token | None:
    """ "commanders in X decided to withdraw", "troops in X were redeployed": the subject is
    located in the place and the clause says it left."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.lemma_.lower() not in lx.STATIONED:
        return None
    verb = noun.head
    for candidate in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        lemma = candidate.lemma_.lower()
        if lemma in lx.REPOSITION_VERBS or (
            lemma in ("pull", "move") and has_child(candidate, {"out", "back"})
        ):
            return candidate
    return None


def _on_a_route_to(step: Token) -> bool:
    """ "on the road to X", "at the highway towards X": the route locates another place;
    moving "along the road to X" is still a movement towards X."""
    if step.dep_ != "prep" or step.lower_ not in ("to", "towards", "toward"):
        return False
    route = step.head
    if route.lower_ in ("on", "at", "off", "near"):
        # "on the main highway to X", with "to X" hung from the preposition
        return has_child(route, lx.ROUTE_WORDS, ("pobj",))
    return (
        route.lemma_.lower() in lx.ROUTE_WORDS
        and route.dep_ == "pobj"
        and route.head.lower_ in ("on", "at", "off", "near")
    )


QUOTE_MARKS = {'"', "'", "“", "”", "‘", "’", "«", "»"}


def _quoted_verb_before(place: Token) -> Token | None:
    """'its forces had "liberated" Ugledar': the small parser reads a verb in quote marks
    as an adjective of the name after it. The verb, when it is one."""
    doc = place.doc
    start = min([place.i, *(c.i for c in place.children if c.dep_ == "compound")])
    if start < 3 or doc[start - 1].text not in QUOTE_MARKS:
        return None
    verb = doc[start - 2]
    if verb.tag_ not in ("VBN", "VBD") or verb.head.i != place.i or verb.dep_ != "amod":
        return None
    opening = verb.i - 1
    while opening > verb.sent.start and doc[opening].pos_ == "ADV":
        opening -= 1  # '"completely liberated" X'
    return verb if doc[opening].text in QUOTE_MARKS else None


def governing_trigger(
    token: Token, sent: Span, ctx: "SentenceContext | None" = None
) -> tuple[str, Token, bool] | None:
    """Walk up from a place to the first trigger: (kind, trigger, partial control?).

    The walk stops at a reporting verb, at the edge of another clause (a coordinated or
    adverbial clause, a relative clause: background), and where the place turns out to be
    only a landmark for another place.
    """
    if _described_by_another_place(token, ctx):
        return None
    quoted = _quoted_verb_before(token)
    if quoted is not None:
        kind = trigger_kind(quoted, token)
        if kind:
            return kind, quoted, False
    partial = False
    goal = False  # the place is where a movement goes ("along the road towards X")
    below, current = None, token
    for _ in range(12):
        if _on_a_route_to(current):
            return None  # "Velyka Novosilka, on the road to Kramatorsk": a landmark
        if current.dep_ == "prep" and current.lower_ in ("towards", "toward", "into", "to"):
            goal = True
        if current is not token:
            kind = trigger_kind(current, below)
            if (
                not kind
                and goal
                # a verb, or one the tagger took for a noun ("troops press towards X")
                and (
                    current.pos_ in ("VERB", "AUX")
                    or any(c.dep_ == "nsubj" for c in current.children)
                )
                and current.lemma_.lower() in lx.MOTION_VERBS
            ):
                kind = "advance"  # "pushing east along the railway towards X"
            if kind:
                # a trigger in a relative clause is background ("which it has held since")
                # ("that his troops withdrew" parsed as a relative clause of "the first time"
                # is a complement: "that" is no relative pronoun there)
                background = (
                    current.dep_ == "relcl"
                    and not has_child(current, {"where"})
                    and not has_child(current, {"that"}, ("advmod", "mark"))
                ) or _since_clause(current)
                return None if background else (kind, current, partial)
            complement = _complement_trigger(current, below)
            if complement is not None:
                return (*complement, partial)
            if current.lower_ in lx.PARTIAL_WORDS:
                partial = True
        if (
            current.dep_ == "poss"
            and current.head.lemma_.lower() not in lx.PLACE_WORDS
            and trigger_kind(current.head, current) is None  # "the town's fall" is all of it
        ):
            partial = True  # "took Aleppo's citadel": a part of the place
            if _is_reporting(current):
                return None
        if current is not token and not goal and _is_landmark_step(current, ctx):
            repositioned = _repositioned_outside(current)
            return ("withdrawal", repositioned, partial) if repositioned is not None else None
        if below is not None and below.lower_ in ("in", "inside"):
            leaving = _stationed_and_leaving(current)
            if leaving is not None:
                return "withdrawal", leaving, partial
        if (
            current.dep_ == "appos"
            and ctx is not None
            and current.head.i in ctx.mention_at
            and not _name_listed_as_apposition(current)
        ):
            return None
        if current.pos_ in ("VERB", "AUX") and current.dep_ in ("conj", "advcl", "relcl"):
            return None
        if current.dep_ == "relcl":
            return None
        head = current.head
        if head.i == current.i or head.i < sent.start or head.i >= sent.end:
            return None
        below, current = current, head
    return None


# --- side of a trigger -------------------------------------------------------------------


# The parts of a noun phrase that say who it is ("its troops", "fighters of the group",
# "JNIM, the al-Qaeda affiliate"); clauses and other prepositions say something else about
# it ("troops, including the town which Russian forces held").
_NAMING_DEPS = {"det", "poss", "amod", "compound", "nmod", "nummod", "case", "appos", "cc",
                "conj", "punct", "quantmod", "advmod", "npadvmod"}  # fmt: skip


def noun_phrase_core(noun: Token) -> list[Token]:
    """The noun with the words that name it, without its clauses or other prepositions
    (an "of" phrase and "led by" stay: "forces of the group", "rebels led by HTS")."""
    out, stack = [], [noun]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            keep = (
                child.dep_ in _NAMING_DEPS
                or (child.dep_ == "prep" and child.lower_ in ("of", "from"))
                or (child.dep_ == "pobj" and token.dep_ == "prep")
                or (child.dep_ == "acl" and child.lemma_.lower() in ("lead", "command"))
                or (child.dep_ == "agent" or token.dep_ == "agent")
            )
            if keep:
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _subject_of(verb: Token) -> list[Token]:
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
        if subjects:
            subject = subjects[-1]
            if subject.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                return list(verb.head.subtree)[:8]
            return noun_phrase_core(subject)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "Russian troops pressed on towards X, Kyiv said", which the small parser
            # reads as "troops (who) pressed on": the noun is who acts
            return noun_phrase_core(verb.head)
        if (
            verb.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "relcl")
            and verb.head.i != verb.i
        ):
            verb = verb.head
            continue
        break
    return []


def agent_candidates(trigger: Token) -> list[list[Token]]:
    """Groups of words that may name who acts in the trigger, nearest first."""
    groups: list[list[Token]] = []
    deferred: list[list[Token]] = []
    for child in trigger.children:
        if child.dep_ == "agent":
            groups.append([t for c in child.children for t in c.subtree])
    if trigger.lemma_.lower() == "fall":
        groups.append([t for c in trigger.children if c.lower_ == "to" for t in c.subtree])
    verb = trigger
    if trigger.pos_ in ("NOUN", "PROPN", "ADP", "ADJ", "ADV"):
        if trigger.pos_ in ("NOUN", "PROPN"):
            mods = [c for c in trigger.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
            named = [t for m in mods for t in m.subtree]
            if mods and all(m.pos_ == "PRON" for m in mods):
                # "the army ceded its hold on X": "its" is the subject's, said below
                deferred.append(named)
            else:
                groups.append(named)
            groups.append([t for c in trigger.children if c.lower_ == "by" for t in c.subtree])
        if trigger.head.lower_ in ("under", "in"):  # "under the control of X"
            groups.append([t for c in trigger.children if c.lower_ == "of" for t in c.subtree])
        hops = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
            verb, hops = verb.head, hops + 1
        # "Russian groups were spotted 10 km from X": who is where, in a passive
        groups.extend(noun_phrase_core(c) for c in verb.children if c.dep_ == "nsubjpass")
    if trigger.dep_ == "pcomp" and trigger.head.lower_ in ("of", "for"):
        # "accused the army of abandoning the city": the one accused acts
        holder = trigger.head.head
        if holder.pos_ in ("NOUN", "PROPN"):
            groups.append([t for t in holder.subtree if t.i < trigger.head.i])
        elif holder.pos_ == "VERB":
            groups.append([t for c in holder.children if c.dep_ == "dobj" for t in c.subtree])
    groups.append(_subject_of(verb))
    return [g for g in [*groups, *deferred] if g]


def _state_side_of_conflict(ctx: SentenceContext) -> str | None:
    """The one side that is the state in this conflict's countries, if there is one."""
    states = {ctx.conflict.state_side(country) for country in ctx.conflict.countries} - {None}
    return states.pop() if len(states) == 1 else None


def _loser_of(place: Place, captor: str, ctx: SentenceContext) -> str | None:
    """Who left a place another side took: the captor's only opponent, else the state the
    place lies in when a non-state side took it."""
    opponent = ctx.opponent(captor)
    if opponent is not None:
        return opponent
    state = ctx.conflict.state_side(place.country)
    return state if state and state != captor else None


def _national_flag_side(trigger: Token, ctx: SentenceContext) -> str | None:
    """ "The Malian flag raised over X": a national flag is its state's side."""
    flags = [trigger] if trigger.lemma_.lower() in ("flag", "banner") else []
    flags += [c for c in trigger.children if c.lemma_.lower() in ("flag", "banner")]
    flags += [
        c
        for c in trigger.children
        if c.dep_ == "nsubjpass" and c.lemma_.lower() in ("flag", "banner")
    ]
    for flag in flags:
        for mod in flag.children:
            country = lx.DEMONYMS.get(mod.lower_)
            if mod.dep_ in ("amod", "compound") and country:
                return ctx.conflict.state_side(country)
    return None


def _passive_mover(trigger: Token, ctx: SentenceContext) -> list[list[Token]]:
    """ "RSF units had been seen 5 km from X": with no agent, the passive subject is who is
    there, unless it is the place itself ("X was taken")."""
    if trigger.pos_ != "VERB" or any(c.dep_ == "agent" for c in trigger.children):
        return []
    groups = []
    for child in trigger.children:
        if child.dep_ == "nsubjpass" and not any(t.i in ctx.places for t in child.subtree):
            groups.append(noun_phrase_core(child))
    return groups


def _group_named_before(tokens: list[Token], ctx: SentenceContext) -> str | None:
    """ "the group", "the rebels": the armed group the article named last."""
    heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    if not heads:
        return None
    head = heads[0]
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if head.lemma_.lower() in lx.OWN_FORCES and owner is not None:
        head = owner  # "the group's fighters": the group's
    if head.lemma_.lower() not in lx.GROUP_WORDS:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    states = {ctx.conflict.state_side(country) for country in ctx.conflict.countries}
    for m in reversed(ctx.mentions):
        if m.start >= head.i:
            continue
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.kind == "armed-group":
                return actor.side
        for conflict_key, side in m.sides:  # "HTS fighters": a non-state side's name
            if conflict_key == ctx.conflict.key and side not in states:
                return side
    return None


def agent_side(trigger: Token, claimant: Claimant, ctx: SentenceContext) -> tuple[str | None, bool]:
    """The side acting in the trigger, and whether it was read from the words (not guessed)."""
    national = _national_flag_side(trigger, ctx)
    if national is not None:
        return national, True
    for tokens in [*agent_candidates(trigger), *_passive_mover(trigger, ctx)]:
        side = _side_in(tokens, ctx) or _group_named_before(tokens, ctx)
        if side:
            return side, True
        if claimant.side == THIRD_PARTY:
            continue
        if {t.lemma_.lower() for t in tokens} & lx.ENEMY_WORDS:
            opponent = ctx.opponent(claimant.side)
            if opponent:
                return opponent, True
        if {t.lower_ for t in tokens} & lx.PRONOUNS_OF_CLAIMANT:
            return claimant.side, True
        lemmas = {t.lemma_.lower() for t in tokens}
        state = _state_side_of_conflict(ctx)
        if lemmas & {"soldier", "army"} and state and claimant.side != state:
            return state, True  # an armed group's "soldiers" are the army's
        if lemmas & lx.OWN_FORCES:
            return claimant.side, True
    # What was taken is not who took it: "liberated X, a stronghold of the Ukrainian army".
    taken = {
        t.i for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "pobj") for t in c.subtree
    }
    outside = [t for t in trigger.sent if t.i not in taken]
    sentence_sides = {
        s for m in _mentions_in(outside, ctx) for s in [_side_in(list(m.span), ctx)] if s
    }
    if len(sentence_sides) == 1:
        return sentence_sides.pop(), False
    if claimant.side != THIRD_PARTY:
        return claimant.side, False
    return None, False


# --- denial, negation, hedges ------------------------------------------------------------


def _negated(token: Token) -> bool:
    """Whether the trigger is negated: "did not capture", "was not fully under X's control"."""
    current = token
    for _ in range(4):
        if any(
            c.dep_ == "neg" or (c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det"))
            for c in current.children
        ):
            return True
        if any(
            c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
            for c in current.children
        ):
            return True
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in ("fail", "fails"):
            return True  # "had failed to take X": they did not take it
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        current = current.head
    return False


def denial_above(trigger: Token, sent: Span) -> tuple[bool, bool]:
    """(denied, embedded claim): is the trigger under a denial, and does the denial quote
    the claim it rejects ("rejected claims that ..." / "reports of ... are false")?"""
    embedded = False
    lower = sent.text.lower()
    if any(phrase in lower for phrase in lx.DENIAL_PHRASES):
        return True, True
    current = trigger
    for _ in range(10):
        if current.lemma_.lower() in lx.DENIAL_VERBS:
            return True, embedded
        if any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lx.DENIAL_WORDS
            for c in current.children
        ):
            return True, True
        if current.lemma_.lower() in (
            "claim",
            "report",
            "statement",
            "assertion",
            "allegation",
            "rumour",
            "rumor",
        ):
            embedded = True
        if current.head.i == current.i or current.head.i < sent.start:
            break
        if current is not trigger and _is_reporting(current):
            break
        current = current.head
    return False, False


def hedged(trigger: Token, sent: Span) -> bool:
    lower = sent.text.lower()
    if "if confirmed" in lower or "if true" in lower:
        return True
    chain = {trigger.i} | {a.i for a in trigger.ancestors}
    return any(t.lemma_.lower() in lx.HEDGES and (t.i in chain or t.head.i in chain) for t in sent)


def not_a_claim(sent: Span) -> bool:
    text = sent.text.strip().lower()
    if text.endswith("?") or text.startswith(lx.LINK_LINE_OPENINGS):
        return True
    return any(phrase in text for phrase in lx.NOT_A_CLAIM_PHRASES)


# --- the sentence ------------------------------------------------------------------------


def _speaker_above(trigger: Token, ctx: SentenceContext) -> Claimant | None:
    """The speaker of the reporting verb nearest above the trigger, when a sentence quotes
    two parties ("Moscow said it took X, but Kyiv said the town remained ...")."""
    for ancestor in trigger.ancestors:
        if _is_reporting(ancestor):
            subject = _reporting_subject(ancestor)
            return resolve_speaker(_speaker_span(subject), ctx) if subject is not None else None
    return None


def _who_claims(trigger: Token, ctx: SentenceContext) -> Claimant | None:
    """ "Moscow claims Toretsk; Kyiv says ...": claiming a place is a statement, and its
    subject is the claimant, whoever else the sentence quotes."""
    if trigger.lemma_.lower() != "claim" or trigger.pos_ != "VERB":
        return None
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    return resolve_speaker(_speaker_span(subject), ctx) if subject is not None else None


def _introduced_speaker(sent: Span, ctx: SentenceContext) -> Claimant | None:
    """ "A spokesman for the TNLA spoke to us by phone": a person of a side introduced as the
    subject, who a later "he said" refers to."""
    subjects = [c for c in sent.root.children if c.dep_ == "nsubj"]
    if not subjects or subjects[-1].lemma_.lower() not in lx.SPEAKER_ROLES:
        return None
    found = resolve_speaker(_speaker_span(subjects[-1]), ctx)
    return found if found.side != THIRD_PARTY else None


def _reported_in_relative_clause(token: Token) -> tuple[str, Token, bool] | None:
    """ "X, which it said government troops had abandoned": a relative clause about the
    place with a reporting verb of its own is an attributed claim, not background."""
    for clause in token.children:
        if clause.dep_ != "relcl" or not _is_reporting(clause):
            continue
        for verb in clause.children:
            if verb.dep_ != "ccomp":
                continue
            pronoun = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.lower_ in ("which", "that")
                ),
                None,
            )
            kind = trigger_kind(verb, pronoun) if pronoun is not None else None
            if kind in ("capture", "withdrawal", "advance"):
                return kind, verb, False
    return None


def _fighting_where(token: Token) -> tuple[str, Token, bool] | None:
    """ "X, where street fighting is under way", "the north of X, where our defenders are
    fighting for every street": a where-clause that says the place is fought over."""
    holders = [token, *(c for c in token.children if c.dep_ == "appos")]  # "X, further east,"
    if token.head.lower_ == "of" and token.head.head.lemma_.lower() in lx.PARTIAL_WORDS:
        holders.append(token.head.head)
    for holder in holders:
        for clause in holder.children:
            where = next((c for c in clause.children if c.lower_ == "where"), None)
            if clause.dep_ != "relcl" or where is None:
                continue
            if trigger_kind(clause, where) == "contested" or trigger_kind(clause, None) == (
                "contested"
            ):
                return "contested", clause, False
            if _is_reporting(clause):
                # "X, where the SDF said its forces had repelled an assault": the fight is
                # the reported clause's, and so is its speaker
                for said in clause.children:
                    if said.dep_ == "ccomp" and trigger_kind(said, None) == "contested":
                        return "contested", said, False
    return None


def _leaving_beside(capture: Token) -> Token | None:
    """ "X was taken by M23 after Congolese troops withdrew", "seized X before pulling
    out": a departure in a time clause of the capture, naming no place of its own, is
    from the same place."""
    holder = capture
    if capture.pos_ in ("NOUN", "PROPN") and capture.head.pos_ in ("VERB", "AUX"):
        holder = capture.head  # "took total control of X after ..."
    for child in holder.children:
        verb = None
        timed = has_child(child, {"after", "before", "as", "when"}, ("mark",))
        if child.dep_ == "advcl" and timed:
            verb = child
        elif child.dep_ == "prep" and child.lower_ in ("after", "before"):
            verb = next((c for c in child.children if c.dep_ == "pcomp"), None)
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if verb is None and noun is not None and noun.lower_ in lx.WITHDRAWAL_NOUNS:
                # "after the withdrawal of FARDC troops": unless it names a place of its own
                named = {t.lemma_.lower() for t in noun.subtree} & lx.PLACE_WORDS
                if not named and not has_child(noun, {"from"}):
                    return noun
                continue
        if verb is None or verb.lemma_.lower() not in lx.LEAVING_VERBS:
            continue
        if verb.lemma_.lower() == "pull" and not has_child(verb, {"out", "back"}):
            continue
        if any(c.dep_ == "dobj" or c.lower_ in ("from", "of") for c in verb.children):
            # "after leaving Y", "after withdrawing from Y": a place of its own, unless it is
            # only the garrison's post there ("withdrew from a post there")
            source = [
                o
                for c in verb.children
                if c.lower_ in ("from", "of")
                for o in c.children
                if o.dep_ == "pobj"
            ]
            if not source or source[0].lemma_.lower() not in lx.POST_WORDS | {"post"}:
                continue
        return verb
    return None


def _place_triggers(
    places: list[tuple[Token, Place, str]], sent: Span, ctx: SentenceContext
) -> list[tuple[Token, Place, str, tuple[str, Token, bool]]]:
    out = []
    for token, place, mention in places:
        for found in (
            governing_trigger(token, sent, ctx),
            _reported_in_relative_clause(token),
            _fighting_where(token),
        ):
            if found is not None:
                out.append((token, place, mention, found))
    return out


def claims_in_sentence(sent: Span, ctx: SentenceContext) -> list[Draft]:
    places = sentence_places(sent, ctx)
    own = sentence_claimant(sent, ctx)
    ctx.own_claimants[sent.start] = own
    if own is None:
        introduced = _introduced_speaker(sent, ctx)
        if introduced is not None:
            ctx.remember(introduced, sent)
    if not_a_claim(sent):
        if own is not None:
            ctx.remember(own, sent)
        return []
    if not places:
        drafts = _denials_of_earlier_claims(sent, own, ctx)
        if own is not None:
            ctx.remember(own, sent)
        ctx.emitted.extend(drafts)
        return drafts
    claimant, attributed = claimant_for(sent, ctx)
    drafts = []
    for _token, place, mention, (kind, trigger, partial) in _place_triggers(places, sent, ctx):
        speaker = _who_claims(trigger, ctx) or (
            ctx.journalist() if _writers_aside(trigger) else _speaker_above(trigger, ctx)
        )
        if speaker is None:
            speaker = ctx.journalist() if _reported_elsewhere(trigger, sent) else claimant
        drafts.extend(_drafts_for(kind, trigger, partial, place, mention, speaker, sent, ctx))
        if kind == "capture" or (kind == "advance" and trigger.lemma_.lower() in lx.ENTERING):
            leaving = _leaving_beside(trigger)
            if leaving is not None:
                took = [d for d in drafts if d.trigger == trigger and d.kind == kind]
                for left in _drafts_for(
                    "withdrawal", leaving, False, place, mention, speaker, sent, ctx
                ):
                    # "seized X before pulling out": the captor left again, with no subject
                    # of its own to say otherwise
                    own_subject = leaving.pos_ in ("NOUN", "PROPN") or any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in leaving.children
                    )
                    if took and own_subject and left.side == took[-1].side:
                        # the side that took the place did not leave it
                        loser = _loser_of(place, left.side, ctx)
                        if loser is None:
                            continue
                        left = dataclasses.replace(left, side=loser)
                    drafts.append(left)
    drafts.extend(_disputed_in_apposition(drafts, sent, ctx))
    if not any(d.kind == "denial" for d in drafts):
        denier = claimant if attributed else None
        named = _denials_of_named_claims(sent, denier, places, ctx)
        # "dismissed the announcement as premature and said the defenders held the town":
        # the rejected claim names no place of its own, so it is an earlier one
        drafts.extend(named or _denials_of_earlier_claims(sent, denier, ctx, drafts))
    if own is not None:
        ctx.remember(own, sent)
    elif attributed:
        ctx.remember(claimant, sent)
    drafts = _settled_first(drafts)
    ctx.emitted.extend(drafts)
    return drafts


def _claim_denied(sent: Span) -> Token | None:
    """The noun for a claim that the sentence rejects: "rejected the claim", "dismissed the
    report as lies", "called the rebels' claims fabrications", "said the announcement was
    premature", "calls it propaganda". None when the sentence rejects no claim."""
    for token in sent:
        lemma = token.lemma_.lower()
        if not (token.lower_ in lx.CLAIM_NOUNS or lemma in lx.CLAIM_NOUNS):
            continue
        head = token.head
        if token.dep_ == "dobj" and (
            head.lemma_.lower() in lx.DENIAL_VERBS | {"dispute"}
            or (head.lemma_.lower() in ("call", "describe", "brand", "label")
                and any(c.lemma_.lower() in lx.DENIAL_WORDS for c in head.subtree))
        ):  # fmt: skip
            return token
        if token.dep_ == "nsubj" and any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lx.DENIAL_WORDS
            for c in head.children
        ):
            return token
    return None


def _disputed_in_apposition(drafts: list[Draft], sent: Span, ctx: SentenceContext) -> list[Draft]:
    """ "Moscow said it had captured X, a claim Kyiv disputed": the side named in the
    relative clause of "a claim" denies the captures the sentence reports."""
    out: list[Draft] = []
    for noun in sent:
        if noun.lemma_.lower() not in ("claim", "assertion", "announcement"):
            continue
        denial = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in lx.DENIAL_VERBS | {"dispute"}
            ),
            None,
        )
        subject = next((c for c in denial.children if c.dep_ == "nsubj"), None) if denial else None
        if subject is None:
            continue
        denier = resolve_speaker(_speaker_span(subject), ctx)
        for d in drafts:
            if d.kind == "capture" and denier.side not in (THIRD_PARTY, d.side):
                out.append(Draft(d.place, d.mention, denier, "denial", d.side, sent, denial, 0.8))
    return out


def _claim_owner(noun: Token, ctx: SentenceContext) -> str | None:
    """ "the army's claim", "Russian claims": whose claim is rejected."""
    return _side_in(
        [t for c in noun.children if c.dep_ in ("poss", "amod", "compound") for t in c.subtree],
        ctx,
    )


def _denials_of_named_claims(
    sent: Span, denier: Claimant | None, places: list, ctx: SentenceContext
) -> list[Draft]:
    """ "Officials called the Russian claims about X and Y false": a rejected claim whose
    places the sentence names inside it."""
    if denier is None or denier.side == THIRD_PARTY:
        return []
    noun = _claim_denied(sent)
    if noun is None:
        return []
    inside = {t.i for t in noun.subtree}
    whose = _claim_owner(noun, ctx) or ctx.opponent(denier.side)
    if not whose or whose == denier.side:
        return []
    return [
        Draft(place, mention, denier, "denial", whose, sent, noun, denier.confidence * 0.8)
        for token, place, mention in places
        if token.i in inside
    ]


def _sentence_before(sent: Span) -> int | None:
    """The start of the sentence before this one, skipping blank lines."""
    doc = sent.doc
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i].sent.start if i >= 0 else None


def _denier_of(noun: Token, ctx: SentenceContext) -> Claimant | None:
    """ "Russia says it took X; Kyiv denies it": the subject of the rejecting verb."""
    verb = noun.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if noun.dep_ == "dobj" else []
    if not subjects or subjects[-1].pos_ == "PRON":
        return None
    speaker = resolve_speaker(_speaker_span(subjects[-1]), ctx)
    return speaker if speaker.side != THIRD_PARTY else None


def _denials_of_earlier_claims(
    sent: Span,
    denier: Claimant | None,
    ctx: SentenceContext,
    same_sentence: list[Draft] | tuple[()] = (),
) -> list[Draft]:
    """A claim rejected in words that do not name the place ("The army rejected the claim")
    answers the latest claim of control by another side earlier in the article (or earlier
    in the sentence: "Russia says it took X; Kyiv denies it"): a denial of that claim, for
    each place it was about."""
    noun = _claim_denied(sent)
    if noun is None:
        return []
    denier = _denier_of(noun, ctx) or denier
    if denier is None or denier.side == THIRD_PARTY:
        return []
    whose = _claim_owner(noun, ctx)
    opposing = [
        d
        for d in [*ctx.emitted, *same_sentence]
        if d.kind in ("capture", "advance")
        and d.side not in ("", denier.side)
        and d.claimant.side != denier.side
        and (not whose or d.claimant.side == whose)
    ]
    # "That claim", or a claim made in the sentence just before, is the latest; otherwise
    # "the claim" is the story's main one when that is among them, else the latest.
    focus = ctx.focus_place()
    about_focus = [d for d in opposing if focus is not None and d.place.name == focus[0].name]
    pointed = any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in noun.children)
    just_before = bool(opposing) and opposing[-1].sent.start in (
        _sentence_before(sent),
        sent.start,
    )
    if pointed or just_before:
        about_focus = []
    answered: list[Draft] = []
    for earlier in reversed(about_focus or opposing):
        if answered and earlier.sent.start != answered[0].sent.start:
            break
        if earlier.kind == "capture" or not answered:
            answered.append(earlier)
    denials, seen = [], set()
    for earlier in answered:
        if earlier.kind != "capture" or earlier.place.name in seen:
            continue
        seen.add(earlier.place.name)
        denials.append(
            Draft(earlier.place, earlier.mention, denier, "denial", earlier.side, sent, noun,
                  denier.confidence * 0.8)
        )  # fmt: skip
    return denials


def _settled_first(drafts: list[Draft]) -> list[Draft]:
    """ "Entered X and took control of it": in one sentence, a capture by a side makes its
    advance on the same place redundant."""
    captured = {(d.place.name, d.claimant.side, d.side) for d in drafts if d.kind == "capture"}
    return [
        d
        for d in drafts
        if not (d.kind == "advance" and (d.place.name, d.claimant.side, d.side) in captured)
    ]


def _reported_elsewhere(trigger: Token, sent: Span) -> bool:
    """ "Malian flag raised over X as rebels announce withdrawal": the sentence's only
    reporting verbs sit in a side clause that does not hold the trigger, so the trigger's
    statement is the writer's own."""
    verbs = [t for t in sent if _is_reporting(t) and _reporting_subject(t) is not None]
    if not verbs:
        return False
    ancestors = set(trigger.ancestors)
    # "The TNLA still holds X and said it had no plans to leave": the second verb's
    # report is not the first verb's source
    return all(
        v not in ancestors
        and (
            v.dep_ in ("advcl", "relcl", "acl")
            or (v.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in v.children))
            # "Russian troops took X in January, and Moscow said in May ...": a clause of
            # its own, joined by "and", reports nothing of the first
            or (v.dep_ == "conj" and any(c.dep_ == "cc" and c.i < v.i for c in v.head.children))
        )
        for v in verbs
    )


def _writers_aside(trigger: Token) -> bool:
    """ "Moscow said it had captured X, as its troops press towards Y": reported speech is
    told in the past; a present-tense "as" or "while" clause beside it is the writer's."""
    for token in (trigger, *trigger.ancestors):
        if _is_reporting(token):
            return False
        if token.dep_ == "advcl":
            if not has_child(token, {"as", "while"}, ("mark",)):
                return False
            auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            # the small tagger reads a bare present ("troops press towards") as a noun
            bare = token.tag_ in ("NN", "VB") and not auxes
            present = (
                token.tag_ in ("VBP", "VBZ")
                or any(c.tag_ in ("VBP", "VBZ") for c in auxes)
                or (bare and any(c.dep_ == "nsubj" for c in token.children))
            )
            reporting = next((a for a in token.ancestors if _is_reporting(a)), None)
            return present and reporting is not None and reporting.tag_ == "VBD"
    return False


def _intended_or_past(trigger: Token, published_year: int | None) -> bool:
    """ "vowed to retake X", "plans to seize X": an intention, not a claim. "In 2012, rebels
    seized X": history, dated to a year before the story's."""
    for token in (trigger, *trigger.ancestors):
        if token.dep_ == "xcomp" and _is_intention(token.head):
            return True
        if _is_reporting(token):
            break
    if published_year is None:
        return False
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "until"):
            years = [c for c in child.children if c.dep_ == "pobj" and c.like_num]
            if years and years[0].text.isdigit() and 1900 < int(years[0].text) < published_year:
                return True
    return False


def _is_intention(verb: Token) -> bool:
    # The word itself too: the small model lemmatises "hoped" as "hop".
    return verb.lemma_.lower() in lx.INTENTION_VERBS or verb.lower_ in lx.INTENTION_FORMS


def _conditional(trigger: Token) -> bool:
    """ "If Russian troops take X, ...", "Should they seize X, ...": a hypothetical."""
    for token in (trigger, *trigger.ancestors):
        if has_child(token, lx.CONDITIONAL_MARKS, ("mark",)):
            return True
        subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        inverted = [
            c for c in token.children if c.dep_ == "aux" and c.lower_ in ("should", "were", "had")
        ]
        if subjects and inverted and inverted[0].i < subjects[0] < token.i:
            # the subject sits between the auxiliary and the verb; "and had recaptured X"
            # with X misread as a subject after the verb is no inversion
            return True
        if _is_reporting(token):
            return False
    return False


def _beaten_off(trigger: Token) -> bool:
    """The advance is what the defender repelled: "repelled attempts to advance towards X",
    "thwarted an attempt to break into X"."""
    attempt = trigger.head if trigger.dep_ in ("xcomp", "acl") else None
    return (
        attempt is not None
        and attempt.lemma_.lower() in ("attempt", "effort", "bid", "try")
        and attempt.dep_ == "dobj"
        and attempt.head.lemma_.lower() in lx.REPELLED
    )


def _foretold(trigger: Token) -> bool:
    """ "X will be liberated", "we shall retake X": a promise about an event to come. A
    state that will last ("X will remain ours") is a claim about now."""
    if trigger.lemma_.lower() in ("remain", "stay", "be", "hold", "keep"):
        return False
    return has_child(trigger, {"will", "shall", "'ll", "would"}, ("aux",))


def _pressing_side(place: Place, own: str, trigger: Token, ctx: SentenceContext) -> str | None:
    """The side another side's denial answers when the words name none: the one the
    article has claiming or pressing on the place, else the latest other side named, else
    the only other side of the conflict."""
    for earlier in reversed(ctx.emitted):
        if earlier.place.name == place.name and earlier.side not in ("", own):
            return earlier.side
    for m in reversed(ctx.mentions):
        if m.start >= trigger.i:
            continue
        side = _side_in(list(m.span), ctx)
        if side and side != own:
            return side
    return ctx.opponent(own)


def _civilian_mover(trigger: Token) -> bool:
    if trigger.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    if not subjects and trigger.dep_ == "xcomp":  # "forcing the government to move to X"
        subjects = [c for c in trigger.head.children if c.dep_ == "dobj"]
    if not subjects:
        return False
    subject = subjects[-1]
    if subject.like_num or subject.lemma_.lower() in lx.QUANTITY_NOUNS:
        # "thousands of residents": the people counted are who moved
        counted = [g for c in subject.children if c.lower_ == "of" for g in c.children]
        subject = counted[0] if counted else subject
    return subject.lemma_.lower() in lx.CIVILIAN_MOVERS


def _drafts_for(
    kind: str,
    trigger: Token,
    partial: bool,
    place: Place,
    mention: str,
    claimant: Claimant,
    sent: Span,
    ctx: SentenceContext,
) -> list[Draft]:
    if (
        _conditional(trigger)
        or _foretold(trigger)
        or _intended_or_past(trigger, ctx.published_year)
    ):
        return []
    confidence = claimant.confidence * (0.6 if hedged(trigger, sent) else 1.0)
    side, read = agent_side(trigger, claimant, ctx)
    if not read:
        confidence *= 0.85

    def draft(kind: str, side: str, who: Claimant = claimant, conf: float = confidence) -> Draft:
        return Draft(place, mention, who, kind, side, sent, trigger, conf)

    if kind == "capture" and partial:
        # "our units hold the centre", "the centre remains under our control": the holder
        # is holding on in part of it; anyone else has got into part of it
        lemma = trigger.lemma_.lower()
        holding_on = (lemma == "hold" and trigger.pos_ == "VERB") or (
            lemma in ("control", "hand", "hands")
            and trigger.head.lower_ in ("under", "in")
            and bool({t.lemma_.lower() for t in sent} & lx.STILL_HOLDING)
        )
        kind = "contested" if holding_on and side == claimant.side else "advance"
    if kind == "advance" and _beaten_off(trigger):
        kind = "contested"  # "repelled attempts to advance towards X": fought over, held
    if kind == "advance" and _civilian_mover(trigger):
        return []  # "the occupation authorities moved to X": offices move, armies advance
    denied, embedded = denial_above(trigger, sent)
    negated = _negated(trigger)
    no_longer = any(c.lower_ == "longer" for a in (trigger, *trigger.children) for c in a.children)
    if negated and trigger.lemma_.lower() == "hold" and not denied:
        # "no longer hold positions in X" is a withdrawal; "has not held X since ..." is
        # background about an earlier loss.
        return [draft("withdrawal", side)] if side and no_longer else []
    if kind == "contested":
        return [draft("contested", "")]
    if side is None:
        return []
    if denied or negated:
        if kind == "withdrawal":
            return [draft("contested", "")]
        if kind == "advance" and trigger.lemma_.lower() in lx.ENTERING and denied:
            kind = "capture"  # "denied that rebels had entered the city": a denial
        if kind != "capture":
            return []
        if not read and claimant.side != THIRD_PARTY:
            # "reports of its fall are false": the fall to whoever was pressing on it
            side = _pressing_side(place, claimant.side, trigger, ctx) or side
        out = [draft("denial", side)]
        if embedded and read and side != claimant.side:
            out.append(draft("capture", side, Claimant(None, f"{side} (as reported)", side, 0.7)))
        return out
    out = [draft(kind, side)]
    still = bool({t.lemma_.lower() for t in sent} & lx.STILL_HOLDING)
    held_by = trigger.lemma_.lower() == "hold" and any(c.dep_ == "agent" for c in trigger.children)
    under_control = trigger.lemma_.lower() in ("control", "hand", "hands") and (
        trigger.head.lower_ in ("under", "in")
    )
    holding = still and (held_by or under_control)
    if kind == "capture" and holding and claimant.side == side:
        opponent = ctx.opponent(side)
        if opponent:
            out.append(draft("denial", opponent))
    return out
