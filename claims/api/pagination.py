"""Pages for the claims list that do not count a million rows to say how many there are."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from conflictwatch.core.pagination import KeysetPagination


def unfiltered_count(queryset: QuerySet) -> int | None:
    """An unfiltered queryset's row count on PostgreSQL in one query: the planner's estimate
    (pg_class.reltuples, kept by autovacuum's ANALYZE) once the table holds
    ESTIMATED_COUNT_FROM rows, where an exact COUNT(*), a full scan, costs more than the
    exactness is worth; an exact count below that. None for a filtered queryset."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or queryset.query.where:
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN reltuples >= %s THEN reltuples::bigint "
            f"ELSE (SELECT COUNT(*) FROM {table}) END FROM pg_class WHERE oid = %s::regclass",
            [settings.ESTIMATED_COUNT_FROM, queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row else None


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        estimate = (
            unfiltered_count(self.object_list) if isinstance(self.object_list, QuerySet) else None
        )
        return estimate if estimate is not None else super().count


class ClaimPagination(KeysetPagination):
    """Keyset pages (`next` is a cursor; claim_list_order_idx is read from it). `count` of
    the unfiltered list is PostgreSQL's estimate once the table holds ESTIMATED_COUNT_FROM
    rows (within a few percent); any filter makes it exact."""

    django_paginator_class = EstimatedCountPaginator

    def count_rows(self, queryset) -> int:
        return EstimatedCountPaginator(queryset, 1).count
