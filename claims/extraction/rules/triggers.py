"""Which claim kind a word on the path above a place signals: the constructions any word
can take part in (presence, movement towards, distances) here, the word's own kind from the
frame table (frames.yaml)."""

from spacy.tokens import Token

from claims.extraction import lexicon as lx
from claims.extraction.frames import frame_kind
from claims.extraction.tokens import has_child


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
        if (
            subject
            and subject[-1].lemma_.lower() in lx.CONTESTED_NOUNS
            and (
                below is None
                or below.lower_ == "where"
                or (below.dep_ == "prep" and below.lower_ in lx.FIGHT_LOCATIONS)
            )
        ):
            # "fighting is under way / continues / raged in X"; not "the clashes come
            # despite a deal signed in X"
            return "contested"
        return frame_kind(token, below)
    if pos in ("NOUN", "PROPN"):
        if below is not None and below.dep_ == "poss" and word in lx.PARTIAL_WORDS:
            return None  # "X's southern approaches": a part of X, not a movement on it
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
