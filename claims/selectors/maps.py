"""Reads for the map: each settlement with claims as a point with its assessed state, now
(the stored status rows) or as of a date (the status rules over the history, in bulk)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery

from claims.models import Claim, Correction, Review, Settlement, Side
from claims.status import rules
from claims.status.facts import claim_facts
from claims.vocabulary import DISPUTED_CLAIMS, ClaimStatus, SettlementState

# A map past this many points is a list, not a picture; the client is told it was cut.
MAP_MAX_POINTS = 25_000


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
    Plain rows, no model instances: a map has tens of thousands of points."""
    live = Claim.objects.filter(settlement=OuterRef("pk")).exclude(status=ClaimStatus.SUPERSEDED)
    if as_of is not None:
        live = live.filter(stated_on__lte=as_of)
    if conflict_key:
        live = live.filter(conflict__key=conflict_key)
    counts = live.order_by().values("settlement").annotate(n=Count("id")).values("n")
    rows = (
        Settlement.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .filter(merged_into__isnull=True)
        .annotate(claim_count=Subquery(counts, output_field=IntegerField()))
        .filter(claim_count__gt=0)
        .order_by("id")
        .values_list(
            "id",
            "name",
            "region",
            "country",
            "latitude",
            "longitude",
            "claim_count",
            "current_status__state",
            "current_status__side",
            "current_status__since",
            "current_status__flags",
        )  # fmt: skip
    )
    found = list(rows[: limit + 1])
    cut = len(found) > limit
    found = found[:limit]
    statuses = _statuses_as_of([row[0] for row in found], as_of) if as_of else {}
    points = []
    for row in found:
        *place, row_state, row_side, row_since, row_flags = row
        settlement_id, name, region, country, latitude, longitude, claim_count = place
        if as_of is not None:
            status = statuses[settlement_id]
            values = (status.assessed.state, status.assessed.side, status.assessed.since)
            flags = tuple(status.flags)
        else:
            values = (row_state or SettlementState.UNKNOWN, row_side or "", row_since)
            flags = tuple(row_flags or ())
        point = MapPoint(
            settlement_id, name, region, country, latitude, longitude, claim_count, *values, flags
        )
        if _keeps(point, state=state, side=side, disputed=disputed):
            points.append(point)
    return points, cut


def _keeps(point: MapPoint, *, state, side, disputed) -> bool:
    if state and point.state != state:
        return False
    if side and point.side != side:
        return False
    return disputed is None or (DISPUTED_CLAIMS in point.flags) == disputed


def _statuses_as_of(ids: list[int], day: dt.date) -> dict[int, rules.Status]:
    """claims.selectors.settlements' as-of rebuild for many settlements in four queries.
    Claims a correction moved between settlements after the day are taken from where they
    are now (the one-settlement read follows them; a map of thousands does not)."""
    end = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    claims = list(Claim.objects.filter(settlement_id__in=ids, stated_on__lte=day))
    claim_ids = [c.id for c in claims]
    reviews = defaultdict(list)
    for r in Review.objects.filter(claim_id__in=claim_ids, created_at__lte=end):
        reviews[r.claim_id].append(
            rules.ReviewFact(r.id, r.claim_id, r.verdict, r.created_at, r.origin_claim_id)
        )
    corrections = defaultdict(list)
    for c in Correction.objects.filter(claim_id__in=claim_ids):
        corrections[c.claim_id].append(
            rules.CorrectionFact(c.id, c.claim_id, c.changes, c.created_at, c.origin_claim_id)
        )
    sides: dict[int, set[str]] = defaultdict(set)
    for conflict_id, key in Side.objects.values_list("conflict_id", "key"):
        sides[conflict_id].add(key)
    by_settlement = defaultdict(list)
    for claim in claims:
        by_settlement[claim.settlement_id].append(claim)
    result = {}
    for settlement_id in ids:
        own = by_settlement.get(settlement_id, [])
        result[settlement_id] = rules.as_of(
            claims=claim_facts(own),
            reviews=[r for c in own for r in reviews.get(c.id, [])],
            corrections=[x for c in own for x in corrections.get(c.id, [])],
            sides=set().union(*(sides[c.conflict_id] for c in own)) if own else set(),
            settlement_id=settlement_id,
            day=day,
        )
    return result


def map_date_range() -> tuple[dt.date | None, dt.date | None]:
    """The first and last day anything was claimed: the as-of slider's ends."""
    dates = Claim.objects.exclude(status=ClaimStatus.SUPERSEDED).order_by("stated_on")
    first = dates.values_list("stated_on", flat=True).first()
    last = dates.reverse().values_list("stated_on", flat=True).first()
    return first, last
