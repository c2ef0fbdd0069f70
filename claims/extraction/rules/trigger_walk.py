"""From a place up the dependency tree to the trigger that makes a claim about it, stopping
at reporting verbs, clause edges and landmarks; and the where-clauses and relative clauses
beside a place that carry a claim of their own."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.reference import Place
from claims.extraction.rules.context import SentenceContext
from claims.extraction.rules.triggers import trigger_kind
from claims.extraction.tokens import has_child, is_reporting


def _since_clause(trigger: Token) -> bool:
    """ "since it took X in May", "since X fell": an earlier event dating the present one,
    background rather than a claim made now."""
    return trigger.dep_ in ("advcl", "pcomp", "pobj") and (
        has_child(trigger, {"since"}, ("mark",))
        or (trigger.head.lower_ == "since" and trigger.head.dep_ == "prep")
    )


def _long_after_clause(trigger: Token) -> bool:
    """ "more than a year after the RSF seized the city", "days after its troops took X": an
    earlier event that dates the present one, background rather than a claim made now."""
    if trigger.dep_ not in ("advcl", "pcomp", "pobj", "conj"):
        return False

    def timed(token: Token) -> bool:
        return any(
            c.dep_ in ("npadvmod", "nummod") and c.lemma_.lower() in lx.TIME_UNITS
            for c in token.children
        )

    # the span of time hangs on "after" or, as often, on the verb itself
    return any(
        child.lower_ in ("after", "before")
        and child.dep_ in ("mark", "prep")
        and (timed(child) or (child.dep_ == "mark" and timed(trigger)))
        for child in trigger.children
    )


def _facility_in(noun: Token, below: Token | None) -> bool:
    """ "retook the state broadcaster in X", "the headquarters of the army in X": a building
    or site in the place, which is a part of it."""
    if below is None or below.dep_ != "prep" or below.lower_ not in ("in", "inside"):
        return False
    if noun.pos_ != "NOUN":
        return False
    holder = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        holder = noun.head.head  # "the headquarters of the broadcaster in X"
        if holder.pos_ != "NOUN" or trigger_kind(holder, noun.head) is not None:
            return False
    if holder.dep_ not in ("dobj", "nsubjpass"):
        return False
    lemma = noun.lemma_.lower()
    return lemma not in (
        lx.PLACE_WORDS | lx.HELD_GROUND | lx.POST_WORDS | lx.STATIONED | lx.PARTIAL_WORDS
    ) and lemma not in lx.CONTROL_WORDS | lx.FRAME_CLASSES["enemy"] | {"pocket"}


def _origin_of_a_move(trigger: Token, below: Token | None) -> bool:
    """ "advancing on Y from X", "from the direction of X": X is where a movement starts;
    "10 km from X" (a distance) says how near it has come."""
    if below is None or below.dep_ != "prep" or below.lower_ != "from":
        return False
    if trigger.pos_ not in ("VERB", "AUX"):
        return False
    return not any(
        c.lower_ in lx.DISTANCE_WORDS or c.lower_ in ("close", "near")
        for t in (trigger, below)
        for c in t.children
    )


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
            if child.lower_ == "in" and verb.lemma_.lower() not in lx.STATE_VERBS:
                continue  # "X was destroyed in fighting": how, not who holds it
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("acomp", "attr", "oprd"):
            # "X was secure and under the full control of Y": the complement's own
            # coordinated phrases count too
            candidates = [child, *_under_or_in(child)]
            for conj in child.conjuncts:
                # "X was safe and under its full control": the preposition itself coordinated
                held = [c for c in conj.children if c.dep_ == "pobj"] if conj.pos_ == "ADP" else []
                candidates += [conj, *_under_or_in(conj), *held]
        else:
            continue
        for candidate in candidates:
            if candidate.lemma_.lower() in lx.SAFE_WORDS and candidate.pos_ == "ADJ":
                return "capture", candidate  # "X is secure", said by the side holding it
            if _a_sides_place(candidate, verb):
                return "capture", candidate  # "X and Y are Ukrainian cities"
            fallen = _nth_to_fall(candidate)
            if fallen is not None:
                return "capture", fallen
            kind = trigger_kind(candidate, None)
            if kind in ("capture", "contested"):
                return kind, candidate
    return None


def _a_sides_place(noun: Token, verb: Token) -> bool:
    """ "X and Y are Ukrainian cities", "X remains a Malian town": the place is said, now,
    to be one side's; "X was a Ukrainian city" is history."""
    if noun.dep_ != "attr" or noun.lemma_.lower() not in lx.PLACE_WORDS:
        return False
    now = verb.lemma_.lower() in ("remain", "stay") or (
        verb.lemma_.lower() == "be" and verb.tag_ in ("VBZ", "VBP")
    )
    side_word = any(c.dep_ == "amod" and c.lower_ in lx.DEMONYMS for c in noun.children)
    return now and side_word


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
    """ "commanders in X decided to withdraw", "troops in X were redeployed", "regrouped the
    forces stationed in X": the forces are located in the place and the clause says they
    left."""
    if noun.dep_ == "acl" and noun.lemma_.lower() in lx.STATIONING_VERBS:
        noun = noun.head  # "the forces stationed / based in X"
    if noun.lemma_.lower() not in lx.STATIONED:
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lx.REPOSITION_VERBS | {"evacuate"}:
        return noun.head  # "regrouped / withdrew / evacuated the forces in X"
    if noun.dep_ not in ("nsubj", "nsubjpass"):
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
    before = step.doc[step.i - 1] if step.i > 0 else step
    if (
        step.lower_ == "to"
        and route.pos_ in ("VERB", "AUX")
        and route
        in (
            before.head,
            before.head.head,
        )
    ):
        # "advancing along the highway to X", "cleared the road to X", with "to X" hung
        # from the verb
        route = before
    if route.lemma_.lower() in lx.ROUTE_WORDS and route.dep_ in ("dobj", "nsubjpass"):
        return True  # "cleared / cut / secured the road to X": the road, not X
    if route.lemma_.lower() not in lx.ROUTE_WORDS or route.dep_ != "pobj":
        return False
    if route.head.lower_ == "along" and step.lower_ == "to":
        # "advancing towards Y, along the main road to X": the road is named by where it
        # ends, and the movement has a goal of its own
        verb = next((a for a in route.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and any(
            t.dep_ == "prep" and t.lower_ in ("towards", "toward", "into") and t.i < route.i
            for t in verb.subtree
        )
    return route.head.lower_ in ("on", "at", "off", "near")


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
    found = _walk_up(token, sent, ctx)
    if found is not None and _semicolon_between(token, found[1]):
        return None  # "Russia claims X; Zelensky in Berlin": a statement of its own
    return found


def _semicolon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[low:high])


def _walk_up(
    token: Token, sent: Span, ctx: "SentenceContext | None"
) -> tuple[str, Token, bool] | None:
    quoted = _quoted_verb_before(token)
    if quoted is not None:
        kind = trigger_kind(quoted, token)
        if kind:
            return kind, quoted, False
    partial = False
    goal = False  # the place is where a movement goes ("along the road towards X")
    purpose = False  # the place is in an infinitive of purpose below the trigger
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
                    (
                        current.dep_ == "relcl"
                        and not has_child(current, {"that"}, ("advmod", "mark"))
                    )
                    or _since_clause(current)
                    or _long_after_clause(current)
                )
                if kind == "advance" and _origin_of_a_move(current, below):
                    return None  # "pushing towards Y from X": X is where the move starts
                if kind == "withdrawal" and (goal or purpose):
                    # "pulled back to X", "fled down the river towards X", "redeployed to
                    # defend X": X is where the retreating side went, not what it left
                    return None
                return None if background else (kind, current, partial)
            complement = _complement_trigger(current, below)
            if complement is not None:
                return (*complement, partial)
            if current.lower_ in lx.PARTIAL_WORDS or _facility_in(current, below):
                partial = True
            if current.dep_ == "xcomp" and has_child(current, {"to"}, ("aux",)):
                purpose = True  # "... to strengthen the defence of X"
        if (
            current.dep_ == "poss"
            and current.head.lemma_.lower() not in lx.PLACE_WORDS
            and trigger_kind(current.head, current) is None  # "the town's fall" is all of it
        ):
            partial = True  # "took Aleppo's citadel": a part of the place
            if is_reporting(current):
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


def _reported_in_relative_clause(token: Token) -> tuple[str, Token, bool] | None:
    """ "X, which it said government troops had abandoned": a relative clause about the
    place with a reporting verb of its own is an attributed claim, not background. The
    parser may hang the clause on the part named before the place ("parts of X, which")."""
    if token.dep_ == "compound" and token.head.lemma_.lower() in lx.PLACE_WORDS:
        token = token.head  # "X city"
    holders = [token]
    if token.head.lower_ == "of" and token.head.head.lemma_.lower() in lx.PARTIAL_WORDS:
        holders.append(token.head.head)
    for clause in [c for holder in holders for c in holder.children]:
        if clause.dep_ != "relcl" or not is_reporting(clause):
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


def _left_afterwards(
    token: Token, sent: Span, ctx: SentenceContext
) -> tuple[str, Token, bool] | None:
    """ "entered X before being driven out", "stormed X, holding the base for hours before
    pulling out": the side that went into the place left it again. The leaving verb hangs on
    "before" below the verb that moved into the place (or one clause down) and names no
    place of its own, or only "the town" / "it"."""
    found = governing_trigger(token, sent, ctx)
    if found is None or found[0] not in ("advance", "capture") or found[1].pos_ != "VERB":
        return None
    entering = found[1]
    verbs = [entering, *(c for c in entering.children if c.dep_ in ("advcl", "conj"))]
    for verb in verbs:
        for prep in verb.children:
            if prep.lower_ != "before" or prep.dep_ not in ("prep", "mark"):
                continue
            for leaving in (prep.head, *prep.children) if prep.dep_ == "mark" else prep.children:
                if leaving.dep_ not in ("pcomp", "advcl") or leaving.pos_ != "VERB":
                    continue
                if leaving.i == verb.i:
                    continue
                objects = [c for c in leaving.children if c.dep_ in ("dobj", "prep")]
                own_place = [o for o in objects for t in o.subtree if t.i in ctx.places]
                if own_place:
                    continue
                below = next(
                    (
                        o
                        for o in objects
                        if o.dep_ == "dobj" and o.lemma_.lower() in lx.PLACE_WORDS | {"it"}
                    ),
                    None,
                )
                if trigger_kind(leaving, below) == "withdrawal":
                    return "withdrawal", leaving, False
    return None


def _landmark_in_apposition(token: Token) -> bool:
    """ "Y" in "X, north of Y, where ...": a place locating another in an appositive."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("of", "from")
        and prep.head.lower_ in lx.DIRECTION_WORDS
        and prep.head.dep_ == "appos"
    )


def _fighting_where(token: Token) -> tuple[str, Token, bool] | None:
    """ "X, where street fighting is under way", "the north of X, where our defenders are
    fighting for every street": a where-clause that says the place is fought over. In "X,
    north of Y, where ...", the clause the parser hangs on Y is about X."""
    if _landmark_in_apposition(token):
        return None
    holders = [token, *(c for c in token.children if c.dep_ == "appos")]  # "X, further east,"
    for direction in [c for c in token.children if c.dep_ == "appos"]:
        if direction.lower_ in lx.DIRECTION_WORDS:
            holders += [
                g for p in direction.children if p.lower_ in ("of", "from") for g in p.children
            ]
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
            if is_reporting(clause):
                # "X, where the SDF said its forces had repelled an assault": the fight is
                # the reported clause's, and so is its speaker
                for said in clause.children:
                    if said.dep_ == "ccomp" and trigger_kind(said, None) == "contested":
                        return "contested", said, False
    return None


def place_triggers(
    places: list[tuple[Token, Place, str]], sent: Span, ctx: SentenceContext
) -> list[tuple[Token, Place, str, tuple[str, Token, bool]]]:
    out = []
    for token, place, mention in places:
        for found in (
            governing_trigger(token, sent, ctx),
            _reported_in_relative_clause(token),
            _fighting_where(token),
            _left_afterwards(token, sent, ctx),
        ):
            if found is not None:
                out.append((token, place, mention, found))
    return out
