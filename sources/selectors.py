"""Reads for sources."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from conflictwatch.core.search import text_search
from sources.models import Article, Feed, Fetch


def article_list(*, status: str | None = None, q: str = "") -> QuerySet[Article]:
    """Articles, newest first, with their live claim count; `q`: those whose title or text
    has every word of it (full text, article_text_fts_idx)."""
    qs = Article.objects.select_related("outlet", "conflict").annotate(
        claim_count=Count("claims", filter=~Q(claims__status="superseded"))
    )
    if status:
        qs = qs.filter(status=status)
    if q.strip():
        qs = text_search(qs, fields=("title", "text"), q=q.strip())
    return qs.order_by("-published", "-id")


def article_get(*, article_id: int) -> Article:
    return Article.objects.select_related("outlet", "conflict").get(pk=article_id)


WAITING_FETCHES = [Fetch.Status.PENDING, Fetch.Status.FETCHING]


def fetch_get(*, fetch_id: int) -> Fetch:
    return Fetch.objects.select_related("feed", "article", "conflict").get(pk=fetch_id)


def fetch_list(*, status: str | None = None) -> QuerySet[Fetch]:
    qs = Fetch.objects.select_related("feed", "conflict")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def feed_list() -> QuerySet[Feed]:
    """Feeds with how many fetches each is still waiting on or lost, for the health view."""
    return (
        Feed.objects.select_related("outlet", "conflict")
        .annotate(
            fetches_waiting=Count("fetches", filter=Q(fetches__status__in=WAITING_FETCHES)),
            fetches_failed=Count("fetches", filter=Q(fetches__status=Fetch.Status.FAILED)),
        )
        .order_by("url")
    )


def _oldest_age_seconds(qs, field_name: str) -> float | None:
    oldest = qs.order_by(field_name).values_list(field_name, flat=True).first()
    return None if oldest is None else round((timezone.now() - oldest).total_seconds(), 1)


def pipeline_counts() -> dict:
    """What the ingestion pipeline holds: articles and fetches by status, how long the
    oldest waiting one has waited, and feeds by health. Read by /readyz and
    `manage.py pipeline_status`."""
    articles = dict(
        Article.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    fetches = dict(
        Fetch.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    feeds = {health: 0 for health in Feed.Health.values}
    for feed in Feed.objects.only("active", "consecutive_failures", "last_success_at"):
        feeds[feed.health] += 1
    return {
        "articles": {s: articles.get(s, 0) for s in Article.Status.values},
        "fetches": {s: fetches.get(s, 0) for s in Fetch.Status.values},
        "feeds": feeds,
        "oldest_pending_article_seconds": _oldest_age_seconds(
            Article.objects.waiting(), "status_changed_at"
        ),
        "oldest_pending_fetch_seconds": _oldest_age_seconds(
            Fetch.objects.filter(status__in=WAITING_FETCHES), "status_changed_at"
        ),
    }
