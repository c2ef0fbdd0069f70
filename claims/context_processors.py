"""Template context for every page: what the header shows editors, and side names."""

from django.utils.functional import SimpleLazyObject

from claims.selectors.review_queue import claims_waiting_count
from gazetteer.selectors import side_names


def review_nav(request) -> dict:
    """`review_waiting_count` for the header's "Review (N)" link. Lazy: the count query runs
    only on pages that show the link, that is for users who may review."""
    return {"review_waiting_count": SimpleLazyObject(claims_waiting_count)}


def side_labels(request) -> dict:
    """`side_names` (key -> display name) for the `side_name` filter. Lazy: one query, on
    the pages that name a side."""
    return {"side_names": SimpleLazyObject(side_names)}
