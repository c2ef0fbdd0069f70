"""What weakens a claim or makes it none: hedges ("reportedly"), questions and link lines,
hypotheticals, promises, intentions and history dated before the story."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.tokens import has_child, is_reporting


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
    for phrase in lx.NOT_A_CLAIM_PHRASES:
        at = text.find(phrase)
        # "X said it took Y, though Kyiv did not confirm the claim": the main clause before
        # the concession is still a claim
        if at >= 0 and not any(mark in text[:at] for mark in lx.CONCESSIVE_MARKS):
            return True
    return False


def intended_or_past(trigger: Token, published_year: int | None) -> bool:
    """ "vowed to retake X", "plans to seize X": an intention, not a claim. "In 2012, rebels
    seized X": history, dated to a year before the story's."""
    for token in (trigger, *trigger.ancestors):
        if token.dep_ == "xcomp" and _is_intention(token.head):
            return True
        if (
            token.dep_ == "acl"
            and token.head.lemma_.lower() in lx.PURPOSE_NOUNS
            and has_child(token, {"to"}, ("aux",))
        ):
            return True  # "prepared a wider operation to retake X": its purpose
        if token.dep_ == "ccomp" and token.tag_ == "VB" and _is_intention(token.head):
            return True  # "demanded that M23 withdraw from X": a bare verb, not a report
        if is_reporting(token):
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


def conditional(trigger: Token) -> bool:
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
        if is_reporting(token):
            return False
    return False


def foretold(trigger: Token) -> bool:
    """ "X will be liberated", "we shall retake X": a promise about an event to come. A
    state that will last ("X will remain ours") is a claim about now."""
    if trigger.lemma_.lower() in ("remain", "stay", "be", "hold", "keep"):
        return False
    return has_child(trigger, {"will", "shall", "'ll", "would"}, ("aux",))
