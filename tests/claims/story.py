"""Claims for verification tests, written through the extraction write path
(claims_replace_for_article) so the stored settlement status is kept as in production."""

import datetime as dt

from django.db import transaction

from claims.extraction.types import ExtractedClaim
from claims.models import Claim, Conflict, SettlementStatus
from claims.services import claims_replace_for_article
from sources.models import Article
from tests.claims.factories import ConflictFactory, SettlementFactory, SideFactory
from tests.sources.factories import ArticleFactory


def two_sided_war() -> Conflict:
    conflict = ConflictFactory(key="russia-ukraine")
    SideFactory(conflict=conflict, key="russia")
    SideFactory(conflict=conflict, key="ukraine")
    return conflict


def found(settlement, kind: str, side: str = "", *, by: str = "russia", event_date=None,
          evidence: str = "") -> ExtractedClaim:  # fmt: skip
    evidence = evidence or f"{by} says {kind} {side} of {settlement.name}."
    return ExtractedClaim(
        settlement_id=settlement.id, settlement_name=settlement.name,
        settlement_mention=settlement.name, country="UA", claimant_actor_id=None,
        claimant_name=f"a {by} spokesman", claimant_side=by, kind=kind, side=side,
        evidence=evidence, evidence_start=0, evidence_end=max(len(evidence), 1),
        event_date=event_date, confidence=0.9,
    )  # fmt: skip


def article_on(day: dt.date, **kwargs) -> Article:
    published = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return ArticleFactory(published=published, **kwargs)


def extract(article: Article, conflict: Conflict, items: list[ExtractedClaim]) -> list[Claim]:
    """Store what 'the extractor' found, as _store_result does: one transaction."""
    with transaction.atomic():
        claims_replace_for_article(article=article, conflict=conflict, found=items)
    return list(Claim.objects.filter(article=article).order_by("id"))


def settlement(name: str = "Toretsk"):
    return SettlementFactory(name=name)


FEB_8 = dt.date(2025, 2, 8)


def at(day: int, hour: int = 12) -> dt.datetime:
    """`hour` o'clock UTC on a day of February 2025, the month of the Toretsk story."""
    return dt.datetime(2025, 2, day, hour, tzinfo=dt.UTC)


def stored(settlement_id: int) -> SettlementStatus:
    """The settlement's stored current status row."""
    return SettlementStatus.objects.get(settlement_id=settlement_id)
