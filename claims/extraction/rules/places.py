"""The places a sentence names: gazetteer mentions used as places (not as speakers or
modifiers), capitalised names the text calls places (provisional settlements), and
"the town" / "both villages" for places named before."""

from spacy.tokens import Span, Token

from claims.extraction import lexicon as lx
from claims.extraction.mentions import Mention
from claims.extraction.reference import Place
from claims.extraction.rules.context import SentenceContext
from claims.extraction.rules.triggers import trigger_kind
from claims.extraction.tokens import is_reporting
from gazetteer.names import normalize_name


def _is_actor_use(m: Mention) -> bool:
    """ "Kyiv said", "Moscow's forces": a capital named as a speaker, not as a place. The
    subject of "remains / is / fell" is the place ("Khartoum remains under our control")."""
    root = m.span.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in ("remain", "stay", "be", "fall"):
        return False
    return bool(m.actors) and (
        root.dep_ in ("nsubj", "poss")
        or (m.end < len(m.span.doc) and m.span.doc[m.end].lower_ == "'s")
    )


def _listed_before_regions(m: Mention) -> bool:
    """ "the Belgorod and Kursk regions": a plural region word after a list of names makes
    each of them a region."""
    last = m.span.root
    for _ in range(8):
        following = [c for c in last.children if c.dep_ == "conj" and c.i > last.i]
        if not following:
            break
        last = following[-1]
    if last is m.span.root:
        return False
    if last.lower_ in lx.REGION_WORDS_PLURAL:  # "Sennar and Gezira states", parsed as a list
        return True
    doc = m.span.doc
    return last.i + 1 < len(doc) and doc[last.i + 1].lower_ in lx.REGION_WORDS_PLURAL


def _is_modifier(m: Mention) -> bool:
    """ "the Luhansk group", "Toretsk residents": the name qualifies another noun."""
    root = m.span.root
    return (
        root.dep_ in ("compound", "amod")
        and root.head.i >= m.end
        and root.head.lemma_.lower() not in lx.PLACE_WORDS
    )


def _name_span(token: Token) -> Span:
    """The proper name a PROPN token ends: "Kazachya Loknya", "Novyi Yar", "Deir el-Zour"."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        before = doc[start - 1]
        name_like = (
            before.text[:1].isupper() and before.is_alpha and before.lower_ not in ("the", "of")
        )
        if not (name_like or before.text in ("-", "el", "al", "ez", "es")):
            break
        if before.is_sent_start and before.is_stop:  # "In North Darfur": "In" is no name
            break
        start -= 1
    return doc[start : token.i + 1]


def _called_a_place(token: Token) -> bool:
    head, doc = token.head, token.doc
    of_place = (
        token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lx.PLACE_WORDS
    )
    appositive = any(
        c.dep_ == "appos" and c.lemma_.lower() in lx.PLACE_WORDS for c in token.children
    )
    followed = (
        token.i + 1 < len(doc)
        and doc[token.i + 1].lower_ in ("city", "town")
        and doc[token.i + 1].dep_ != "compound"
    )
    return of_place or appositive or followed


_PLACE_SLOT_PREPS = {
    "from", "towards", "toward", "into", "of", "on", "in", "inside", "to", "around",
}  # fmt: skip


def _in_place_slot(token: Token, ctx: SentenceContext, depth: int = 0) -> bool:
    """The name fills the place role of a claim word: the object of "seized" / "abandoned",
    the subject of "fell", "from" after "withdrew", "towards" after "advanced", "of" after
    "control", or it is listed with such a name or with a known place ("A, B and C")."""
    if depth > 6:
        return False
    head = token.head
    if token.dep_ in ("conj", "appos") and head.i != token.i and head.pos_ == "PROPN":
        known = ctx.mention_at.get(head.i)
        if known is not None:
            # a name of several words is keyed by its first ("Nioro du Sahel, Diboli")
            return bool(known.places) and known.start in ctx.places
        return _in_place_slot(head, ctx, depth + 1)
    if token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return trigger_kind(head, token) in ("capture", "withdrawal", "advance")
    if token.dep_ == "nsubj" and head.lemma_.lower() == "fall":
        return True
    if token.dep_ == "pobj" and head.lower_ in _PLACE_SLOT_PREPS:
        holder = head.head
        if holder.lemma_.lower() in lx.PLACE_WORDS:
            return True
        if (
            holder.lemma_.lower() in lx.HELD_GROUND
            and head.lower_ in ("in", "inside", "around")
            and trigger_kind(holder.head, holder) == "contested"
        ):
            return True  # "holding positions around X"
        kind = trigger_kind(holder, head)
        if kind is None:
            return False
        # "into/towards X" after a movement, "from X" after leaving, "of X" after control
        return (
            (head.lower_ in ("towards", "toward", "into") and kind == "advance")
            or (head.lower_ == "from" and kind == "withdrawal")
            or (head.lower_ == "of" and kind in ("capture", "advance", "withdrawal"))
            or (head.lower_ in ("in", "inside", "around") and kind == "contested")
        )
    return False


def _completed_by_of(span: Span) -> str:
    """The name with the of-phrase after it ("Democratic Republic" + "of Congo"), or ""."""
    doc, end = span.doc, span.end
    if end >= len(doc) or doc[end].lower_ != "of":
        return ""
    end += 1
    while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].lower_ == "the"):
        end += 1
    return doc[span.start : end].text if end > span.end + 1 else ""


def _plausible_unknown_name(span: Span, ctx: SentenceContext) -> bool:
    words = [t.lower_ for t in span]
    return not (
        set(words) & lx.NOT_A_PLACE_NAME
        or normalize_name(span.text) in ctx.index.not_settlements
        # the first words of a country's or region's name ("eastern Democratic Republic of
        # Congo"): the whole name is no settlement, nor is its start
        or normalize_name(_completed_by_of(span)).replace(" of the ", " of ")
        in ctx.index.not_settlements
        or any(not t.is_alpha and t.text not in ("-", "'") for t in span)
        or all(len(w) < 3 for w in words)
    )


def _unknown_place_name(token: Token, ctx: SentenceContext) -> Span | None:
    """A capitalised name the text calls a place but no gazetteer has: "the village of X",
    "X, a village ...", "X city", or a name in a claim's place slot ("seized X, Y and Z")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.i in ctx.mention_at:
        return None
    if token.dep_ == "compound" or token.is_sent_start:
        return None
    if not (_called_a_place(token) or _in_place_slot(token, ctx)):
        return None
    span = _name_span(token)
    if any(t.i in ctx.mention_at for t in span) or not _plausible_unknown_name(span, ctx):
        return None
    return span


def _provisional_place(span: Span, ctx: SentenceContext) -> Place:
    """A gazetteer place under another spelling, if one is close enough; else provisional."""
    from rapidfuzz import fuzz, process

    key = span.text
    choices = ctx.place_keys()
    match = process.extractOne(key.casefold(), choices, scorer=fuzz.ratio, score_cutoff=88)
    if match is not None:
        candidates = [p for p in ctx.index.places[match[0]] if p.country in ctx.conflict.countries]
        if candidates:
            return max(candidates, key=lambda p: p.population)
    country = ctx.conflict.countries[0] if len(ctx.conflict.countries) == 1 else ""
    return Place(None, key, country, "", "", 0, False, None, None)


def _antecedent_role(root: Token) -> str | None:
    """How a place named here may be referred back to by "the town": "here" (in this
    sentence and the next), "sentence" (only in this one: a goal, "pushing towards X"),
    "speaker" (where a speaker sits: only when nothing nearer is named), or
    None when the name only places something else ("north of Mandalay", "Kruhliakivka, near
    Kupiansk", "Bakhmut, about 10 km to the south-west") or qualifies a noun ("Kursk's
    governor", "the Luhansk group")."""
    if root.dep_ == "compound" and root.head.lemma_.lower() in lx.PLACE_WORDS:
        root = root.head  # "Sennar city"
    if root.dep_ in ("poss", "compound", "amod", "nmod"):
        return None
    if any(
        c.dep_ in ("appos", "npadvmod", "advmod")
        and {t.lower_ for t in c.subtree} & lx.DISTANCE_WORDS
        for c in root.children
    ):
        return None
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep":
        return "here"
    holder = prep.head
    if prep.lower_ in ("in", "at") and (
        holder.lemma_.lower() in lx.PEOPLE_SOMEWHERE or (is_reporting(holder) and prep.i > holder.i)
    ):
        # "a military source in Sennar said", "told reporters in Naypyitaw": where the
        # speaker sits ("In X, the army said ..." sets the scene instead)
        return "speaker"
    if prep.lower_ in ("of", "from") and holder.lower_ in lx.DIRECTION_WORDS:
        return None
    if prep.lower_ in lx.DIRECTION_WORDS and (
        prep.lower_ not in ("near", "around", "close")
        or (
            holder.pos_ in ("NOUN", "PROPN")
            and holder.lemma_.lower() not in lx.PLACE_WORDS
            and trigger_kind(holder, prep) is None
        )
    ):
        return None
    return "sentence" if prep.lower_ in ("towards", "toward") else "here"


def _called(root: Token) -> str:
    """The place word a name is given ("the village of X", "X, a town ..."), if any."""
    doc = root.doc
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in (lx.PLACE_WORDS)
    ):
        return root.head.head.lemma_.lower()
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in lx.PLACE_WORDS:
            return child.lemma_.lower()
    after = doc[root.i + 1] if root.i + 1 < len(doc) else None
    return after.lower_ if after is not None and after.lower_ in ("city", "town") else ""


def _anaphor_place(token: Token, ctx: SentenceContext) -> tuple[Place, str] | None:
    """ "the town", "the city's outskirts", "its outskirts": the place named last in the
    sentence or alone in the one before, else the place the article is about."""
    if (
        token.lower_ in ("its", "their")
        and token.dep_ == "poss"
        and token.head.lemma_.lower() in lx.PARTIAL_WORDS
    ):
        return ctx.antecedent_place(token.sent)
    if (
        token.lemma_.lower() not in lx.PLACE_WORDS | lx.POST_WORDS
        or token.tag_ in ("NNS", "NNPS")  # "the remaining cities" is no one place
        or not any(c.lower_ in ("the", "its") for c in token.children)
        or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        or any(c.dep_ in ("amod", "compound") and c.i in ctx.mention_at for c in token.children)
    ):
        return None
    return ctx.antecedent_place(token.sent, token.lemma_.lower())


_PAIR_WORDS = {"both", "two"}


def _plural_anaphor_places(token: Token, ctx: SentenceContext) -> list[tuple[Place, str]]:
    """ "both villages", "the two towns": the two places named last."""
    if token.lemma_.lower() not in lx.PLACE_WORDS or token.tag_ not in ("NNS", "NNPS"):
        return []
    if not any(c.lower_ in _PAIR_WORDS for c in token.children):
        return []
    latest = ctx.latest_places(2)
    return latest if len(latest) == 2 else []


def sentence_places(sent: Span, ctx: SentenceContext) -> list[tuple[Token, Place, str]]:
    """(root token, settlement, name as written) for each place the sentence names."""
    doc = sent.doc
    out = []
    for token in sent:
        m = ctx.mention_at.get(token.i)
        if m is not None and token.i == m.start and m.start in ctx.places:
            after = doc[m.end].lower_ if m.end < len(doc) else ""
            if (
                after in lx.NOT_THE_PLACE_AFTER
                or _listed_before_regions(m)
                or _is_actor_use(m)
                or _is_modifier(m)
            ):
                continue
            place = ctx.places[m.start]
            out.append((m.span.root, place, m.span.text))
            ctx.note_place(place, m.span.text)
            ctx.name_place(
                sent.start, place, m.span.text, _antecedent_role(m.span.root), _called(m.span.root)
            )
            continue
        unknown = _unknown_place_name(token, ctx) if m is None else None
        if unknown is not None:
            place = _provisional_place(unknown, ctx)
            out.append((token, place, unknown.text))
            ctx.note_place(place, unknown.text)
            ctx.name_place(sent.start, place, unknown.text, _antecedent_role(token), _called(token))
            continue
        anaphor = _anaphor_place(token, ctx) if m is None else None
        if anaphor is not None:
            out.append((token, *anaphor))
            ctx.name_place(sent.start, *anaphor, "here", token.lemma_.lower())
        elif m is None:
            out.extend((token, *named) for named in _plural_anaphor_places(token, ctx))
    return out
