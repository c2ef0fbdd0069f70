"""Writes for claims, by subdomain: extraction results, reviews,
corrections, and the stored settlement status they keep current."""

from claims.services.corrections import (
    claim_correct,
    claims_merge,
    settlement_provisional_resolve,
)
from claims.services.extraction import (
    article_extract,
    claims_replace_for_article,
    settlement_provisional_get_or_create,
)
from claims.services.reviews import review_add, reviews_confirm_bulk
from claims.status.derive import status_compute as settlement_status_compute
from claims.status.store import settlement_status_refresh

__all__ = [
    "article_extract",
    "claim_correct",
    "claims_merge",
    "claims_replace_for_article",
    "review_add",
    "reviews_confirm_bulk",
    "settlement_provisional_get_or_create",
    "settlement_provisional_resolve",
    "settlement_status_compute",
    "settlement_status_refresh",
]
