"""The side acting in a trigger: the words that may name its agent, read for a side, else
what the sentence and the claimant say; and who lost a place another side took."""

from spacy.tokens import Token

from claims.extraction import lexicon as lx
from claims.extraction.reference import Place
from claims.extraction.rules.context import Claimant, SentenceContext
from claims.extraction.rules.side_words import group_named_before, mentions_in, side_in
from claims.vocabulary import THIRD_PARTY

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
        if verb.dep_ == "pcomp" and verb.head.lower_ == "before" and verb.head.head.i != verb.i:
            # "entered X before being driven out": who entered is who left
            verb = verb.head.head
            continue
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
    if verb.dep_ in ("xcomp", "ccomp") and not any(c.dep_ == "nsubj" for c in verb.children):
        # "forced the army to withdraw", "ordered its units to pull out": the object of the
        # verb above is who acts
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        groups.extend(noun_phrase_core(o) for o in objects)
    groups.append(_subject_of(verb))
    return [g for g in [*groups, *deferred] if g]


def _state_side_of_conflict(ctx: SentenceContext) -> str | None:
    """The one side that is the state in this conflict's countries, if there is one."""
    states = {ctx.conflict.state_side(country) for country in ctx.conflict.countries} - {None}
    return states.pop() if len(states) == 1 else None


def loser_of(place: Place, captor: str, ctx: SentenceContext) -> str | None:
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


def agent_side(trigger: Token, claimant: Claimant, ctx: SentenceContext) -> tuple[str | None, bool]:
    """The side acting in the trigger, and whether it was read from the words (not guessed)."""
    national = _national_flag_side(trigger, ctx)
    if national is not None:
        return national, True
    for tokens in [*agent_candidates(trigger), *_passive_mover(trigger, ctx)]:
        side = side_in(tokens, ctx) or group_named_before(tokens, ctx)
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
        s for m in mentions_in(outside, ctx) for s in [side_in(list(m.span), ctx)] if s
    }
    if len(sentence_sides) == 1:
        return sentence_sides.pop(), False
    if claimant.side != THIRD_PARTY:
        return claimant.side, False
    return None, False
