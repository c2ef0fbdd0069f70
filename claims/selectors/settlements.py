"""Reads for settlements: search, one settlement, and its status now or as of a date."""

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, TypeVar, cast

from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from claims.models import Claim, SettlementStatus
from claims.status import history, rules
from claims.vocabulary import DISPUTED_CLAIMS, ClaimStatus, SettlementState
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.search import name_match, on_postgresql
from gazetteer.models import Settlement, SettlementAlias
from gazetteer.names import normalize_name

SEARCH_MIN_CHARS = 2


# Settlements, annotated or not: the filters below keep what they are given.
_S = TypeVar("_S", bound=Settlement)


class ClaimCount(TypedDict):
    claim_count: int


if TYPE_CHECKING:
    # django-stubs' name for a model row carrying annotations; a dev dependency only.
    from django_stubs_ext import WithAnnotations

    # A settlement as the lists return it, so `claim_count` is known to be there.
    CountedSettlement = WithAnnotations[Settlement, ClaimCount]


def _with_status(qs: QuerySet[Settlement]) -> "QuerySet[CountedSettlement]":
    # The live-claim count is stored with the status (claims.status.store), so lists sort on
    # settlementstatus_count_idx instead of counting the claims table.
    return qs.select_related("current_status").annotate(
        claim_count=Coalesce("current_status__claim_count", Value(0))
    )


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


def settlements_in_state(qs: QuerySet[_S], state: str) -> QuerySet[_S]:
    """Those whose assessed state is `state`; `unknown` includes settlements no claim has
    touched yet (they have no status row)."""
    if state == SettlementState.UNKNOWN:
        return qs.filter(Q(current_status__isnull=True) | Q(current_status__state=state))
    return qs.filter(current_status__state=state)


def settlements_flagged(qs: QuerySet[_S], flagged: bool) -> QuerySet[_S]:
    """Those whose status carries (or, with False, lacks) the disputed-claims flag."""
    # The flags are a short JSON list; matching its text works on PostgreSQL and on the
    # demo's SQLite alike (JSON containment does not exist on SQLite).
    has_flag = Q(flags_text__contains=f'"{DISPUTED_CLAIMS}"')
    with_text = qs.annotate(flags_text=Cast("current_status__flags", TextField()))
    # No status row yet: nothing is flagged. (flags_text is this filter's own: callers get
    # back the rows they gave, typed as they were.)
    found = with_text.filter(has_flag if flagged else Q(flags_text__isnull=True) | ~has_flag)
    return cast("QuerySet[_S]", found)


def settlement_list(
    *,
    q: str = "",
    conflict_key: str | None = None,
    country: str | None = None,
    region: str | None = None,
    state: str | None = None,
    side: str | None = None,
    disputed: bool | None = None,
    changed_since: dt.date | None = None,
    updated_since: dt.datetime | None = None,
) -> "QuerySet[CountedSettlement]":
    """Settlements with a `claim_count`; with `updated_since`, those whose status changed
    at or after it, least recently changed first (ties by id). `region` matches part of
    the region's name, `side` the controlling side's key, `changed_since` the day (UTC)
    the status last changed; the settlements page filters on the same fields.

    Without a query: the settlements that have claims, most-claimed first. With a query:
    every settlement whose name or an alias contains it or, on PostgreSQL, is close to it
    by trigram similarity (any spelling: "Dzerzhinsk" finds Toretsk, "Toretks" too); names
    that start with it first, then those with claims, then by population.
    """
    qs = _with_status(Settlement.objects.filter(merged_into__isnull=True))
    needle = normalize_name(q or "")
    rank: Value | Case = Value(0)
    if needle:
        qs, rank = _matching(qs, needle)
    else:
        qs = qs.filter(current_status__claim_count__gt=0)
    if conflict_key:
        in_conflict = Claim.objects.filter(settlement=OuterRef("pk"), conflict__key=conflict_key)
        qs = qs.filter(Exists(in_conflict))
    if country:
        qs = qs.filter(country=country.upper())
    if region:
        qs = qs.filter(region__icontains=region)
    if state:
        qs = settlements_in_state(qs, state)
    if side:
        qs = qs.filter(current_status__side=side)
    if disputed is not None:
        qs = settlements_flagged(qs, disputed)
    if changed_since is not None:
        qs = qs.filter(current_status__updated_at__date__gte=changed_since)
    if updated_since is not None:
        qs = qs.filter(current_status__updated_at__gte=updated_since)
        return qs.order_by("current_status__updated_at", "id")
    return qs.alias(match_rank=rank).order_by(
        "match_rank", "-claim_count", Coalesce("population", Value(0)).desc(), "name", "id"
    )


_Matched = TypeVar("_Matched", bound=QuerySet)


def _matching(qs: _Matched, needle: str) -> tuple[_Matched, Case]:
    """The settlements a name or an alias of which matches `needle`, which alias matched
    (`matched_alias`, empty when the name did), and a rank: 0 when a name starts with it.
    The two id lists come from the trigram indexes of names and of aliases (bench/explain/
    search_trigram.txt); an OR of the two LIKEs across the join could use neither."""
    postgresql = on_postgresql(qs)
    name_hit = name_match("normalized_name", needle, postgresql=postgresql)
    alias_hits = SettlementAlias.objects.filter(
        name_match("normalized", needle, postgresql=postgresql)
    )
    by_name = Settlement.objects.filter(name_hit).values("id")
    qs = qs.filter(Q(id__in=by_name) | Q(id__in=alias_hits.values("settlement_id")))
    own_alias = alias_hits.filter(settlement=OuterRef("pk"))
    prefix_alias = own_alias.filter(normalized__startswith=needle)
    # Which alias matched, so a search for "Dzerzhinsk" shows why Toretsk is listed.
    qs = qs.annotate(
        matched_alias=Case(
            When(name_hit, then=Value("")),
            default=Subquery(own_alias.order_by("name").values("name")[:1]),
            output_field=CharField(),
        )
    )
    rank = Case(
        When(Q(normalized_name__startswith=needle) | Exists(prefix_alias), then=Value(0)),
        default=Value(1),
    )
    return qs, rank


def settlement_get(*, settlement_id: int) -> Settlement:
    """One settlement with `claim_count` and its aliases (with their sides) loaded."""
    return (
        _with_status(Settlement.objects.all())
        .prefetch_related(
            Prefetch("aliases", queryset=SettlementAlias.objects.select_related("side"))
        )
        .get(pk=settlement_id)
    )


def stored_status_json(row: SettlementStatus | None) -> dict:
    """The stored current status in the API's shape; no row yet means nothing is known."""
    return rules.status_json(row.as_status() if row else rules.Status())


def settlement_status(
    *, settlement_id: int, as_of: dt.date | None = None, on: dt.date | None = None
) -> dict:
    """A settlement's status: {"assessed", "claimed", "flags", "as_of", "on"}.

    Now: the stored row. As of a date (what was known then): the stored history's row for
    that day, which the rules derive from the claims stated on or before the date, the
    reviews made on or before its end (UTC), editors' later corrections rewound and claims
    merged away later restored. On a date (event time): the claims dated on or before it
    with every review to date. A date in the future asks for what is known now.
    Superseded claims are left out (when a claim was superseded is not recorded). Raises
    Settlement.DoesNotExist for an unknown id.
    """
    if as_of is None and on is None:
        settlement = Settlement.objects.select_related("current_status").get(pk=settlement_id)
        row = getattr(settlement, "current_status", None)
        return {**stored_status_json(row), "as_of": None, "on": None}
    if not Settlement.objects.filter(pk=settlement_id).exists():
        raise Settlement.DoesNotExist(f"No settlement #{settlement_id}")
    if as_of is not None:
        status = history.status_as_of(settlement_id=settlement_id, day=as_of)
    elif on is not None:
        status = history.status_on(settlement_id=settlement_id, day=on)
    return {
        **rules.status_json(status),
        "as_of": as_of.isoformat() if as_of else None,
        "on": on.isoformat() if on else None,
    }


def settlement_rows(*, q: str = "") -> "QuerySet[CountedSettlement]":
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
