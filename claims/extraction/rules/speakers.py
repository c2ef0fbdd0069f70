"""Who a group of words names as the speaker ("Russia's Defence Ministry", "analysts",
"the ministry" said again later), and the words of a subject that name it."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.rules.context import Claimant, SentenceContext
from claims.extraction.rules.side_words import group_named_before, located_at, mentions_in, side_in
from claims.vocabulary import THIRD_PARTY


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
    tokens = [t for t in span if not located_at(t)]
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    name = " ".join(span.text.split())[:300]
    mentions = sorted(mentions_in(tokens, ctx), key=lambda m: m.start - m.end)
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
    organ_of_a_side = span.root.lemma_.lower() in lx.STATE_ORGANS and side_in(tokens, ctx)
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
    side = side_in(tokens, ctx)
    if side and not third_party_words:
        return Claimant(None, name, side, 0.85)
    if actors:
        return Claimant(actors[0].id, actors[0].name, actors[0].side, 0.85)
    if third_party_words:
        return Claimant(None, name, THIRD_PARTY, 0.8)
    group = group_named_before(tokens, ctx)
    if group is not None:
        return Claimant(None, name, group, 0.8)  # "the group said": the group named last
    previous = _subject_of_previous_sentence(span, ctx)
    if previous is not None:
        return previous
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


def _subject_of_previous_sentence(span: Span, ctx: SentenceContext) -> Claimant | None:
    """ "The ministry made no mention of X in its briefing. It said ...": a bare "it" opening
    a sentence is the body the previous sentence of the paragraph was about, when that
    body is of a side, whatever its verb was."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ != "it" or words[0].i != span.sent.start:
        return None
    sent = span.sent
    if sent.start == 0:
        return None
    before = ctx.doc[sent.start - 1].sent
    if "\n\n" in ctx.text[before.end_char : sent.start_char] or "\n\n" in before.text:
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    found = resolve_speaker(speaker_span(subject), ctx)
    return found if found.side != THIRD_PARTY else None


def _role_named_in_sentence(span: Span, words: set[str], ctx: SentenceContext) -> Claimant | None:
    """ "Arakan Army fighters are near X, the group said", "The MNDAA has taken X, according
    to the group": a bare role word whose bearer the same sentence has just named."""
    content = {t.lower_ for t in span if not (t.is_stop and t.lower_ != "it") and not t.is_punct}
    if not content or not content <= (lx.GENERIC_SPEAKERS - {"he", "she", "they"}):
        return None
    sent = span.sent
    for m in mentions_in(list(sent.doc[sent.start : span.start]), ctx):
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.side != THIRD_PARTY:
                return Claimant(actor.id, actor.name, actor.side, 0.8)
    return None


def _local_state_side(tokens: list[Token], ctx: SentenceContext) -> str | None:
    """ "The head of X's military administration", "the regional governor", "the military":
    the state of the country where the place they speak for (or the story's place) lies."""
    for m in mentions_in(tokens, ctx):
        place = ctx.places.get(m.start)
        if place is not None:
            return ctx.conflict.state_side(place.country)
    focus = ctx.focus_place()
    return ctx.conflict.state_side(focus[0].country) if focus is not None else None


def subtree_span(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def speaker_span(subject: Token) -> Span:
    """The subject's words without its clauses: "an armed group fighting Myanmar's
    military" names the group, not the military."""
    clause = next(
        (c for c in subject.children if c.dep_ in ("acl", "relcl") and c.i > subject.i), None
    )
    end = clause.left_edge.i if clause is not None else subject.right_edge.i + 1
    return subject.doc[subject.left_edge.i : end]
