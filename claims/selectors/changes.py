"""Reads for the change feed: the entries after a cursor, in the order they committed."""

from django.db.models import QuerySet

from claims.models import Change


def change_list(*, after: int = 0, entity: str | None = None) -> QuerySet[Change]:
    """Entries with an id above `after`, in id order (the order they committed in)."""
    qs = Change.objects.filter(id__gt=after)
    if entity:
        qs = qs.filter(entity=entity)
    return qs.order_by("id")


def change_latest_id() -> int:
    """The newest entry's id (0 when the feed is empty): a version of everything fed."""
    return Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
