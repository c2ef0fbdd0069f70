"""Reads for the exports: claims as CSV rows, settlements as GeoJSON features, streamed.

The claims CSV is made by PostgreSQL itself (COPY ... TO STDOUT, streamed a few thousand
records at a time: neither the rows nor the file are ever held in memory). Elsewhere rows
come from `.iterator()` (on SQLite, the embedded demo, it reads the result in chunks), as
tuples, not model instances, and Python's csv module writes them.
"""

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import connection, connections
from django.db.models import Case, CharField, F, Func, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, NullIf

from claims.selectors.claims import claim_list
from claims.selectors.settlements import settlement_list, settlement_status, stored_status_json
from gazetteer.models import Settlement

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
# Columns that COPY writes as Python does already (ints, ISO dates), and the floats it does
# not (claim_export_csv_copy).
INTEGER_OR_DATE_PATHS = {"id", "stated_on", "event_date", "settlement_id"}
FLOAT_PATHS = {"settlement__latitude", "settlement__longitude", "confidence"}
CRLF = b"\r\n"
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


def _float_as_python_writes_it(path: str):
    """A float column as text the way Python's repr (and so csv) writes it: PostgreSQL's
    shortest round-trip text, with ".0" after a whole number (PostgreSQL writes "47")."""
    text = Cast(path, CharField())
    return Case(
        When(**{f"{path}__isnull": True}, then=Value(None, output_field=CharField())),
        When(**{f"{path}__regex": r"^-?[0-9]+(\.0+)?$"}, then=Concat(text, Value(".0"))),
        default=text,
        output_field=CharField(),
    )


def _precision():
    # The extractor resolves event dates to a day or gives none; the column is there for
    # consumers used to ACLED's time precision.
    return Case(When(event_date__isnull=False, then=Value("day")), default=Value(""))


def _claim_export_queryset(*, as_csv_text: bool = False, **filters) -> QuerySet:
    """The export's rows as a values_list in CLAIM_HEADER's order, by id: the primary key's
    order needs no sort, so the first rows leave while the database still reads the rest.
    `as_csv_text` makes every cell what Python's csv module would write for it (for COPY):
    floats as Python writes them, empty text as NULL (COPY quotes an empty string)."""
    columns = {}
    for name, path in CLAIM_COLUMNS:
        if path is None:
            made = _precision() if name == "event_date_precision" else _updated_at_text()
        elif path in TEXT_PATHS:
            made = _defused(path)
        elif as_csv_text and path in FLOAT_PATHS:
            columns[f"x_{name}"] = _float_as_python_writes_it(path)
            continue
        elif as_csv_text and path not in INTEGER_OR_DATE_PATHS:
            made = F(path)
        else:
            continue
        columns[f"x_{name}"] = NullIf(made, Value("")) if as_csv_text else made
    names = [
        path if path and f"x_{name}" not in columns else f"x_{name}" for name, path in CLAIM_COLUMNS
    ]
    return claim_list(**filters).annotate(**columns).values_list(*names).order_by("id")


def claim_export_rows(**filters) -> Iterator[tuple]:
    """One tuple per claim of the list endpoint for the same filters (claim_list's keyword
    arguments), CLAIM_HEADER's columns, by id."""
    return _claim_export_queryset(**filters).iterator(chunk_size=CHUNK_ROWS)


def claim_export_csv_copy(**filters) -> Iterator[bytes]:
    """PostgreSQL only: the CSV records of claim_export_rows() for the same filters, made by
    the database (`COPY (...) TO STDOUT WITH (FORMAT csv)`), CRLF-terminated as RFC 4180
    has them, a few thousand records per chunk. The same bytes Python's csv module writes
    for those rows, at several times the speed: no Python object per cell.

    The server sends one CopyData message per row, ending with its LF; only that LF becomes
    CRLF (a line break inside a quoted cell is left as it is, as csv leaves it)."""
    qs = _claim_export_queryset(as_csv_text=True, **filters)
    sql, params = qs.query.get_compiler(qs.db).as_sql()
    connection = connections[qs.db]
    connection.ensure_connection()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    with (
        connection.wrap_database_errors,
        connection.connection.cursor() as cursor,
        cursor.copy(statement, params) as copy,
    ):
        batch: list = []
        for record in copy:
            batch.append(record[:-1])
            if len(batch) == CHUNK_ROWS:
                yield CRLF.join(batch) + CRLF
                batch.clear()
        if batch:
            yield CRLF.join(batch) + CRLF


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
