"""Reads for claims and settlements: joins and ordering fixed here, once."""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from claims.models import Claim, Settlement, SettlementAlias
from claims.names import normalize_name

SEARCH_MIN_CHARS = 2


def _claim_count_subquery() -> Subquery:
    counts = (
        Claim.objects.filter(settlement=OuterRef("pk"))
        .exclude(status=Claim.Status.SUPERSEDED)
        .order_by()
        .values("settlement")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def settlement_list(
    *, q: str = "", conflict_key: str | None = None, country: str | None = None
) -> QuerySet[Settlement]:
    """Settlements with a `claim_count`.

    Without a query: the settlements that have claims, most-claimed first. With a query:
    every settlement whose name or an alias starts with it (any spelling: "Dzerzhinsk"
    finds Toretsk), those with claims first, then by population.
    """
    qs = Settlement.objects.filter(merged_into__isnull=True).annotate(
        claim_count=_claim_count_subquery()
    )
    needle = normalize_name(q or "")
    if needle:
        alias_hit = SettlementAlias.objects.filter(
            settlement=OuterRef("pk"), normalized__startswith=needle
        )
        qs = qs.filter(Q(normalized_name__startswith=needle) | Exists(alias_hit))
    else:
        qs = qs.filter(claim_count__gt=0)
    if conflict_key:
        qs = qs.filter(claims__conflict__key=conflict_key).distinct()
    if country:
        qs = qs.filter(country=country.upper())
    return qs.order_by("-claim_count", Coalesce("population", Value(0)).desc(), "name", "id")


def settlement_get(*, settlement_id: int) -> Settlement:
    """One settlement with `claim_count` and its aliases (with their sides) loaded."""
    return (
        Settlement.objects.annotate(claim_count=_claim_count_subquery())
        .prefetch_related(
            Prefetch("aliases", queryset=SettlementAlias.objects.select_related("side"))
        )
        .get(pk=settlement_id)
    )


def claim_list(
    *,
    settlement_id: int | None = None,
    article_id: int | None = None,
    conflict_key: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    claimant_side: str | None = None,
) -> QuerySet[Claim]:
    """Claims with what pages and the API show beside them, oldest statement first."""
    qs = Claim.objects.select_related(
        "article", "article__outlet", "settlement", "claimant", "conflict"
    )
    if settlement_id is not None:
        qs = qs.filter(settlement_id=settlement_id)
    if article_id is not None:
        qs = qs.filter(article_id=article_id)
    if conflict_key:
        qs = qs.filter(conflict__key=conflict_key)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if claimant_side:
        qs = qs.filter(claimant_side=claimant_side)
    return qs.order_by("stated_on", "article_id", "evidence_start", "id")
