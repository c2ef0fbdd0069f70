"""Words the reference data shares with the claim ledger. No Django imports (claims.vocabulary
re-exports these beside its own enums)."""

import enum


class SideKey(enum.StrEnum):
    """Side keys with a fixed meaning. A conflict's own sides ("russia", "rsf") are data."""

    # A claimant who belongs to no side (analysts, monitors, journalists). Never a Side row.
    THIRD_PARTY = "third-party"


THIRD_PARTY = SideKey.THIRD_PARTY
