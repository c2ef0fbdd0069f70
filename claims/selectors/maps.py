"""Reads for the map: each settlement with claims as a point with its assessed state, now
(the stored status rows) or as of a date (the stored status history, one index probe per
settlement: claims.status.history)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Subquery

from claims.models import Claim, Settlement, SettlementStatusChange
from claims.vocabulary import DISPUTED_CLAIMS, ClaimStatus, SettlementState

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
    Plain rows, no model instances: a map has tens of thousands of points. Three queries
    whatever the date and the number of claims."""
    rows = _placed(conflict_key=conflict_key, as_of=as_of)
    found = list(rows[: limit + 1])
    cut = len(found) > limit
    found = found[:limit]
    if as_of is None:
        statuses = {row[0]: row[len(_PLACE) :] for row in found}
    else:
        statuses = _statuses_as_of([row[0] for row in found], as_of)
    points = []
    for row in found:
        row_state, row_side, row_since, row_flags = statuses.get(row[0], ("", "", None, ()))
        point = MapPoint(
            *row[: len(_PLACE)],
            row_state or SettlementState.UNKNOWN,
            row_side or "",
            row_since,
            tuple(row_flags or ()),
        )
        if _keeps(point, state=state, side=side, disputed=disputed):
            points.append(point)
    return points, cut


def _placed(*, conflict_key: str | None, as_of: dt.date | None):
    """The settlements to draw, by id, with their live claim count (and, now, their stored
    status). Unfiltered and now, the count is the one stored with the status; otherwise a
    count per settlement over claim_timeline_idx."""
    qs = Settlement.objects.filter(latitude__isnull=False, longitude__isnull=False).filter(
        merged_into__isnull=True
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
    columns = _PLACE if as_of is not None else (*_PLACE, *(f"current_status__{c}" for c in _STATUS))
    return qs.filter(claim_count__gt=0).order_by("id").values_list(*columns)


def _keeps(point: MapPoint, *, state, side, disputed) -> bool:
    if state and point.state != state:
        return False
    if side and point.side != side:
        return False
    return disputed is None or (DISPUTED_CLAIMS in point.flags) == disputed


def _statuses_as_of(ids: list[int], day: dt.date) -> dict[int, tuple]:
    """(state, side, since, flags) as of the end of `day` for each settlement that had a
    status by then: its history row with the greatest known_from <= day, found by one probe
    of settlementstatuschange_unique_day per settlement, in one query."""
    latest = (
        SettlementStatusChange.objects.filter(settlement=OuterRef("pk"), known_from__lte=day)
        .order_by("-known_from")
        .values("id")[:1]
    )
    change_ids = (
        Settlement.objects.filter(id__in=ids)
        .annotate(change_id=Subquery(latest))
        .filter(change_id__isnull=False)
        .values("change_id")
    )
    return {
        settlement_id: rest
        for settlement_id, *rest in SettlementStatusChange.objects.filter(
            id__in=change_ids
        ).values_list("settlement_id", *_STATUS)
    }


def map_date_range() -> tuple[dt.date | None, dt.date | None]:
    """The first and last day anything was claimed: the as-of slider's ends."""
    dates = Claim.objects.exclude(status=ClaimStatus.SUPERSEDED).order_by("stated_on")
    first = dates.values_list("stated_on", flat=True).first()
    last = dates.reverse().values_list("stated_on", flat=True).first()
    return first, last
