"""Database rows as the rules' plain facts (claims.status.rules), and the queries that load
a settlement's whole history for a from-scratch derivation."""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from claims.models import Claim, Correction, Review
from claims.status import rules
from claims.vocabulary import ClaimStatus
from gazetteer.models import Side

# A claim's date for the rules: when it says it happened, else when it was stated. The
# same expression is indexed (claim_status_window_idx), so filters on it use the index.
CLAIM_DATE = Coalesce("event_date", "stated_on")


class _Dated(TypedDict):
    date: dt.date


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # A claim queryset with `date` (CLAIM_DATE) to filter and order on.
    DatedClaim = WithAnnotations[Claim, _Dated]
FACT_FIELDS = ("id", "settlement_id", "conflict_id", "claimant_side", "kind", "side",
               "stated_on", "event_date", "status")  # fmt: skip


def claim_facts(claims: Iterable[Claim]) -> list[rules.ClaimFact]:
    return [
        rules.ClaimFact(
            id=c.id,
            settlement_id=c.settlement_id,
            claimant_side=c.claimant_side,
            kind=c.kind,
            side=c.side,
            stated_on=c.stated_on,
            event_date=c.event_date,
            superseded=c.status == ClaimStatus.SUPERSEDED,
        )
        for c in claims
    ]


def review_facts(reviews: Iterable[Review]) -> list[rules.ReviewFact]:
    return [
        rules.ReviewFact(
            id=r.id,
            claim_id=r.claim_id,
            verdict=r.verdict,
            at=r.created_at,
            origin=r.origin_claim_id,
        )  # fmt: skip
        for r in reviews
    ]


def correction_facts(corrections: Iterable[Correction]) -> list[rules.CorrectionFact]:
    return [
        rules.CorrectionFact(c.id, c.claim_id, c.changes, c.created_at, c.origin_claim_id)
        for c in corrections
    ]


def conflict_sides(conflict_ids: Iterable[int]) -> frozenset[str]:
    return frozenset(
        Side.objects.filter(conflict_id__in=set(conflict_ids)).values_list("key", flat=True)
    )


def live_claims(*, settlement_id: int) -> "QuerySet[DatedClaim]":
    """The settlement's claims that count for its status (superseded ones never do)."""
    return (
        Claim.objects.filter(settlement_id=settlement_id)
        .exclude(status=ClaimStatus.SUPERSEDED)
        .alias(date=CLAIM_DATE)
    )


def settlement_sides(*, settlement_id: int) -> frozenset[str]:
    """The side keys of the conflicts the settlement's live claims belong to (the
    withdrawal rule needs them): one probe per side on claim_settlement_conflict_idx."""
    live = live_claims(settlement_id=settlement_id).filter(conflict_id=OuterRef("conflict_id"))
    return frozenset(Side.objects.filter(Exists(live)).values_list("key", flat=True))


def history_load(*, settlement_id: int) -> dict:
    """Everything `rules.as_of` needs for any day: the settlement's claims, the claims a
    correction ever moved here or away from here, and their reviews and corrections."""
    moved = Correction.objects.filter(
        Q(changes__settlement_id__0=settlement_id) | Q(changes__settlement_id__1=settlement_id)
    )
    claims = list(
        Claim.objects.filter(Q(settlement_id=settlement_id) | Q(id__in=moved.values("claim_id")))
        .only(*FACT_FIELDS)
    )  # fmt: skip
    ids = [c.id for c in claims]
    reviews = Review.objects.filter(claim_id__in=ids).only(
        "id", "claim_id", "verdict", "created_at", "origin_claim_id"
    )
    corrections = Correction.objects.filter(claim_id__in=ids).only(
        "id", "claim_id", "changes", "created_at", "origin_claim_id"
    )
    return {
        "claims": claim_facts(claims),
        "reviews": review_facts(reviews),
        "corrections": correction_facts(corrections),
        "sides": conflict_sides(c.conflict_id for c in claims),
        "settlement_id": settlement_id,
    }
