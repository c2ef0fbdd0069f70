"""Reads for the exports: claims as CSV rows, settlements as GeoJSON features, streamed.

Rows come from `.iterator()`: on PostgreSQL a server-side cursor (Django's named cursor),
so a million claims are fetched a chunk at a time and never held in memory at once; on
SQLite (the embedded demo) the same call reads the result in chunks too. Values are read
as tuples, not model instances, which is most of what makes 1M rows fast.
"""

import datetime as dt
from collections.abc import Iterator

from claims.models import Settlement
from claims.selectors.claims import claim_list
from claims.selectors.settlements import settlement_list, settlement_status, stored_status_json

CHUNK_ROWS = 5000

# (CSV column, ORM path), in the order of the CSV: close to ACLED's event files, so a
# consumer's ACLED loader needs few changes.
CLAIM_COLUMNS = [
    ("claim_id", "id"),
    ("stated_on", "stated_on"),
    ("event_date", "event_date"),
    ("event_date_precision", "event_date"),
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
    ("updated_at", "updated_at"),
]
CLAIM_HEADER = [name for name, _ in CLAIM_COLUMNS]
_PATHS = list(dict.fromkeys(path for _, path in CLAIM_COLUMNS))


def claim_export_rows(**filters) -> Iterator[list]:
    """One list per claim, CLAIM_HEADER's columns, in the list endpoint's order for the
    same filters (claims.selectors.claim_list's keyword arguments)."""
    index = {path: i for i, path in enumerate(_PATHS)}
    picks = [index[path] for _, path in CLAIM_COLUMNS]
    precision_at = CLAIM_HEADER.index("event_date_precision")
    qs = claim_list(**filters).values_list(*_PATHS)
    for values in qs.iterator(chunk_size=CHUNK_ROWS):
        row = [values[i] for i in picks]
        # The extractor resolves event dates to a day or gives none; the column is there
        # for consumers used to ACLED's time precision.
        row[precision_at] = "day" if row[precision_at] else ""
        yield row


def settlement_features(*, as_of: dt.date | None = None, **filters) -> Iterator[dict]:
    """One RFC 7946 Feature per settlement of the list endpoint for the same filters, with
    its status (now, or as of a day) in the properties. Coordinates are [lon, lat]; a
    settlement without them has a null geometry, as the RFC allows."""
    qs = settlement_list(**filters).defer("normalized_name")
    for settlement in qs.iterator(chunk_size=CHUNK_ROWS):
        yield _feature(settlement, _status_for(settlement, as_of))


def _status_for(settlement: Settlement, as_of: dt.date | None) -> dict:
    if as_of is None:
        return stored_status_json(getattr(settlement, "current_status", None))
    return settlement_status(settlement_id=settlement.id, as_of=as_of)


def _feature(settlement: Settlement, status: dict) -> dict:
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
