"""schema.org ClaimReview for a reviewed claim: what search engines and fact-check
aggregators read (https://schema.org/ClaimReview). Built once here for the claim page and
the API, so both say the same."""

from django.conf import settings

from claims.models import Claim, Review
from claims.selectors.claims import review_history_prefetch
from claims.vocabulary import ClaimStatus, ReviewVerdict

# A confirmed claim is rated true, a disputed one false, on schema.org's 1-5 scale; the
# words are in alternateName, which is what readers of ClaimReview show.
RATINGS: dict[str, tuple[int, str]] = {
    ReviewVerdict.CONFIRM: (5, "Confirmed by ConflictWatch editors"),
    ReviewVerdict.DISPUTE: (1, "Disputed by ConflictWatch editors"),
}
REVIEWED = (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED)


def claim_for_page(*, claim_id: int) -> Claim:
    """One claim with its article, outlet, settlement and reviews; Claim.DoesNotExist."""
    return (
        Claim.objects.select_related("article", "article__outlet", "settlement", "claimant")
        .defer("article__text")
        .prefetch_related(review_history_prefetch())
        .get(pk=claim_id)
    )


def claim_summary(claim: Claim) -> str:
    about = f" by {claim.side}" if claim.side else ""
    return (
        f"{claim.claimant_name} ({claim.claimant_side}): {claim.kind}{about} "
        f"of {claim.settlement.name}"
    )


def claim_review_jsonld(claim: Claim, *, page_url: str) -> dict | None:
    """The ClaimReview of a confirmed or disputed claim, or None for any other claim
    (nothing was reviewed, or it was reset or superseded)."""
    reviews = claim.reviews.all()
    latest: Review | None = max(reviews, key=lambda r: (r.created_at, r.id), default=None)
    if claim.status not in REVIEWED or latest is None or latest.verdict not in RATINGS:
        return None
    value, words = RATINGS[latest.verdict]
    article = claim.article
    appearance: dict[str, object] = {"@type": "NewsArticle", "headline": article.title,
                  "datePublished": article.published.date().isoformat()}  # fmt: skip
    if article.url:
        appearance["url"] = article.url
    if article.outlet is not None:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": claim.evidence,
        "datePublished": latest.created_at.date().isoformat(),
        "author": {"@type": "Organization", "name": settings.CLAIM_REVIEW_PUBLISHER},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words,
        },
        "itemReviewed": {
            "@type": "Claim",
            "name": claim_summary(claim),
            "author": {"@type": "Organization", "name": claim.claimant_name},
            "datePublished": claim.stated_on.isoformat(),
            "appearance": appearance,
        },
    }
