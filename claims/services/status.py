"""Keeping each settlement's stored status (SettlementStatus) equal to its derivation.

Every write that changes a claim or a review calls `settlement_status_refresh` inside its
own transaction, so the row never disagrees with the history it is derived from.
"""

from collections.abc import Iterable

from django.db import transaction

from claims import status as rules
from claims.models import Claim, Review, Settlement, SettlementStatus, Side
from claims.vocabulary import ClaimStatus


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
        rules.ReviewFact(id=r.id, claim_id=r.claim_id, verdict=r.verdict, at=r.created_at)
        for r in reviews
    ]


def conflict_sides(conflict_ids: Iterable[int]) -> frozenset[str]:
    return frozenset(
        Side.objects.filter(conflict_id__in=set(conflict_ids)).values_list("key", flat=True)
    )


def settlement_status_compute(*, settlement_id: int) -> rules.Status:
    """The current status of one settlement, from scratch (what the stored row must equal)."""
    claims = list(
        Claim.objects.filter(settlement_id=settlement_id)
        .exclude(status=ClaimStatus.SUPERSEDED)
        .only(
            "id",
            "settlement_id",
            "conflict_id",
            "claimant_side",
            "kind",
            "side",
            "stated_on",
            "event_date",
            "status",
        )  # fmt: skip
    )
    reviews = Review.objects.filter(claim__in=[c.id for c in claims]).only(
        "id", "claim_id", "verdict", "created_at"
    )
    return rules.compute(
        claims=claim_facts(claims),
        reviews=review_facts(reviews),
        sides=conflict_sides(c.conflict_id for c in claims),
    )


def settlement_status_refresh(*, settlement_ids: Iterable[int]) -> list[int]:
    """Recompute and store the status of each settlement (once each); return the ids of
    those whose stored status changed (for the change feed).

    Runs in the caller's transaction. It locks the settlements' rows first, in id order, so
    two writers touching one settlement recompute one after the other, each seeing the
    other's committed claims and reviews, and the last row written is never stale.
    """
    ids = sorted({i for i in settlement_ids if i is not None})
    if not ids:
        return []
    changed = []
    with transaction.atomic():
        present = list(
            Settlement.objects.select_for_update().filter(id__in=ids).order_by("id")
            .values_list("id", flat=True)
        )  # fmt: skip
        rows = {r.settlement_id: r for r in SettlementStatus.objects.filter(settlement_id__in=ids)}
        for settlement_id in present:
            values = status_row_values(settlement_status_compute(settlement_id=settlement_id))
            row = rows.get(settlement_id)
            if row is not None and all(getattr(row, k) == v for k, v in values.items()):
                continue
            SettlementStatus.objects.update_or_create(settlement_id=settlement_id, defaults=values)
            changed.append(settlement_id)
    return changed


def status_row_values(status: rules.Status) -> dict:
    body = rules.status_json(status)
    return {
        "state": status.assessed.state,
        "side": status.assessed.side,
        "since": status.assessed.since,
        "basis": body["assessed"]["claims"],
        "claimed": body["claimed"],
        "flags": body["flags"],
    }


def status_row_json(row: SettlementStatus | None) -> dict:
    """A stored status in the API's shape; no row yet means nothing is known."""
    if row is None:
        return rules.status_json(rules.Status())
    return {
        "assessed": {
            "state": row.state,
            "side": row.side or None,
            "since": row.since.isoformat() if row.since else None,
            "claims": row.basis,
        },
        "claimed": row.claimed,
        "flags": row.flags,
    }
