"""Reads for settlements: search, one settlement, and its status now or as of a date."""

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from claims import status as rules
from claims.models import Claim, Correction, Review, Settlement, SettlementAlias, SettlementStatus
from claims.names import normalize_name
from claims.services.status import claim_facts, conflict_sides, status_row_json
from claims.vocabulary import ClaimStatus
from conflictwatch.core.exceptions import DomainError

SEARCH_MIN_CHARS = 2


def _claim_count_subquery() -> Subquery:
    counts = (
        Claim.objects.filter(settlement=OuterRef("pk"))
        .exclude(status=ClaimStatus.SUPERSEDED)
        .order_by()
        .values("settlement")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


# A one- or two-letter prefix matches a large share of ~20k names and their aliases and
# cannot use an index well; refusing it keeps search from tying up workers (issue #11).
QUERY_MIN_CHARS = 3


def settlement_query_check(q: str | None) -> str:
    """The search text, stripped; DomainError if it is shorter than QUERY_MIN_CHARS once
    normalised (an empty query is no search and is allowed)."""
    q = (q or "").strip()
    if q and len(normalize_name(q)) < QUERY_MIN_CHARS:
        raise DomainError(
            f"Type at least {QUERY_MIN_CHARS} letters of the name to search.",
            code="too_short",
            field="q",
        )
    return q


def settlement_list(
    *,
    q: str = "",
    conflict_key: str | None = None,
    country: str | None = None,
    updated_since: dt.datetime | None = None,
) -> QuerySet[Settlement]:
    """Settlements with a `claim_count`; with `updated_since`, those whose status changed
    at or after it, least recently changed first (ties by id).

    Without a query: the settlements that have claims, most-claimed first. With a query:
    every settlement whose name or an alias starts with it (any spelling: "Dzerzhinsk"
    finds Toretsk), those with claims first, then by population.
    """
    qs = (
        Settlement.objects.filter(merged_into__isnull=True)
        .select_related("current_status")
        .annotate(claim_count=_claim_count_subquery())
    )
    needle = normalize_name(q or "")
    if needle:
        alias_hit = SettlementAlias.objects.filter(
            settlement=OuterRef("pk"), normalized__startswith=needle
        )
        # Which alias matched, so a search for "Dzerzhinsk" shows why Toretsk is listed.
        qs = qs.filter(Q(normalized_name__startswith=needle) | Exists(alias_hit)).annotate(
            matched_alias=Case(
                When(normalized_name__startswith=needle, then=Value("")),
                default=Subquery(alias_hit.order_by("name").values("name")[:1]),
                output_field=CharField(),
            )
        )
    else:
        qs = qs.filter(claim_count__gt=0)
    if conflict_key:
        qs = qs.filter(claims__conflict__key=conflict_key).distinct()
    if country:
        qs = qs.filter(country=country.upper())
    if updated_since is not None:
        qs = qs.filter(current_status__updated_at__gte=updated_since)
        return qs.order_by("current_status__updated_at", "id")
    return qs.order_by("-claim_count", Coalesce("population", Value(0)).desc(), "name", "id")


def settlement_get(*, settlement_id: int) -> Settlement:
    """One settlement with `claim_count` and its aliases (with their sides) loaded."""
    return (
        Settlement.objects.annotate(claim_count=_claim_count_subquery())
        .select_related("current_status")
        .prefetch_related(
            Prefetch("aliases", queryset=SettlementAlias.objects.select_related("side"))
        )
        .get(pk=settlement_id)
    )


def stored_status_json(row: SettlementStatus | None) -> dict:
    """The stored current status in the API's shape; no row yet means nothing is known."""
    return status_row_json(row)


def settlement_status(*, settlement_id: int, as_of: dt.date | None = None) -> dict:
    """A settlement's status: {"assessed", "claimed", "flags", "as_of"}.

    Now: the stored row. As of a date: rebuilt from the append-only history with the same
    rules (claims.status.as_of): claims stated on or before the date, reviews made on or
    before its end (UTC), editors' later corrections rewound, and claims merged away later
    restored. A date in the future asks for what is known now. Superseded claims are left
    out in both (when a claim was superseded is not recorded). Raises
    Settlement.DoesNotExist for an unknown id.
    """
    if as_of is None:
        settlement = Settlement.objects.select_related("current_status").get(pk=settlement_id)
        row = getattr(settlement, "current_status", None)
        return {**stored_status_json(row), "as_of": None}
    if not Settlement.objects.filter(pk=settlement_id).exists():
        raise Settlement.DoesNotExist(f"No settlement #{settlement_id}")
    status = _status_as_of(settlement_id=settlement_id, day=as_of)
    return {**rules.status_json(status), "as_of": as_of.isoformat()}


def _status_as_of(*, settlement_id: int, day: dt.date) -> rules.Status:
    end = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    # Claims here now, and claims a correction after the date moved here or away from here.
    moved = Correction.objects.filter(created_at__gt=end).filter(
        Q(changes__settlement_id__0=settlement_id) | Q(changes__settlement_id__1=settlement_id)
    )
    claims = list(
        Claim.objects.filter(
            Q(settlement_id=settlement_id) | Q(id__in=moved.values("claim_id")),
            stated_on__lte=day,
        )
    )
    ids = [c.id for c in claims]
    reviews = Review.objects.filter(claim_id__in=ids, created_at__lte=end)
    corrections = list(Correction.objects.filter(claim_id__in=ids))
    return rules.as_of(
        claims=claim_facts(claims),
        reviews=[
            rules.ReviewFact(r.id, r.claim_id, r.verdict, r.created_at, r.origin_claim_id)
            for r in reviews
        ],
        corrections=[
            rules.CorrectionFact(c.id, c.claim_id, c.changes, c.created_at, c.origin_claim_id)
            for c in corrections
        ],
        sides=conflict_sides(c.conflict_id for c in claims),
        settlement_id=settlement_id,
        day=day,
    )


def settlement_rows(*, q: str = "") -> QuerySet[Settlement]:
    """settlement_list() with what the settlements page shows beside each row: the name of
    the conflict its latest claim belongs to (`conflict_name`, `conflict_key`)."""
    latest = (
        Claim.objects.filter(settlement=OuterRef("pk"))
        .exclude(status=ClaimStatus.SUPERSEDED)
        .order_by("-stated_on", "-id")
    )
    return settlement_list(q=q).annotate(
        conflict_name=Subquery(latest.values("conflict__name")[:1]),
        conflict_key=Subquery(latest.values("conflict__key")[:1]),
    )
