"""Which side a group of words names: an actor of a side, a side's term ("Ukrainian"), or
"the group" for the armed group the article named last. Speakers and agents both ask it."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.mentions import Mention
from claims.extraction.rules.context import SentenceContext
from claims.vocabulary import THIRD_PARTY


def mentions_in(tokens: list[Token], ctx: SentenceContext) -> list[Mention]:
    seen, out = set(), []
    for t in tokens:
        m = ctx.mention_at.get(t.i)
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def located_at(token: Token) -> bool:
    """ "Kyiv" in "a Kyiv-based think tank": where the speaker sits, not whose side it is."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ in ("based", "headquartered")
    )


def side_in(tokens: list[Token], ctx: SentenceContext) -> str | None:
    """The side a group of words names: an actor of a side, or a side term. The group's
    head and the words nearest it count first ("Syrian insurgents led by HTS": HTS)."""
    tokens = [t for t in tokens if not located_at(t)]
    if tokens:
        heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
        head = heads[0] if heads else tokens[0]
        named = set()
        if head.lemma_.lower() in lx.RELATION_NOUNS:
            # "the MNDAA's ally, the TNLA": the apposition names who it is
            named = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
        tokens = sorted(tokens, key=lambda t: (t.i not in named, t is not head, abs(t.i - head.i)))
    for m in mentions_in(tokens, ctx):
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.side != THIRD_PARTY:
                return actor.side
        for conflict_key, side in m.sides:
            if conflict_key == ctx.conflict.key:
                return side
    return None


def group_named_before(tokens: list[Token], ctx: SentenceContext) -> str | None:
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
    if head.lemma_.lower() == "force" and (
        head.lower_ != "force" or any(c.dep_ == "compound" for c in head.children)
    ):
        return None  # "the forces" is anyone's; "the air force", "the task force" no group
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    states = {ctx.conflict.state_side(country) for country in ctx.conflict.countries}
    singular = head.tag_ == "NN"
    for m in reversed(ctx.mentions):
        if m.start >= head.i:
            continue
        if singular and _described_plural(m.span):
            continue  # "the force" is not the "Iranian-backed militias" named last
        for actor in m.actors:
            if actor.conflict == ctx.conflict.key and actor.kind == "armed-group":
                return actor.side
        for conflict_key, side in m.sides:  # "HTS fighters": a non-state side's name
            if conflict_key == ctx.conflict.key and side not in states:
                return side
    return None


def _described_plural(span: Span) -> bool:
    """ "Iranian-backed militias", "allied fighters": many men described, not one group
    named ("JNIM fighters", "Syrian Democratic Forces" name theirs)."""
    root = span.root
    if root.tag_ != "NNS":
        return False
    return not any(c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS") for c in root.children)
