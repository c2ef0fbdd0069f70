"""A settlement's status now, or on an event date, by the rules (claims.status.rules).

`status_derive` reads only the rows the rules can use, so its cost does not grow with the
settlement's claims: the assessment needs the confirmed claims from the last confirmed
capture on (a capture settles the state whatever came before it), `claimed` one claim per
claimant side, and the flag one EXISTS query. `status_compute` is the same from every
claim and review: what the property tests (tests/claims/test_status_property.py) hold
`status_derive` to, and what a rebuild uses.

`on` is event time: the claims dated (event date, else stated date) on or before the day,
with every review made to date ("who held it on D, by what we know now").
"""

import datetime as dt

from django.db.models import Max, Q

from claims.models import Review
from claims.status import rules
from claims.status.facts import (
    CLAIM_DATE,
    FACT_FIELDS,
    claim_facts,
    live_claims,
    review_facts,
    settlement_sides,
)
from claims.vocabulary import DISPUTED_CLAIMS, ClaimKind, ClaimStatus, SettlementState

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def status_compute(*, settlement_id: int, on: dt.date | None = None) -> rules.Status:
    """The status from every live claim (dated on or before `on`, if given) and all their
    reviews: the from-scratch derivation."""
    live = live_claims(settlement_id=settlement_id)
    if on is not None:
        live = live.filter(date__lte=on)
    claims = list(live.only(*FACT_FIELDS))
    reviews = Review.objects.filter(claim__in=live_claims(settlement_id=settlement_id)).only(
        "id", "claim_id", "verdict", "created_at", "origin_claim_id"
    )
    return rules.compute(
        claims=claim_facts(claims),
        reviews=review_facts(reviews),
        sides=settlement_sides(settlement_id=settlement_id),
    )


def status_derive(*, settlement_id: int, on: dt.date | None = None) -> rules.Status:
    """The same as `status_compute`, from a few index lookups. Claims' stored `status`
    stands for their latest verdict (the services keep the two equal)."""
    live = live_claims(settlement_id=settlement_id)
    if on is not None:
        live = live.filter(date__lte=on)
    assessed = _assessed(live, settlement_sides(settlement_id=settlement_id))
    return rules.Status(assessed=assessed, claimed=_claimed(live), flags=_flags(live, assessed))


def _assessed(live, sides: frozenset[str]) -> rules.Assessed:
    # An advance never changes the assessment, so it is never loaded.
    confirmed = live.filter(status=ClaimStatus.CONFIRMED).exclude(kind=ClaimKind.ADVANCE)
    last_capture = confirmed.filter(kind=ClaimKind.CAPTURE).aggregate(day=Max(CLAIM_DATE))["day"]
    if last_capture is not None:
        # Every confirmed claim dated from that day: the ones sorting before the last
        # capture on that day are folded and then overruled by it, as in the full fold.
        confirmed = confirmed.filter(date__gte=last_capture)
    rows = list(confirmed.annotate(confirmed_at=Max("reviews__created_at")).only(*FACT_FIELDS))
    facts = claim_facts(rows)
    return rules.assess(
        facts,
        {c.id: ClaimStatus.CONFIRMED for c in facts},
        {c.id: c.confirmed_at or _NEVER for c in rows},
        sides,
    )


def _claimed(live) -> tuple[rules.Claimed, ...]:
    claimant_sides = live.order_by().values_list("claimant_side", flat=True).distinct()
    latest = [
        live.filter(claimant_side=side).order_by("-stated_on", "-date", "-id")
        .only(*FACT_FIELDS).first()
        for side in list(claimant_sides)
    ]  # fmt: skip
    latest = [c for c in latest if c is not None]
    return rules.latest_claims(claim_facts(latest), {c.id: c.status for c in latest})


def _flags(live, assessed: rules.Assessed) -> tuple[str, ...]:
    """rules.flags_for, asked of the database: only unverified captures and denials can
    raise the flag, and only a few distinct (claimant side, kind, side) among them."""
    unverified = live.filter(
        status=ClaimStatus.UNVERIFIED, kind__in=[ClaimKind.CAPTURE, ClaimKind.DENIAL]
    )
    if assessed.state == SettlementState.UNKNOWN:
        shapes = unverified.order_by().values_list("claimant_side", "kind", "side").distinct()
        facts = [
            rules.ClaimFact(i, 0, claimant_side, kind, side, dt.date.min)
            for i, (claimant_side, kind, side) in enumerate(shapes)
        ]
        statuses = {c.id: ClaimStatus.UNVERIFIED for c in facts}
        return rules.flags_for(facts, statuses, assessed)
    against = unverified.filter(
        Q(kind=ClaimKind.CAPTURE) & ~Q(side=assessed.side)
        | Q(kind=ClaimKind.DENIAL, side=assessed.side)
    )
    if assessed.basis:
        against = against.filter(date__gte=assessed.basis[0].date)
    return (DISPUTED_CLAIMS,) if against.exists() else ()
