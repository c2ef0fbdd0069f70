import datetime as dt
from dataclasses import dataclass, field

# Bump when rules change: claims carry it, and `reextract` compares against it.
EXTRACTOR_VERSION = "0.6.0"


@dataclass(frozen=True)
class ExtractedClaim:
    # A gazetteer settlement's id, or None for a provisional name (settlement_name).
    settlement_id: int | None
    settlement_name: str
    settlement_mention: str
    country: str
    claimant_actor_id: int | None
    claimant_name: str
    claimant_side: str
    kind: str
    side: str
    evidence: str
    evidence_start: int
    evidence_end: int
    event_date: dt.date | None
    confidence: float


@dataclass
class ExtractionResult:
    conflict_key: str | None
    language: str
    claims: list[ExtractedClaim] = field(default_factory=list)
    # What extraction could not do (unsupported language, truncation), for the article page.
    notes: list[str] = field(default_factory=list)
