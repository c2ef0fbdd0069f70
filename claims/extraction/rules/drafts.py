"""The claims one trigger makes about one place, once its kind, speaker and side are known:
partial control, repelled advances, denials and negations, and the denial "still holding"
implies."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.reference import Place
from claims.extraction.rules.context import Claimant, Draft, SentenceContext
from claims.extraction.rules.denials import denial_above, is_negated, pressing_side
from claims.extraction.rules.hedges import conditional, foretold, hedged, intended_or_past
from claims.extraction.rules.sides import agent_side
from claims.extraction.tokens import has_child
from claims.vocabulary import THIRD_PARTY


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


def _purpose_only(trigger: Token) -> bool:
    """ "sent reinforcements to defend X", "the priority is to defend X": an infinitive of
    purpose says what a side means to do; "continue to defend X" says what it does."""
    if trigger.pos_ != "VERB" or trigger.tag_ != "VB":
        return False
    if not has_child(trigger, {"to"}, ("aux",)):
        return False
    head = trigger.head
    if has_child(head, {"will", "would", "shall"}, ("aux",)):
        return True  # "would fight alongside the army to defend X": a promise
    return head.lemma_.lower() not in lx.GOING_ON_VERBS


def _presence(trigger: Token) -> bool:
    """The trigger is a verb of being somewhere ("are still in X", "remain inside X")."""
    return trigger.lemma_.lower() in ("be", "remain", "stay", "present")


def _attacker_present(
    side: str | None, claimant: Claimant, place: Place, ctx: SentenceContext
) -> bool:
    """ "Russian assault groups are still inside X" (X in Ukraine): the side that is there is
    not the state X lies in, so it is the attacker getting in, not a defender holding on;
    unless the article has the state advancing on or retaking X (a counter-offensive on
    ground the other side held)."""
    if side is None or (side == claimant.side and claimant.side != THIRD_PARTY):
        return False
    state = ctx.conflict.state_side(place.country)
    if state is None or side == state:
        return False
    return not any(
        d.place.name == place.name
        and d.side == state
        and (d.kind == "advance" or (d.kind == "capture" and not _holding(d.trigger)))
        for d in ctx.emitted
    )


def _holding(trigger: Token | None) -> bool:
    """A capture that says a side holds a place ("remains under our control"), not that it
    took it (a claim with no trigger word counts as holding: it says nothing of a move)."""
    return trigger is None or trigger.lemma_.lower() in lx.HOLDING_WORDS


def drafts_for(
    kind: str,
    trigger: Token,
    partial: bool,
    place: Place,
    mention: str,
    claimant: Claimant,
    sent: Span,
    ctx: SentenceContext,
) -> list[Draft]:
    if conditional(trigger) or foretold(trigger) or intended_or_past(trigger, ctx.published_year):
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
    if kind == "contested" and _purpose_only(trigger):
        return []
    if (
        kind == "contested"
        and _presence(trigger)
        and read
        and _attacker_present(side, claimant, place, ctx)
    ):
        kind = "advance"
    if kind == "advance" and _beaten_off(trigger):
        kind = "contested"  # "repelled attempts to advance towards X": fought over, held
    if kind == "advance" and _civilian_mover(trigger):
        return []  # "the occupation authorities moved to X": offices move, armies advance
    denied, embedded = denial_above(trigger, sent)
    negated = is_negated(trigger)
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
            side = pressing_side(place, claimant.side, trigger, ctx) or side
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
    # "X and Y are Ukrainian cities": a holding statement whatever the tense words say
    sides_place = trigger.dep_ == "attr" and trigger.lemma_.lower() in lx.PLACE_WORDS
    holding = (still and (held_by or under_control)) or sides_place
    if kind == "capture" and holding and claimant.side == side:
        opponent = ctx.opponent(side)
        if opponent:
            out.append(draft("denial", opponent))
    return out
