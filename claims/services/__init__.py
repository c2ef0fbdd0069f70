"""Writes for claims, by subdomain: extraction results, reference data."""

from claims.services.extraction import (
    article_extract,
    claims_replace_for_article,
    settlement_provisional_get_or_create,
)
from claims.services.reference import reference_data_load, roles_ensure

__all__ = [
    "article_extract",
    "claims_replace_for_article",
    "reference_data_load",
    "roles_ensure",
    "settlement_provisional_get_or_create",
]
