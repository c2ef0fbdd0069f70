"""Template context for every page: what the header shows editors."""

from django.utils.functional import SimpleLazyObject

from claims.selectors.review_queue import claims_waiting_count


def review_nav(request) -> dict:
    """`review_waiting_count` for the header's "Review (N)" link. Lazy: the count query runs
    only on pages that show the link, that is for users who may review."""
    return {"review_waiting_count": SimpleLazyObject(claims_waiting_count)}
