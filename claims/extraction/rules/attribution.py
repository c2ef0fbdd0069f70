"""Who makes the claim: the sentence's claimant (a reporting verb's subject, "according
to", a headline tag, the quote it sits in) and, for one trigger, the speaker above it or the
writer when the report sits elsewhere in the sentence."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.rules.context import Claimant, SentenceContext
from claims.extraction.rules.side_words import mentions_in, side_in
from claims.extraction.rules.speakers import resolve_speaker, speaker_span, subtree_span
from claims.extraction.tokens import has_child, is_reporting
from claims.vocabulary import THIRD_PARTY

QUOTES = '"“”«»'


def _reporting_subject(verb: Token) -> Token | None:
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that")
    ]
    agent = _passive_agent(verb)
    if agent is not None:
        return agent
    if subjects:
        return subjects[-1]  # the nearest: a dateline ("KYIV, Feb 8 —") may parse as one too
    trailing = _trailing_speaker(verb)
    if trailing is not None:
        return trailing
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ in ("conj", "advcl") and not is_reporting(verb.head):
            # "said that X remained in its hands, rejecting the claim": a participle hung on
            # the reported clause is the reporter's act, not the clause subject's
            # "acknowledged that contact had been lost but denied that ...": the parser
            # joined the denial to the reported clause; its speaker is the one above
            above = next((a for a in verb.head.ancestors if is_reporting(a)), None)
            if above is not None:
                return _reporting_subject(above)
        return _reporting_subject(verb.head)
    return _misattached_subject(verb)


def _passive_agent(verb: Token) -> Token | None:
    """ "The fall of X was announced by the Defence Ministry": in a passive report the one
    "by" names speaks; the subject is what was said."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            names = [c for c in child.children if c.dep_ == "pobj"]
            if names and names[0].pos_ in ("NOUN", "PROPN"):
                return names[0]
    return None


def _trailing_speaker(verb: Token) -> Token | None:
    """ "Troops were fighting on the edge of X, a border town, the region's governor said":
    a report at the end of the sentence whose speaker the parser hung, as an apposition, on
    the last place named. The phrase set off by a comma just before the verb is the speaker,
    and the report covers the whole sentence before it."""
    if verb.dep_ not in ("advcl", "conj") or verb.head.i >= verb.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in verb.children):
        return None
    if any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children):
        return None  # "took X and said ...": the first clause's subject speaks
    candidate = _misattached_subject(verb)
    if candidate is None or candidate.dep_ != "appos":
        return None
    start = candidate.left_edge.i
    if start <= verb.sent.start or verb.doc[start - 1].text != ",":
        return None
    return candidate


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
        statement = sent.doc[words[0].i : dash.i]
        return _organ_of_the_side_named(statement, sent.doc[dash.i + 1 : end], ctx)
    return None


def _organ_of_the_side_named(statement: Span, tag: Span, ctx: SentenceContext) -> Claimant | None:
    """ "Russian troops liberate X — Defense Ministry": a bare organ or role as the tag speaks
    for the one side the headline names."""
    words = [t for t in tag if not t.is_punct]
    if not words or len(words) > 4 or words[-1].lemma_.lower() not in lx.HEADLINE_ORGANS:
        return None
    named = mentions_in(list(statement), ctx)
    sides = {s for m in named for s in [side_in(list(m.span), ctx)] if s}
    if len(sides) != 1:
        return None
    side = sides.pop()
    return Claimant(None, tag.text, side, 0.8)


def _named_side(span: Span, ctx: SentenceContext) -> Claimant | None:
    if not len(span) or not mentions_in(list(span), ctx):
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
                return resolve_speaker(subtree_span(objects[0]), ctx)
    tagged = _headline_source(sent, ctx)
    if tagged is not None:
        return tagged
    verbs = [t for t in sent if is_reporting(t)]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
    for verb in verbs:
        subject = _reporting_subject(verb)
        if subject is not None and _is_place_token(subject, ctx):
            # "Kayes, the regional capital, remains ..., the governor said": the parser made
            # the place the subject; the speaker is the phrase just before the verb.
            subject = _misattached_subject(verb) or _noun_just_before(verb)
        if subject is not None:
            return resolve_speaker(speaker_span(subject), ctx)
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


def _quote_state(text: str, char: int) -> bool:
    """Whether a position in the text is inside a quotation."""
    before = text[max(0, char - 3000) : char]
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
    quoted = _quote_state(ctx.text, sent.start_char) or any(ch in sent.text for ch in QUOTES)
    if not quoted:
        return ctx.journalist(), False
    # A quotation that runs on past this sentence: its speaker is named where it ends.
    if _quote_state(ctx.text, sent.end_char):
        for following in _next_sentences(sent, 4):
            speaker = sentence_claimant(following, ctx)
            if speaker is not None:
                return Claimant(speaker.actor_id, speaker.name, speaker.side, 0.8), True
            if not _quote_state(ctx.text, following.end_char):
                break
    # A further quoted sentence in the same paragraph: the same speaker goes on.
    between = ctx.text[max(ctx.last_claimant_end, 0) : sent.start_char]
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


def speaker_above(trigger: Token, ctx: SentenceContext) -> Claimant | None:
    """The speaker of the reporting verb nearest above the trigger, when a sentence quotes
    two parties ("Moscow said it took X, but Kyiv said the town remained ...")."""
    for ancestor in trigger.ancestors:
        if is_reporting(ancestor):
            subject = _reporting_subject(ancestor)
            return resolve_speaker(speaker_span(subject), ctx) if subject is not None else None
    return None


def who_claims(trigger: Token, ctx: SentenceContext) -> Claimant | None:
    """ "Moscow claims Toretsk; Kyiv says ...": claiming a place is a statement, and its
    subject is the claimant, whoever else the sentence quotes."""
    if trigger.lemma_.lower() != "claim" or trigger.pos_ != "VERB":
        return None
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    return resolve_speaker(speaker_span(subject), ctx) if subject is not None else None


def introduced_speaker(sent: Span, ctx: SentenceContext) -> Claimant | None:
    """ "A spokesman for the TNLA spoke to us by phone": a person of a side introduced as the
    subject, who a later "he said" refers to."""
    subjects = [c for c in sent.root.children if c.dep_ == "nsubj"]
    if not subjects or subjects[-1].lemma_.lower() not in lx.SPEAKER_ROLES:
        return None
    found = resolve_speaker(speaker_span(subjects[-1]), ctx)
    return found if found.side != THIRD_PARTY else None


def reported_elsewhere(trigger: Token, sent: Span) -> bool:
    """ "Malian flag raised over X as rebels announce withdrawal": the sentence's only
    reporting verbs sit in a side clause that does not hold the trigger, so the trigger's
    statement is the writer's own."""
    verbs = [t for t in sent if is_reporting(t) and _reporting_subject(t) is not None]
    if not verbs or any(_trailing_speaker(v) is not None for v in verbs):
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


def writers_aside(trigger: Token) -> bool:
    """ "Moscow said it had captured X, as its troops press towards Y": reported speech is
    told in the past; a present-tense "as" or "while" clause beside it is the writer's."""
    for token in (trigger, *trigger.ancestors):
        if is_reporting(token):
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
            reporting = next((a for a in token.ancestors if is_reporting(a)), None)
            return present and reporting is not None and reporting.tag_ == "VBD"
    return False
