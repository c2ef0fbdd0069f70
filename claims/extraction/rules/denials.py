"""Denial and negation: a trigger under a denying verb or a negation, a rejected claim
that names its places, one that answers an earlier claim in the article, and the side a
denial answers when the words name none."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.reference import Place
from claims.extraction.rules.context import Claimant, Draft, SentenceContext
from claims.extraction.rules.side_words import side_in
from claims.extraction.rules.speakers import resolve_speaker, speaker_span
from claims.extraction.tokens import is_reporting
from claims.vocabulary import THIRD_PARTY


def is_negated(token: Token) -> bool:
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
        if (
            current.dep_ in ("xcomp", "ccomp")
            and current.head.lemma_.lower() in ("allow", "let", "permit")
            and any(c.dep_ == "neg" for c in current.head.children)
        ):
            return True  # "would not allow the rebels to advance on X"
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
        if current is not trigger and is_reporting(current):
            break
        current = current.head
    return False, False


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


def disputed_in_apposition(drafts: list[Draft], sent: Span, ctx: SentenceContext) -> list[Draft]:
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
        denier = resolve_speaker(speaker_span(subject), ctx)
        for d in drafts:
            if d.kind == "capture" and denier.side not in (THIRD_PARTY, d.side):
                out.append(Draft(d.place, d.mention, denier, "denial", d.side, sent, denial, 0.8))
    return out


def _claim_owner(noun: Token, ctx: SentenceContext) -> str | None:
    """ "the army's claim", "Russian claims": whose claim is rejected."""
    return side_in(
        [t for c in noun.children if c.dep_ in ("poss", "amod", "compound") for t in c.subtree],
        ctx,
    )


def denials_of_named_claims(
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
    speaker = resolve_speaker(speaker_span(subjects[-1]), ctx)
    return speaker if speaker.side != THIRD_PARTY else None


def denials_of_earlier_claims(
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


def pressing_side(place: Place, own: str, trigger: Token, ctx: SentenceContext) -> str | None:
    """The side another side's denial answers when the words name none: the one the
    article has claiming or pressing on the place, else the latest other side named, else
    the only other side of the conflict."""
    for earlier in reversed(ctx.emitted):
        if earlier.place.name == place.name and earlier.side not in ("", own):
            return earlier.side
    for m in reversed(ctx.mentions):
        if m.start >= trigger.i:
            continue
        side = side_in(list(m.span), ctx)
        if side and side != own:
            return side
    return ctx.opponent(own)
