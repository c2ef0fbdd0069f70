"""Reads for the map: each settlement with claims as a point with its assessed state, now
(the stored status rows) or as of a date (the stored status history, one index probe per
settlement: claims.status.history)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Subquery

from claims.models import Claim, SettlementStatusChange
from claims.vocabulary import DISPUTED_CLAIMS, ClaimStatus, SettlementState
from gazetteer.models import Settlement

# A map past this many points is a list, not a picture; the client is told it was cut.
MAP_MAX_POINTS = 25_000

_PLACE = ("id", "name", "region", "country", "latitude", "longitude", "claim_count")
_STATUS = ("state", "side", "since", "flags")


@dataclass(frozen=True)
class MapPoint:
    id: int
    name: str
    region: str
    country: str
    latitude: float
    longitude: float
    claim_count: int
    state: str
    side: str
    since: dt.date | None
    flags: tuple[str, ...]


def map_points(
    *,
    conflict_key: str | None = None,
    state: str | None = None,
    side: str | None = None,
    disputed: bool | None = None,
    as_of: dt.date | None = None,
    limit: int = MAP_MAX_POINTS,
) -> tuple[list[MapPoint], bool]:
    """The points to draw and whether `limit` cut the list. Settlements with live claims
    (stated by `as_of`, when given) and coordinates; the filters apply to the status shown.
    Plain rows, no model instances: a map has tens of thousands of points. One query
    whatever the date and the number of claims."""
    # The count is checked here, not in SQL, where PostgreSQL would count twice.
    found = [row for row in _placed(conflict_key=conflict_key, as_of=as_of) if row[6]]
    cut = len(found) > limit
    points = []
    for row in found[:limit]:
        settlement_id, name, region, country, latitude, longitude, claim_count = row[:7]
        row_state, row_side, row_since, row_flags = row[7:]
        point = MapPoint(
            settlement_id,
            name,
            region,
            country,
            latitude,
            longitude,
            claim_count,
            row_state or SettlementState.UNKNOWN,
            row_side or "",
            row_since,
            tuple(row_flags or ()),
        )
        if _keeps(point, state=state, side=side, disputed=disputed):
            points.append(point)
    return points, cut


def _placed(*, conflict_key: str | None, as_of: dt.date | None):
    """The settlements to draw, by id, with their live claim count and their status (now:
    the stored row; as of a day: the history's row for it). Only settlements with live
    claims now (settlementstatus_count_idx) can have had any by a day, so counts by day or
    conflict run only for those. Rows with no live claims by the day (or in the conflict)
    still come back, with a count of 0 or None."""
    qs = Settlement.objects.filter(
        latitude__isnull=False,
        longitude__isnull=False,
        merged_into__isnull=True,
        current_status__claim_count__gt=0,
    )
    if conflict_key or as_of is not None:
        live = Claim.objects.filter(settlement=OuterRef("pk")).exclude(
            status=ClaimStatus.SUPERSEDED
        )
        if as_of is not None:
            live = live.filter(stated_on__lte=as_of)
        if conflict_key:
            live = live.filter(conflict__key=conflict_key)
        counts = live.order_by().values("settlement").annotate(n=Count("id")).values("n")
        qs = qs.annotate(claim_count=Subquery(counts, output_field=IntegerField()))
    else:
        qs = qs.annotate(claim_count=F("current_status__claim_count"))
    if as_of is None:
        status = [f"current_status__{column}" for column in _STATUS]
    else:
        qs = qs.annotate(**_history_row(as_of))
        status = [f"as_of_{column}" for column in _STATUS]
    return qs.order_by("id").values_list(*_PLACE, *status)


def _history_row(day: dt.date) -> dict:
    """The columns of the settlement's history row with the greatest known_from <= day
    (what was known at the end of it): probes of settlementstatuschange_unique_day, no
    rules run. No row means nothing was known yet."""
    latest = SettlementStatusChange.objects.filter(
        settlement=OuterRef("pk"), known_from__lte=day
    ).order_by("-known_from")
    fields = {f.name: f for f in SettlementStatusChange._meta.get_fields() if f.concrete}
    return {
        f"as_of_{column}": Subquery(
            latest.values(column)[:1], output_field=fields[column].__class__()
        )
        for column in _STATUS
    }


def _keeps(point: MapPoint, *, state, side, disputed) -> bool:
    if state and point.state != state:
        return False
    if side and point.side != side:
        return False
    return disputed is None or (DISPUTED_CLAIMS in point.flags) == disputed


def map_date_range() -> tuple[dt.date | None, dt.date | None]:
    """The first and last day anything was claimed: the as-of slider's ends."""
    dates = Claim.objects.exclude(status=ClaimStatus.SUPERSEDED).order_by("stated_on")
    first = dates.values_list("stated_on", flat=True).first()
    last = dates.reverse().values_list("stated_on", flat=True).first()
    return first, last
