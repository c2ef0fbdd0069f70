"""Reads for the Atom feeds: a settlement's or a conflict's latest claims and status
changes, newest first, as one list of entries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from claims.models import Claim, SettlementStatusChange
from claims.selectors.claims import claim_list
from gazetteer.models import Conflict, Settlement

FEED_ENTRIES = 50


@dataclass(frozen=True)
class FeedEntry:
    kind: str  # "claim" or "status"
    when: dt.datetime
    updated: dt.datetime
    claim: Claim | None = None
    status: SettlementStatusChange | None = None

    @property
    def the_claim(self) -> Claim:
        if self.claim is None:
            raise ValueError(f"a {self.kind} entry carries no claim")
        return self.claim

    @property
    def the_status(self) -> SettlementStatusChange:
        if self.status is None:
            raise ValueError(f"a {self.kind} entry carries no status change")
        return self.status


def _claims(rows, limit: int) -> list[FeedEntry]:
    claims = rows.defer("article__text").order_by("-created_at", "-id")[:limit]
    return [FeedEntry("claim", c.created_at, c.updated_at, claim=c) for c in claims]


def _statuses(rows, limit: int) -> list[FeedEntry]:
    changes = rows.select_related("settlement").order_by("-known_from", "-id")[:limit]
    return [
        FeedEntry(
            "status",
            dt.datetime.combine(s.known_from, dt.time(), tzinfo=dt.UTC),
            s.recorded_at,
            status=s,
        )
        for s in changes
    ]


def _newest(entries: list[FeedEntry], limit: int) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]


def settlement_feed_entries(
    *, settlement: Settlement, limit: int = FEED_ENTRIES
) -> list[FeedEntry]:
    claims = _claims(claim_list().filter(settlement_id=settlement.id), limit)
    statuses = _statuses(SettlementStatusChange.objects.filter(settlement=settlement), limit)
    return _newest(claims + statuses, limit)


def conflict_feed_entries(*, conflict: Conflict, limit: int = FEED_ENTRIES) -> list[FeedEntry]:
    claims = _claims(claim_list().filter(conflict_id=conflict.id), limit)
    in_conflict = Claim.objects.filter(settlement=OuterRef("settlement"), conflict=conflict)
    statuses = _statuses(SettlementStatusChange.objects.filter(Exists(in_conflict)), limit)
    return _newest(claims + statuses, limit)
