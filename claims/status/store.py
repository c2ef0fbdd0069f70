"""Keeping each settlement's stored status and its history equal to their derivation.

Every write that changes a claim, a review or a correction calls
`settlement_status_refresh` inside its own transaction with the first day its change
counts from (`changed_on`: a review's or a correction's UTC day, an article's stated date),
so neither the current row nor the history ever disagrees with what they derive from.

The history (SettlementStatusChange) holds the status as of each day it changed. A write
dated on or after the latest day the history knows of (the usual case: a review, a fresh
article) can only change the status as of that day and later, which is the current status:
it sets one row. A write dated earlier (an old article ingested late, a claim superseded)
rebuilds the history from its day, from the full record (claims.status.timeline).
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from claims.models import SettlementStatus, SettlementStatusChange, StatusRecord
from claims.status import rules, timeline
from claims.status.derive import status_derive
from claims.status.facts import history_load, live_claims
from gazetteer.models import Settlement

EMPTY = rules.status_json(rules.Status())


def settlement_status_refresh(
    *, settlement_ids: Iterable[int], changed_on: dt.date | None = None
) -> list[int]:
    """Bring each settlement's stored status and history up to date (once each); return
    the ids of those whose stored current status changed (for the change feed).

    `changed_on` None means the day is not known: the whole history is rebuilt. Runs in the
    caller's transaction. It locks the settlements' rows first, in id order, so two writers
    touching one settlement refresh one after the other, each seeing the other's committed
    claims and reviews, and the last row written is never stale.
    """
    ids = sorted({i for i in settlement_ids if i is not None})
    if not ids:
        return []
    with transaction.atomic():
        present = list(
            Settlement.objects.select_for_update().filter(id__in=ids).order_by("id")
            .values_list("id", flat=True)
        )  # fmt: skip
        rows = {r.settlement_id: r for r in SettlementStatus.objects.filter(settlement_id__in=ids)}
        return [
            settlement_id
            for settlement_id in present
            if _refresh(settlement_id, rows.get(settlement_id), changed_on)
        ]


def _refresh(settlement_id: int, row: SettlementStatus | None, changed_on: dt.date | None) -> bool:
    """Refresh one settlement; True if its stored current status changed (or was new)."""
    status = status_derive(settlement_id=settlement_id)
    live = live_claims(settlement_id=settlement_id)
    counted = live.aggregate(day=Max("stated_on"), claims=Count("id"))
    latest_stated = counted["day"]
    last = row.last_event_on if row else None
    in_order = (
        row is not None
        and changed_on is not None
        and (last is None or changed_on >= last)
        and (latest_stated is None or latest_stated <= changed_on)
    )
    if in_order and changed_on is not None:  # restated so the checker sees the date
        _history_set(settlement_id=settlement_id, day=changed_on, status=status)
        last = changed_on
    else:
        last = history_rebuild(settlement_id=settlement_id, since=changed_on if row else None)
    changed = row is None or rules.status_json(row.as_status()) != rules.status_json(status)
    values = {
        **StatusRecord.values_for(status),
        "claim_count": counted["claims"],
        "last_event_on": last,
    }
    # updated_at is when the status last changed (the change feed's and `updated_since`'s
    # clock), not when the count or the history's last day did.
    if changed:
        values["updated_at"] = timezone.now()
    # One UPDATE for the usual case (the row exists; it is locked through its settlement).
    if row is None or not SettlementStatus.objects.filter(pk=row.pk).update(**values):
        SettlementStatus.objects.create(settlement_id=settlement_id, **values)
        changed = True
    return changed


def _history_set(*, settlement_id: int, day: dt.date, status: rules.Status) -> None:
    """The status as of `day` and after is `status`: one row, or none if the day before
    already says the same."""
    changes = SettlementStatusChange.objects.filter(settlement_id=settlement_id)
    before = changes.filter(known_from__lt=day).order_by("-known_from").first()
    said = rules.status_json(before.as_status()) if before else EMPTY
    if rules.status_json(status) == said:
        changes.filter(known_from=day).delete()
        return
    values = StatusRecord.values_for(status)
    if not changes.filter(known_from=day).update(**values, recorded_at=timezone.now()):
        SettlementStatusChange.objects.create(settlement_id=settlement_id, known_from=day, **values)


def history_rebuild(*, settlement_id: int, since: dt.date | None = None) -> dt.date | None:
    """Rewrite the settlement's history from `since` (from the start if None) by the rules,
    from its full record; return the latest change day. Costs one derivation per change day
    after `since`, so only writes dated before the history's last day come here."""
    record = history_load(settlement_id=settlement_id)
    changes = SettlementStatusChange.objects.filter(settlement_id=settlement_id)
    stale = changes if since is None else changes.filter(known_from__gte=since)
    stale.delete()
    before = None if since is None else changes.order_by("-known_from").first()
    said = rules.status_json(before.as_status()) if before else EMPTY
    new = []
    for day, status in timeline.timeline(**record, since=since):
        body = rules.status_json(status)
        if body != said:
            new.append(
                SettlementStatusChange(
                    settlement_id=settlement_id, known_from=day, **StatusRecord.values_for(status)
                )
            )
            said = body
    SettlementStatusChange.objects.bulk_create(new)
    days = timeline.change_days(record["claims"], record["reviews"], record["corrections"])
    return days[-1] if days else None


def status_row_json(row: SettlementStatus | None) -> dict:
    """A stored status row in the API's shape; no row yet means nothing is known. Reads the
    columns only, so it also serves a migration's historical model (no `as_status`)."""
    if row is None:
        return rules.status_json(rules.Status())
    return {
        "assessed": {
            "state": row.state,
            "side": row.side or None,
            "since": row.since.isoformat() if row.since else None,
            "claims": row.basis,
        },
        "claimed": row.claimed,
        "flags": row.flags,
    }
