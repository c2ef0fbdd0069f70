"""Reads for the settlement page: its claims page by page (without article text), the
light rows its timeline picture is drawn from, and which page shows a given claim."""

import datetime as dt

from django.db.models import Q, QuerySet

from claims.models import Claim
from claims.selectors.claims import claim_list, review_history_prefetch
from claims.timeline.facts import FIELDS, TimelineClaim
from gazetteer.models import Side

# The columns the settlement page's claim rows show; the article's text is never loaded.
PAGE_ONLY = (
    *FIELDS,
    "article_id",
    "settlement_id",
    "conflict_id",
    "settlement_mention",
    "claimant_name",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "article__title",
    "article__outlet__name",
    "settlement__name",
)


def settlement_claims_page(*, settlement_id: int) -> QuerySet[Claim]:
    """The settlement's claims in timeline order with their review history, loading only
    what the page shows."""
    return (
        claim_list(settlement_id=settlement_id)
        .select_related(None)
        .select_related("article__outlet", "settlement")
        .only(*PAGE_ONLY)
        .prefetch_related(review_history_prefetch())
    )


def settlement_timeline(*, settlement_id: int, as_of: dt.date | None = None) -> list[TimelineClaim]:
    """Every claim about the settlement as a TimelineClaim, oldest first; with `as_of`,
    those stated on or before that day. One query of seven columns, however many claims."""
    rows = Claim.objects.filter(settlement_id=settlement_id)
    if as_of is not None:
        rows = rows.filter(stated_on__lte=as_of)
    values = rows.order_by("stated_on", "id").values_list(*FIELDS)
    return [TimelineClaim(*row) for row in values]


def settlement_sides(*, settlement_id: int) -> list[str]:
    """The side keys of the conflicts the settlement's claims belong to, by name."""
    conflicts = Claim.objects.filter(settlement_id=settlement_id).values("conflict_id")
    return list(
        Side.objects.filter(conflict_id__in=conflicts)
        .order_by("name", "key")
        .values_list("key", flat=True)
        .distinct()
    )


def claim_position(*, settlement_id: int, claim_id: int) -> int | None:
    """How many of the settlement's claims come before this one in timeline order (for the
    page that shows it); None if the claim is not the settlement's."""
    claim = (
        Claim.objects.filter(settlement_id=settlement_id, pk=claim_id)
        .values("stated_on", "article_id", "evidence_start", "id")
        .first()
    )
    if claim is None:
        return None
    s, a, e, i = claim["stated_on"], claim["article_id"], claim["evidence_start"], claim["id"]
    before = (
        Q(stated_on__lt=s)
        | Q(stated_on=s, article_id__lt=a)
        | Q(stated_on=s, article_id=a, evidence_start__lt=e)
        | Q(stated_on=s, article_id=a, evidence_start=e, id__lt=i)
    )
    return Claim.objects.filter(before, settlement_id=settlement_id).count()
