"""A settlement's status, derived from its claims and their reviews (shared/DESIGN.md,
"Settlement status"). Pure functions over plain data: no database, no clock.

The current status and the status as of a past date are the same computation over
different inputs: `as_of` keeps the claims stated and the reviews made on or before the
date, and rewinds editors' corrections made after it (`rewind`). `timeline` is `as_of` for
every day the answer can change (claims.status.timeline), which is what
claims.status.store keeps as history.

`Status` is the one shape: `status_json` is its only serialisation and `status_from_json`
reads it back (stored rows hold the JSON).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from claims.vocabulary import (
    DISPUTED_CLAIMS,
    MERGED_FROM,
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
)

# A claim's status is its latest review's verdict (DESIGN.md, "Verification"). Keyed by str:
# rows and facts hold the verdict's plain value, which finds its StrEnum member's entry.
VERDICT_STATUS: Mapping[str, ClaimStatus] = {
    ReviewVerdict.CONFIRM: ClaimStatus.CONFIRMED,
    ReviewVerdict.DISPUTE: ClaimStatus.DISPUTED,
    ReviewVerdict.RESET: ClaimStatus.UNVERIFIED,
}
# The claim fields a correction may change, which `rewind` can put back.
CORRECTABLE = ("settlement_id", "claimant_side", "kind", "side")


@dataclass(frozen=True)
class ClaimFact:
    id: int
    settlement_id: int
    claimant_side: str
    kind: str
    side: str
    stated_on: dt.date
    event_date: dt.date | None = None
    superseded: bool = False

    @property
    def date(self) -> dt.date:
        """When the claim says it happened, else when it was stated."""
        return self.event_date or self.stated_on


@dataclass(frozen=True)
class ReviewFact:
    id: int
    claim_id: int
    verdict: str
    at: dt.datetime
    # The claim it was written for, if a merge has since moved it to `claim_id`.
    origin: int | None = None


@dataclass(frozen=True)
class CorrectionFact:
    id: int
    claim_id: int
    # {field: [before, after]}; MERGED_FROM holds [snapshot of a merged-away claim, None].
    changes: dict
    at: dt.datetime
    origin: int | None = None

    @property
    def written_for(self) -> int:
        return self.origin or self.claim_id


@dataclass(frozen=True)
class Assessed:
    state: str = SettlementState.UNKNOWN
    side: str = ""
    since: dt.date | None = None
    basis: tuple[ClaimFact, ...] = ()


@dataclass(frozen=True)
class Claimed:
    side: str
    kind: str
    stated_on: dt.date
    status: str
    claim: int


@dataclass(frozen=True)
class Status:
    assessed: Assessed = field(default_factory=Assessed)
    claimed: tuple[Claimed, ...] = ()
    flags: tuple[str, ...] = ()


def claim_review_status(reviews: Iterable[ReviewFact]) -> ClaimStatus:
    """A claim's status is its latest review's verdict; no review (or a reset) is unverified.
    Latest is by time, then id (of two reviews in one instant, the one written last).

    The one verdict-to-status rule: every service that stores a claim's status from its
    reviews (a review, a bulk confirm, a merge, re-extraction finding a superseded claim
    again) asks this function."""
    latest = max(reviews, key=lambda r: (r.at, r.id), default=None)
    return VERDICT_STATUS[latest.verdict] if latest else ClaimStatus.UNVERIFIED


def rewind(
    claims: Iterable[ClaimFact], corrections: Iterable[CorrectionFact], *, after: dt.datetime
) -> list[ClaimFact]:
    """The claims with the values they had before the corrections made after `after`:
    each such correction's `before` values are put back, newest correction first."""
    later = sorted((c for c in corrections if c.at > after), key=lambda c: (c.at, c.id))
    by_claim: dict[int, list[CorrectionFact]] = {}
    for correction in later:
        by_claim.setdefault(correction.written_for, []).append(correction)
    rewound = []
    for claim in claims:
        for correction in reversed(by_claim.get(claim.id, [])):
            before = {
                name: change[0]
                for name, change in correction.changes.items()
                if name in CORRECTABLE and isinstance(change, list | tuple) and len(change) == 2
            }
            claim = replace(claim, **before)
        rewound.append(claim)
    return rewound


def _opponent(side: str, sides: frozenset[str]) -> str | None:
    """The other side, in a conflict with exactly two."""
    others = sides - {side}
    return next(iter(others)) if len(sides) == 2 and len(others) == 1 else None


def _apply(state: Assessed, claim: ClaimFact, sides: frozenset[str]) -> Assessed:
    """The assessment after one more confirmed claim, taken in date order."""
    if claim.kind == ClaimKind.CAPTURE:
        return Assessed(SettlementState.CONTROLLED, claim.side, claim.date, (claim,))
    if claim.kind == ClaimKind.WITHDRAWAL:
        opponent = _opponent(claim.side, sides)
        if opponent is not None:
            return Assessed(SettlementState.CONTROLLED, opponent, claim.date, (claim,))
        if state.side and state.side != claim.side:
            # Another side leaving does not end the holder's control; while contested, it
            # settles it again for the holder.
            if state.state == SettlementState.CONTESTED:
                return Assessed(
                    SettlementState.CONTROLLED, state.side, claim.date, (*state.basis, claim)
                )
            return state
        # More than two sides: S's control ends, and nobody is named as the new holder.
        return Assessed(SettlementState.UNKNOWN, "", claim.date, (claim,))
    challenges = claim.kind == ClaimKind.CONTESTED or (
        claim.kind == ClaimKind.DENIAL and claim.side == state.side
    )
    if challenges and state.side:
        since = state.since if state.state == SettlementState.CONTESTED else claim.date
        return Assessed(SettlementState.CONTESTED, state.side, since, (*state.basis, claim))
    return state


def assess(
    claims: Iterable[ClaimFact], statuses: Mapping[int, str], confirmed_at: dict[int, dt.datetime],
    sides: frozenset[str],
) -> Assessed:  # fmt: skip
    """From confirmed claims only, by date (ties: the later confirmation wins)."""
    confirmed = sorted(
        (c for c in claims if statuses.get(c.id) == ClaimStatus.CONFIRMED),
        key=lambda c: (c.date, confirmed_at[c.id], c.id),
    )
    state = Assessed()
    for claim in confirmed:
        state = _apply(state, claim, sides)
    return state


def latest_claims(claims: Iterable[ClaimFact], statuses: Mapping[int, str]) -> tuple[Claimed, ...]:
    """Each claimant side's latest claim; the sides in key order, third-party last."""
    latest: dict[str, ClaimFact] = {}
    for claim in claims:
        key = (claim.stated_on, claim.date, claim.id)
        held = latest.get(claim.claimant_side)
        if held is None or key > (held.stated_on, held.date, held.id):
            latest[claim.claimant_side] = claim
    order = sorted(latest, key=lambda side: (side == THIRD_PARTY, side))
    return tuple(
        Claimed(
            side,
            latest[side].kind,
            latest[side].stated_on,
            statuses[latest[side].id],
            latest[side].id,
        )  # fmt: skip
        for side in order
    )


def _conflicting(unconfirmed: list[ClaimFact]) -> bool:
    """One side claims a capture that another side denies or claims for itself."""
    captures = [c for c in unconfirmed if c.kind == ClaimKind.CAPTURE]
    for capture in captures:
        for other in unconfirmed:
            if other.claimant_side == capture.claimant_side:
                continue
            if other.kind == ClaimKind.DENIAL and other.side == capture.side:
                return True
            if other.kind == ClaimKind.CAPTURE and other.side != capture.side:
                return True
    return False


def flags_for(
    claims: Iterable[ClaimFact], statuses: Mapping[int, str], assessed: Assessed
) -> tuple[str, ...]:
    """`disputed-claims`: unverified claims against the assessment (or, while unknown,
    against each other). Claims editors disputed never count. While a side holds the
    settlement, only claims dated on or after its control began are weighed: an older
    claim is history, not a challenge to the present holder."""
    unverified = [c for c in claims if statuses.get(c.id) == ClaimStatus.UNVERIFIED]
    if assessed.state == SettlementState.UNKNOWN:
        return (DISPUTED_CLAIMS,) if _conflicting(unverified) else ()
    control_began = assessed.basis[0].date if assessed.basis else None
    for claim in unverified:
        if control_began and claim.date < control_began:
            continue
        if (claim.kind == ClaimKind.CAPTURE and claim.side != assessed.side) or (
            claim.kind == ClaimKind.DENIAL and claim.side == assessed.side
        ):
            return (DISPUTED_CLAIMS,)
    return ()


def compute(
    *, claims: Iterable[ClaimFact], reviews: Iterable[ReviewFact], sides: Iterable[str]
) -> Status:
    """The status of one settlement from its claims and their reviews. Superseded claims
    are left out; `sides` are the conflict's side keys (the withdrawal rule needs them)."""
    live = [c for c in claims if not c.superseded]
    by_claim: dict[int, list[ReviewFact]] = {c.id: [] for c in live}
    for review in reviews:
        if review.claim_id in by_claim:
            by_claim[review.claim_id].append(review)
    statuses = {cid: claim_review_status(rs) for cid, rs in by_claim.items()}
    confirmed_at = {
        cid: max((r.at for r in rs), default=dt.datetime.min.replace(tzinfo=dt.UTC))
        for cid, rs in by_claim.items()
    }
    assessed = assess(live, statuses, confirmed_at, frozenset(sides))
    return Status(
        assessed=assessed,
        claimed=latest_claims(live, statuses),
        flags=flags_for(live, statuses, assessed),
    )


def _ghost(snapshot: dict) -> ClaimFact:
    return ClaimFact(
        id=snapshot["id"],
        settlement_id=snapshot["settlement_id"],
        claimant_side=snapshot["claimant_side"],
        kind=snapshot["kind"],
        side=snapshot["side"],
        stated_on=dt.date.fromisoformat(snapshot["stated_on"]),
        event_date=dt.date.fromisoformat(snapshot["event_date"])
        if snapshot.get("event_date")
        else None,
        superseded=bool(snapshot.get("superseded")),
    )


def as_of(
    *,
    claims: Iterable[ClaimFact],
    reviews: Iterable[ReviewFact],
    corrections: Iterable[CorrectionFact],
    sides: Iterable[str],
    settlement_id: int,
    day: dt.date,
) -> Status:
    """The status as it stood at the end of `day` (UTC): claims stated and reviews made on
    or before it, each claim with the values it had then (later corrections rewound).

    A claim merged into another after the day is brought back from the snapshot its merge
    recorded, with its own reviews and corrections (found by their origin); merged before
    the day, its reviews count for the claim it was merged into.
    """
    end = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    claims, corrections = list(claims), list(corrections)
    survivor_of: dict[int, int] = {}
    ghosts: list[ClaimFact] = []
    for correction in corrections:
        merged = correction.changes.get(MERGED_FROM)
        if not (isinstance(merged, list) and merged and isinstance(merged[0], dict)):
            continue
        survivor_of[merged[0]["id"]] = correction.written_for
        if correction.at > end:
            ghosts.append(_ghost(merged[0]))
    alive = {c.id for c in claims} | {g.id for g in ghosts}

    def owner(review: ReviewFact) -> int:
        claim_id = review.origin or review.claim_id
        while claim_id not in alive and claim_id in survivor_of:
            claim_id = survivor_of[claim_id]
        return claim_id if claim_id in alive else review.claim_id

    then = [
        c
        for c in rewind([*claims, *ghosts], corrections, after=end)
        if c.settlement_id == settlement_id and c.stated_on <= day
    ]
    made = [replace(r, claim_id=owner(r)) for r in reviews if r.at <= end]
    return compute(claims=then, reviews=made, sides=sides)


def status_json(status: Status) -> dict:
    """The API's shape (without `as_of`)."""
    assessed = status.assessed
    return {
        "assessed": {
            "state": assessed.state,
            "side": assessed.side or None,
            "since": assessed.since.isoformat() if assessed.since else None,
            "claims": [basis_json(c) for c in assessed.basis],
        },
        "claimed": [
            {
                "side": c.side,
                "kind": c.kind,
                "stated_on": c.stated_on.isoformat(),
                "status": c.status,
                "claim": c.claim,
            }  # fmt: skip
            for c in status.claimed
        ],
        "flags": list(status.flags),
    }


def basis_json(claim: ClaimFact) -> dict:
    return {
        "id": claim.id,
        "claimant_side": claim.claimant_side,
        "kind": claim.kind,
        "side": claim.side or None,
        "date": claim.date.isoformat(),
    }


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def status_from_json(body: dict) -> Status:
    """`status_json`'s inverse."""
    assessed = body["assessed"]
    return status_from_parts(
        state=assessed["state"], side=assessed["side"] or "",
        since=_date_or_none(assessed["since"]), basis=assessed["claims"],
        claimed=body["claimed"], flags=body["flags"],
    )  # fmt: skip


def status_from_parts(
    *, state: str, side: str, since: dt.date | None, basis: list, claimed: list, flags: list
) -> Status:
    """A status from stored columns (`basis` and `claimed` as `status_json` writes them).
    A basis claim comes back with its date as its stated date: the rules only ever read
    `date` of a basis claim."""
    facts = tuple(
        ClaimFact(
            id=c["id"],
            settlement_id=0,
            claimant_side=c["claimant_side"],
            kind=c["kind"],
            side=c["side"] or "",
            stated_on=dt.date.fromisoformat(c["date"]),
        )  # fmt: skip
        for c in basis
    )
    return Status(
        assessed=Assessed(state=state, side=side or "", since=since, basis=facts),
        claimed=tuple(
            Claimed(
                c["side"], c["kind"], dt.date.fromisoformat(c["stated_on"]), c["status"], c["claim"]
            )  # fmt: skip
            for c in claimed
        ),
        flags=tuple(flags),
    )


def day_of(at: dt.datetime) -> dt.date:
    """The UTC day a review or correction counts from (as_of's days end at UTC midnight)."""
    return at.astimezone(dt.UTC).date()
