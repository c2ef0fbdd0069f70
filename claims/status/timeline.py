"""The status as of every day it can change: what claims.status.store keeps as history.
Pure functions over the rules' facts (claims.status.rules); no database, no clock.

`timeline` answers `rules.as_of` for each change day. With no corrections in the record
(no rewinds, no merged-away claims to bring back) it sweeps the days once, keeping what
the rules read up to date as claims and reviews arrive, instead of deriving every day
from scratch: the history of a settlement with thousands of claims is then built in
seconds. tests/claims/test_status_property.py holds both ways to `rules.as_of`.
"""

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from claims.status.rules import (
    VERDICT_STATUS,
    ClaimFact,
    CorrectionFact,
    ReviewFact,
    Status,
    _conflicting,
    as_of,
    assess,
    day_of,
    latest_claims,
)
from claims.vocabulary import (
    DISPUTED_CLAIMS,
    MERGED_FROM,
    ClaimKind,
    ClaimStatus,
    SettlementState,
)


def change_days(
    claims: Iterable[ClaimFact],
    reviews: Iterable[ReviewFact],
    corrections: Iterable[CorrectionFact],
) -> list[dt.date]:
    """The days on which `as_of` can answer differently from the day before: a claim
    stated (a merged-away one too), a review or a correction made."""
    days = {c.stated_on for c in claims}
    days |= {day_of(r.at) for r in reviews}
    for correction in corrections:
        days.add(day_of(correction.at))
        merged = correction.changes.get(MERGED_FROM)
        if isinstance(merged, list) and merged and isinstance(merged[0], dict):
            days.add(dt.date.fromisoformat(merged[0]["stated_on"]))
    return sorted(days)


def timeline(
    *,
    claims: Iterable[ClaimFact],
    reviews: Iterable[ReviewFact],
    corrections: Iterable[CorrectionFact],
    sides: Iterable[str],
    settlement_id: int,
    since: dt.date | None = None,
) -> list[tuple[dt.date, Status]]:
    """(day, status as of that day) for each change day from `since` on, in day order.
    Between two change days the status as of any day is that of the earlier one."""
    claims, reviews, corrections = list(claims), list(reviews), list(corrections)
    sides = frozenset(sides)
    days = [d for d in change_days(claims, reviews, corrections) if since is None or d >= since]
    if not corrections:
        return _sweep(claims, reviews, sides, settlement_id, days)
    return [
        (
            day,
            as_of(
                claims=claims,
                reviews=reviews,
                corrections=corrections,
                sides=sides,
                settlement_id=settlement_id,
                day=day,
            ),
        )  # fmt: skip
        for day in days
    ]


class _Ledger:
    """What the rules read of the claims stated and reviews made so far, kept as they come."""

    def __init__(self, claims: list[ClaimFact]):
        self.known = {c.id: c for c in claims}
        self.included: dict[int, ClaimFact] = {}
        self.status: dict[int, str] = {}
        self.confirmed_at: dict[int, dt.datetime] = {}
        self.latest: dict[str, ClaimFact] = {}
        # Included, confirmed, not advances (which never move the assessment), by date.
        self.confirmed: dict[dt.date, set[int]] = defaultdict(set)
        self.capture_days: Counter[dt.date] = Counter()
        # Included, unverified captures and denials: the only claims a flag can rest on.
        self.unverified: set[int] = set()
        self.shapes: Counter[tuple[str, str, str]] = Counter()

    def _place(self, claim: ClaimFact, sign: int) -> None:
        status = self.status.get(claim.id, ClaimStatus.UNVERIFIED)
        if status == ClaimStatus.CONFIRMED and claim.kind != ClaimKind.ADVANCE:
            (self.confirmed[claim.date].add if sign > 0 else self.confirmed[claim.date].discard)(
                claim.id
            )
            if claim.kind == ClaimKind.CAPTURE:
                self.capture_days[claim.date] += sign
        if status == ClaimStatus.UNVERIFIED and claim.kind in (ClaimKind.CAPTURE, ClaimKind.DENIAL):
            (self.unverified.add if sign > 0 else self.unverified.discard)(claim.id)
            self.shapes[(claim.claimant_side, claim.kind, claim.side)] += sign

    def state(self, claim: ClaimFact) -> None:
        self.included[claim.id] = claim
        self._place(claim, +1)
        key = (claim.stated_on, claim.date, claim.id)
        held = self.latest.get(claim.claimant_side)
        if held is None or key > (held.stated_on, held.date, held.id):
            self.latest[claim.claimant_side] = claim

    def review(self, review: ReviewFact) -> None:
        claim_id = review.origin or review.claim_id
        if claim_id not in self.known:
            claim_id = review.claim_id
        claim = self.included.get(claim_id)
        if claim is not None:
            self._place(claim, -1)
        # Reviews arrive by (time, id): this one is the latest and the latest time so far.
        self.status[claim_id] = VERDICT_STATUS[review.verdict]
        self.confirmed_at[claim_id] = review.at
        if claim is not None:
            self._place(claim, +1)

    def status_now(self, sides: frozenset[str]) -> Status:
        days = sorted(d for d, ids in self.confirmed.items() if ids)
        captures = [d for d, n in self.capture_days.items() if n > 0]
        start = bisect.bisect_left(days, max(captures)) if captures else 0
        window = [self.included[i] for d in days[start:] for i in self.confirmed[d]]
        assessed = assess(
            window, {c.id: ClaimStatus.CONFIRMED for c in window}, self.confirmed_at, sides
        )
        latest = list(self.latest.values())
        claimed = latest_claims(
            latest, {c.id: self.status.get(c.id, ClaimStatus.UNVERIFIED) for c in latest}
        )
        return Status(assessed=assessed, claimed=claimed, flags=self._flags(assessed))

    def _flags(self, assessed) -> tuple[str, ...]:
        # rules.flags_for over the claims that can raise the flag.
        if assessed.state == SettlementState.UNKNOWN:
            shapes = [
                ClaimFact(i, 0, claimant_side, kind, side, dt.date.min)
                for i, ((claimant_side, kind, side), n) in enumerate(self.shapes.items())
                if n > 0
            ]
            return (DISPUTED_CLAIMS,) if _conflicting(shapes) else ()
        began = assessed.basis[0].date if assessed.basis else None
        for claim_id in self.unverified:
            claim = self.included[claim_id]
            if began and claim.date < began:
                continue
            if (claim.kind == ClaimKind.CAPTURE and claim.side != assessed.side) or (
                claim.kind == ClaimKind.DENIAL and claim.side == assessed.side
            ):
                return (DISPUTED_CLAIMS,)
        return ()


def _sweep(
    claims: list[ClaimFact],
    reviews: list[ReviewFact],
    sides: frozenset[str],
    settlement_id: int,
    days: list[dt.date],
) -> list[tuple[dt.date, Status]]:
    """`timeline` for a record without corrections, in one pass over the days."""
    live = sorted(
        (c for c in claims if c.settlement_id == settlement_id and not c.superseded),
        key=lambda c: c.stated_on,
    )
    ordered = sorted(reviews, key=lambda r: (r.at, r.id))
    ledger = _Ledger(claims)
    wanted = set(days)
    answers, c, r = [], 0, 0
    stated = {claim.stated_on for claim in live}
    for day in sorted({*days, *stated, *(day_of(x.at) for x in ordered)}):
        while c < len(live) and live[c].stated_on <= day:
            ledger.state(live[c])
            c += 1
        while r < len(ordered) and day_of(ordered[r].at) <= day:
            ledger.review(ordered[r])
            r += 1
        if day in wanted:
            answers.append((day, ledger.status_now(sides)))
    return answers
