"""Reads for the exports: claims as CSV rows, settlements as GeoJSON features, streamed.

Rows come from `.iterator()`: on PostgreSQL a server-side cursor (Django's named cursor),
so a million claims are fetched a chunk at a time and never held in memory at once; on
SQLite (the embedded demo) the same call reads the result in chunks too. Values are read
as tuples, not model instances, which is most of what makes 1M rows fast.
"""

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.functions import Cast, Concat

from claims.models import Settlement
from claims.selectors.claims import claim_list
from claims.selectors.settlements import settlement_list, settlement_status, stored_status_json

if TYPE_CHECKING:
    from claims.selectors.settlements import CountedSettlement

CHUNK_ROWS = 5000

# (CSV column, ORM path), in the order of the CSV: close to ACLED's event files, so a
# consumer's ACLED loader needs few changes.
CLAIM_COLUMNS = [
    ("claim_id", "id"),
    ("stated_on", "stated_on"),
    ("event_date", "event_date"),
    ("event_date_precision", None),
    ("kind", "kind"),
    ("claimant", "claimant_name"),
    ("claimant_actor", "claimant__key"),
    ("claimant_side", "claimant_side"),
    ("side", "side"),
    ("conflict", "conflict__key"),
    ("settlement_id", "settlement_id"),
    ("settlement_name", "settlement__name"),
    ("country", "settlement__country"),
    ("admin1", "settlement__admin1_code"),
    ("region", "settlement__region"),
    ("latitude", "settlement__latitude"),
    ("longitude", "settlement__longitude"),
    ("outlet", "article__outlet__name"),
    ("url", "article__url"),
    ("evidence", "evidence"),
    ("review_status", "status"),
    ("confidence", "confidence"),
    ("updated_at", None),
]
CLAIM_HEADER = [name for name, _ in CLAIM_COLUMNS]
# Free text, from articles and editors: what a spreadsheet might run as a formula.
TEXT_PATHS = {
    "claimant_name", "claimant__key", "settlement__name", "settlement__region",
    "article__outlet__name", "article__url", "evidence",
}  # fmt: skip
# A cell a spreadsheet would run as a formula starts with one of these (OWASP, "CSV
# injection"); such cells get a leading apostrophe, which spreadsheets show as text.
FORMULA_START = r"^[=+@\t\r\n-]"


def _defused(path: str):
    """The column, with formula-like text prefixed by an apostrophe, in SQL: done by the
    database, a million rows cost no Python per cell."""
    return Case(
        When(**{f"{path}__regex": FORMULA_START}, then=Concat(Value("'"), F(path))),
        default=F(path),
        output_field=CharField(),
    )


def _updated_at_text():
    """updated_at as ISO 8601 UTC text, made by the database (parsing a million
    timestamps into Python datetimes would be most of the export's time)."""
    if connection.vendor == "postgresql":
        return Func(
            F("updated_at"),
            Value('YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            function="to_char",
            template="to_char(%(expressions)s)",
            arg_joiner=" AT TIME ZONE 'UTC', ",
            output_field=CharField(),
        )
    return Cast("updated_at", CharField())


def _precision():
    # The extractor resolves event dates to a day or gives none; the column is there for
    # consumers used to ACLED's time precision.
    return Case(When(event_date__isnull=False, then=Value("day")), default=Value(""))


def claim_export_rows(**filters) -> Iterator[tuple]:
    """One tuple per claim of the list endpoint for the same filters (claim_list's keyword
    arguments), CLAIM_HEADER's columns, by id: the primary key's order needs no sort, so
    the first rows leave while the database still reads the rest."""
    columns = {}
    for name, path in CLAIM_COLUMNS:
        if name == "event_date_precision":
            columns[f"x_{name}"] = _precision()
        elif name == "updated_at":
            columns[f"x_{name}"] = _updated_at_text()
        elif path in TEXT_PATHS:
            columns[f"x_{name}"] = _defused(path)
    names = [
        path if path and f"x_{name}" not in columns else f"x_{name}" for name, path in CLAIM_COLUMNS
    ]
    qs = claim_list(**filters).annotate(**columns).values_list(*names).order_by("id")
    return qs.iterator(chunk_size=CHUNK_ROWS)


def settlement_features(*, as_of: dt.date | None = None, **filters) -> Iterator[dict]:
    """One RFC 7946 Feature per settlement of the list endpoint for the same filters, with
    its status (now, or as of a day) in the properties. Coordinates are [lon, lat]; a
    settlement without them has a null geometry, as the RFC allows."""
    qs = settlement_list(**filters).defer("normalized_name")
    for settlement in qs.iterator(chunk_size=CHUNK_ROWS):
        yield _feature(settlement, _status_for(settlement, as_of))


# The settlements CSV: a feature's properties flattened, one row per settlement. Each side's
# latest claim (`claimed`) stays in the GeoJSON, where it has a shape.
SETTLEMENT_HEADER = [
    "settlement_id", "name", "country", "admin1", "region", "latitude", "longitude",
    "population", "source", "claim_count", "state", "side", "since", "flags",
]  # fmt: skip
_SETTLEMENT_TEXT = {"name", "admin1", "region"}


def defused(text: str) -> str:
    """`text`, with an apostrophe in front if a spreadsheet would run it as a formula."""
    return f"'{text}" if re.match(FORMULA_START, text) else text


def settlement_export_rows(*, as_of: dt.date | None = None, **filters) -> Iterator[list]:
    """One SETTLEMENT_HEADER row per settlement of settlement_features() for the same
    filters and day; free text defused, flags joined by spaces."""
    for feature in settlement_features(as_of=as_of, **filters):
        props = feature["properties"]
        point = (feature["geometry"] or {}).get("coordinates") or [None, None]
        values = {
            **props,
            "settlement_id": feature["id"],
            "longitude": point[0],
            "latitude": point[1],
            "flags": " ".join(props["flags"]),
        }
        yield [
            defused(values[name] or "") if name in _SETTLEMENT_TEXT else values[name]
            for name in SETTLEMENT_HEADER
        ]


def _status_for(settlement: Settlement, as_of: dt.date | None) -> dict:
    if as_of is None:
        return stored_status_json(getattr(settlement, "current_status", None))
    return settlement_status(settlement_id=settlement.id, as_of=as_of)


def _feature(settlement: "CountedSettlement", status: dict) -> dict:
    has_point = settlement.latitude is not None and settlement.longitude is not None
    assessed = status["assessed"]
    return {
        "type": "Feature",
        "id": settlement.id,
        "geometry": (
            {"type": "Point", "coordinates": [settlement.longitude, settlement.latitude]}
            if has_point
            else None
        ),
        "properties": {
            "name": settlement.name,
            "country": settlement.country,
            "admin1": settlement.admin1_code,
            "region": settlement.region,
            "population": settlement.population,
            "source": settlement.source,
            "claim_count": settlement.claim_count,
            "state": assessed["state"],
            "side": assessed["side"],
            "since": assessed["since"],
            "flags": status["flags"],
            "claimed": status["claimed"],
        },
    }
