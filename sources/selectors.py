"""Reads for sources."""

from django.db.models import Count, Q, QuerySet

from sources.models import Article


def article_list(*, status: str | None = None) -> QuerySet[Article]:
    qs = Article.objects.select_related("outlet", "conflict").annotate(
        claim_count=Count("claims", filter=~Q(claims__status="superseded"))
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-published", "-id")


def article_get(*, article_id: int) -> Article:
    return Article.objects.select_related("outlet", "conflict").get(pk=article_id)
