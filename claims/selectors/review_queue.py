"""Reads for the review queue and the editor's pages about one claim: the queue's joins,
ordering and the article-text window are fixed here, once."""

from django.db.models import F, IntegerField, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from claims.models import Claim

# Characters of article text loaded on either side of a claim's evidence: enough for the
# paragraph of a wire story, and bounded however long the article is.
EXCERPT_RADIUS = 800


def review_queue() -> QuerySet[Claim]:
    """Unverified claims, newest first, each with a window of its article's text.

    `excerpt` is the article text from `excerpt_start` (a 0-based offset) to
    EXCERPT_RADIUS characters past the evidence; the full text is never loaded.
    """
    return (
        Claim.objects.unreviewed()
        .select_related("article", "article__outlet", "settlement", "conflict", "claimant")
        .defer("article__text")
        .annotate(
            excerpt_start=Greatest(
                F("evidence_start") - EXCERPT_RADIUS, Value(0), output_field=IntegerField()
            )
        )
        .annotate(
            excerpt=Substr(
                "article__text",
                F("excerpt_start") + 1,
                F("evidence_end") - F("excerpt_start") + EXCERPT_RADIUS,
            )
        )
        .order_by("-created_at", "-id")
    )


def claims_waiting_count() -> int:
    """How many claims wait for a first review."""
    return Claim.objects.unreviewed().count()


def claim_for_review(*, claim_id: int) -> Claim:
    """One claim with what the review and correction pages show; raises Claim.DoesNotExist."""
    return (
        Claim.objects.select_related("article", "article__outlet", "settlement", "conflict")
        .prefetch_related("conflict__sides")
        .defer("article__text")
        .get(pk=claim_id)
    )
