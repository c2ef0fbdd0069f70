"""The claim rules for one sentence: places, then for each the trigger, speaker and drafts;
withdrawals beside captures; denials of claims named here or earlier."""

import dataclasses

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.rules.attribution import (
    claimant_for,
    introduced_speaker,
    reported_elsewhere,
    sentence_claimant,
    speaker_above,
    who_claims,
    writers_aside,
)
from claims.extraction.rules.context import Draft, SentenceContext
from claims.extraction.rules.denials import (
    denials_of_earlier_claims,
    denials_of_named_claims,
    disputed_in_apposition,
)
from claims.extraction.rules.drafts import drafts_for
from claims.extraction.rules.hedges import not_a_claim
from claims.extraction.rules.places import sentence_places
from claims.extraction.rules.sides import loser_of
from claims.extraction.rules.trigger_walk import place_triggers
from claims.extraction.tokens import has_child


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
        elif child.dep_ == "advcl" and child.lemma_.lower() in lx.FORCING_VERBS:
            # "seized X, forcing the soldiers to flee": those forced leave the same place
            verb = next((c for c in child.children if c.dep_ in ("xcomp", "ccomp")), None)
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


def claims_in_sentence(sent: Span, ctx: SentenceContext) -> list[Draft]:
    places = sentence_places(sent, ctx)
    own = sentence_claimant(sent, ctx)
    ctx.own_claimants[sent.start] = own
    if own is None:
        introduced = introduced_speaker(sent, ctx)
        if introduced is not None:
            ctx.remember(introduced, sent)
    if not_a_claim(sent):
        if own is not None:
            ctx.remember(own, sent)
        return []
    if not places:
        drafts = denials_of_earlier_claims(sent, own, ctx)
        if own is not None:
            ctx.remember(own, sent)
        ctx.emitted.extend(drafts)
        return drafts
    claimant, attributed = claimant_for(sent, ctx)
    drafts = []
    for _token, place, mention, (kind, trigger, partial) in place_triggers(places, sent, ctx):
        speaker = who_claims(trigger, ctx) or (
            ctx.journalist() if writers_aside(trigger) else speaker_above(trigger, ctx)
        )
        if speaker is None:
            speaker = ctx.journalist() if reported_elsewhere(trigger, sent) else claimant
        drafts.extend(drafts_for(kind, trigger, partial, place, mention, speaker, sent, ctx))
        if kind == "capture" or (kind == "advance" and trigger.lemma_.lower() in lx.ENTERING):
            leaving = _leaving_beside(trigger)
            if leaving is not None:
                took = [d for d in drafts if d.trigger == trigger and d.kind == kind]
                for left in drafts_for(
                    "withdrawal", leaving, False, place, mention, speaker, sent, ctx
                ):
                    # "seized X before pulling out": the captor left again, with no subject
                    # of its own to say otherwise
                    own_subject = leaving.pos_ in ("NOUN", "PROPN") or any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in leaving.children
                    )
                    if took and own_subject and left.side == took[-1].side:
                        # the side that took the place did not leave it
                        loser = loser_of(place, left.side, ctx)
                        if loser is None:
                            continue
                        left = dataclasses.replace(left, side=loser)
                    drafts.append(left)
    drafts.extend(disputed_in_apposition(drafts, sent, ctx))
    if not any(d.kind == "denial" for d in drafts):
        denier = claimant if attributed else None
        named = denials_of_named_claims(sent, denier, places, ctx)
        # "dismissed the announcement as premature and said the defenders held the town":
        # the rejected claim names no place of its own, so it is an earlier one
        drafts.extend(named or denials_of_earlier_claims(sent, denier, ctx, drafts))
    if own is not None:
        ctx.remember(own, sent)
    elif attributed:
        ctx.remember(claimant, sent)
    drafts = _settled_first(drafts)
    ctx.emitted.extend(drafts)
    return drafts


def _settled_first(drafts: list[Draft]) -> list[Draft]:
    """ "Entered X and took control of it": in one sentence, a capture by a side makes its
    advance on the same place redundant."""
    captured = {(d.place.name, d.claimant.side, d.side) for d in drafts if d.kind == "capture"}
    return [
        d
        for d in drafts
        if not (d.kind == "advance" and (d.place.name, d.claimant.side, d.side) in captured)
    ]
