"""The claim ledger: claims, their reviews and corrections, the settlement status they make,
and the change feed. The conflicts, sides, actors and settlements claims point at are
reference data (gazetteer.models).

Vocabulary and rules: shared/DESIGN.md; the shared words (kinds, statuses, verdicts, states,
the third-party key) are claims.vocabulary's enums, and the choices and check constraints
here are built from them. Side keys are stored as strings on claims because
`third-party` is not a side but is a valid claimant side, and a claim's identity includes
both side keys; services check them against the conflict's sides.
"""

from claims.models.changes import Change
from claims.models.choices import vocabulary_choices
from claims.models.claim import (
    CLAIM_CORRECTED_FIELDS,
    CLAIM_FIXED_FIELDS,
    AppendOnlyError,
    Claim,
    ClaimQuerySet,
)
from claims.models.records import ClaimRecord, ClaimRecordQuerySet, Correction, Review
from claims.models.status import SettlementStatus, SettlementStatusChange, StatusRecord

__all__ = [
    "CLAIM_CORRECTED_FIELDS",
    "CLAIM_FIXED_FIELDS",
    "AppendOnlyError",
    "Change",
    "Claim",
    "ClaimQuerySet",
    "ClaimRecord",
    "ClaimRecordQuerySet",
    "Correction",
    "Review",
    "SettlementStatus",
    "SettlementStatusChange",
    "StatusRecord",
    "vocabulary_choices",
]
