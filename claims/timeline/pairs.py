"""Claim pairs and each side's position.

A denial answers the claim recorded on it (Claim.answers, kept by claims.services.answers):
an opposing capture of the same settlement in the same article, else the latest one made
shortly before.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from claims.timeline.facts import TimelineClaim
from claims.vocabulary import THIRD_PARTY, ClaimKind, ClaimStatus


def denial_pairs(claims: Iterable[TimelineClaim]) -> dict[int, int]:
    """{denial id: id of the claim it answers}, for denials whose answer is among `claims`
    (an as-of view leaves out later claims, and with them their pairs)."""
    claims = list(claims)
    ids = {claim.id for claim in claims}
    return {
        claim.id: claim.answers_id
        for claim in claims
        if claim.kind == ClaimKind.DENIAL and claim.answers_id in ids
    }


def answered_by(pairs: dict[int, int]) -> dict[int, list[int]]:
    """The other way round: {capture id: [ids of the denials that answer it]}."""
    result: dict[int, list[int]] = {}
    for denial, capture in sorted(pairs.items()):
        result.setdefault(capture, []).append(denial)
    return result


# What an analyst asks of each side: what it says now, and its latest word on control.
POSITION_KINDS = (ClaimKind.CAPTURE, ClaimKind.DENIAL, ClaimKind.WITHDRAWAL)


@dataclass
class SidePosition:
    side: str
    latest: TimelineClaim
    # kind -> that side's latest claim of the kind (capture, denial, withdrawal).
    by_kind: dict[str, TimelineClaim] = field(default_factory=dict)

    @property
    def positions(self) -> list[TimelineClaim]:
        """The latest claim of each position kind, in POSITION_KINDS order."""
        return [self.by_kind[kind] for kind in POSITION_KINDS if kind in self.by_kind]

    @property
    def earlier_positions(self) -> list[TimelineClaim]:
        """`positions` without the latest claim (shown on its own)."""
        return [claim for claim in self.positions if claim.id != self.latest.id]


def side_positions(claims: Iterable[TimelineClaim]) -> list[SidePosition]:
    """Per claimant side, its latest claim and its latest capture, denial and withdrawal
    claims; sides in key order, third parties last. Superseded claims are left out."""
    result: dict[str, SidePosition] = {}
    for claim in sorted(claims, key=lambda c: (c.stated_on, c.date, c.id)):
        if claim.status == ClaimStatus.SUPERSEDED:
            continue
        position = result.get(claim.claimant_side)
        if position is None:
            position = result[claim.claimant_side] = SidePosition(claim.claimant_side, claim)
        position.latest = claim
        if claim.kind in POSITION_KINDS:
            position.by_kind[claim.kind] = claim
    return [result[key] for key in sorted(result, key=lambda k: (k == THIRD_PARTY, k))]
