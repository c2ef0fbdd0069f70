"""Reads, by subdomain: `settlements` (search, one settlement, its status now or as of a
date), `claims` (claims and their review and correction history) and `review_queue` (the
editor's queue and claim pages).

The settlement and claim reads are re-exported here, so `from claims.selectors import
claim_list` keeps working for other apps. The review queue's reads are imported from
`claims.selectors.review_queue` itself: re-exporting its `review_queue()` here would hide
the submodule of the same name.
"""

from claims.selectors.claims import (
    claim_list,
    correction_list,
    review_history_prefetch,
    review_list,
)
from claims.selectors.settlements import (
    QUERY_MIN_CHARS,
    settlement_get,
    settlement_list,
    settlement_query_check,
    settlement_status,
    stored_status_json,
)

__all__ = [
    "QUERY_MIN_CHARS",
    "claim_list",
    "correction_list",
    "review_history_prefetch",
    "review_list",
    "settlement_get",
    "settlement_list",
    "settlement_query_check",
    "settlement_status",
    "stored_status_json",
]
