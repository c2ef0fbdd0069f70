"""Reads for claims and their history (reviews, corrections), for pages and the API."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from claims.models import Claim, Correction, Review
from conflictwatch.core.search import text_search


def claim_list(
    *,
    settlement_id: int | None = None,
    article_id: int | None = None,
    conflict_key: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    claimant_side: str | None = None,
    updated_since: dt.datetime | None = None,
    q: str = "",
) -> QuerySet[Claim]:
    """Claims with what pages and the API show beside them, oldest statement first; with
    `updated_since`, the claims changed at or after it, least recently changed first (ties
    by id), so a client can resume from the last `updated_at` it saw. `q`: claims whose
    evidence sentence has every word of it (full text, claim_evidence_fts_idx)."""
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
    if q.strip():
        qs = text_search(qs, fields=("evidence",), q=q.strip())
    if updated_since is not None:
        return qs.filter(updated_at__gte=updated_since).order_by("updated_at", "id")
    return qs.order_by("stated_on", "article_id", "evidence_start", "id")


def review_list(*, claim_id: int) -> QuerySet[Review]:
    """A claim's reviews, oldest first, with their reviewers (the audit trail)."""
    return (
        Review.objects.filter(claim_id=claim_id)
        .select_related("reviewer")
        .order_by("created_at", "id")
    )


def correction_list(*, claim_id: int) -> QuerySet[Correction]:
    """A claim's corrections (including those of claims merged into it), oldest first."""
    return (
        Correction.objects.filter(claim_id=claim_id)
        .select_related("editor")
        .order_by("created_at", "id")
    )


def review_history_prefetch() -> Prefetch:
    """Each claim's reviews, oldest first, with who made them: one query for any number."""
    return Prefetch(
        "reviews", queryset=Review.objects.select_related("reviewer").order_by("created_at", "id")
    )
