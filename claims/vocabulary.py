"""The product's shared words (shared/DESIGN.md, "Vocabulary", "Verification", "Settlement
status"), defined once.

Models build their choices and check constraints from these enums, and the status rules,
services, extraction, commands and tests compare against them, so a kind, a status or a
verdict is spelt in one place. No Django imports: the pure rules (claims.status) and the
extraction engine use this module without loading the ORM.

The values are what the database, the API and the reference files hold; changing one is a
data migration, not a rename.
"""

import enum

# Side keys belong to the reference data (gazetteer); the ledger uses them as its own words.
from gazetteer.vocabulary import THIRD_PARTY as THIRD_PARTY
from gazetteer.vocabulary import SideKey as SideKey


class ClaimKind(enum.StrEnum):
    """What a claim says happened to a settlement (DESIGN.md, "Claim kinds")."""

    CAPTURE = "capture"
    DENIAL = "denial"
    # About no side: fighting goes on and control is not settled.
    CONTESTED = "contested"
    WITHDRAWAL = "withdrawal"
    ADVANCE = "advance"


class ClaimStatus(enum.StrEnum):
    """Where a claim stands with editors: its latest review's verdict, or superseded."""

    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    # Reviewed, and no longer found by the current extractor: kept, left out of status.
    SUPERSEDED = "superseded"


class ReviewVerdict(enum.StrEnum):
    """An editor's review of a claim; `reset` puts it back to unverified."""

    CONFIRM = "confirm"
    DISPUTE = "dispute"
    RESET = "reset"


class SettlementState(enum.StrEnum):
    """The assessed state of a settlement, from confirmed claims only."""

    CONTROLLED = "controlled"
    CONTESTED = "contested"
    UNKNOWN = "unknown"


class StatusFlag(enum.StrEnum):
    """Warnings a settlement's status carries beside its assessment."""

    # Claims not yet confirmed conflict with the assessment (or with each other).
    DISPUTED_CLAIMS = "disputed-claims"


class CorrectionMarker(enum.StrEnum):
    """Keys of a correction's `changes` that are not claim fields."""

    # {MERGED_FROM: [snapshot of the merged-away claim, None]}: a merge, not an edit.
    MERGED_FROM = "merged_from"


# The names used most, importable on their own.
MERGED_FROM = CorrectionMarker.MERGED_FROM
DISPUTED_CLAIMS = StatusFlag.DISPUTED_CLAIMS


def values(vocabulary: type[enum.StrEnum]) -> list[str]:
    """The plain string values, in declaration order (for check constraints)."""
    return [member.value for member in vocabulary]
