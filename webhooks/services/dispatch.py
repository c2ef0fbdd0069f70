"""Turning change feed entries into deliveries: one per entry and matching subscription.

The dispatcher reads the feed from its cursor (one row, locked while it reads, so two
dispatchers never read the same stretch at once), makes the deliveries and moves the
cursor, all in one transaction. The unique (subscription, change) constraint makes a
second run over the same entries (a reset cursor, a crash after commit) add nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min

from claims.models import Change, Claim
from claims.selectors.changes import change_latest_id
from webhooks.models import Delivery, DispatchCursor, Subscription

BATCH = 500


@dataclass(frozen=True)
class Scope:
    """What an entry is about, for matching subscriptions."""

    conflicts: frozenset[str]
    settlements: frozenset[int]


def changes_dispatch(*, batch: int = BATCH) -> tuple[list[int], bool]:
    """Make the deliveries for up to `batch` entries past the cursor. Returns the ids of
    the deliveries made (to send now) and whether more entries wait."""
    if not Subscription.objects.filter(active=True).exists():
        return [], False
    with transaction.atomic():
        cursor = _cursor_locked()
        subscriptions = list(Subscription.objects.filter(active=True).select_related("conflict"))
        # Entries no active subscription can want are skipped, not scanned one by one.
        floor = min(s.starts_after for s in subscriptions)
        start = max(cursor.position, floor)
        changes = list(Change.objects.filter(id__gt=start).order_by("id")[: batch + 1])
        more = len(changes) > batch
        changes = changes[:batch]
        if not changes:
            return [], False
        scopes = _scopes(changes)
        rows = [
            _delivery(subscription, change)
            for change in changes
            for subscription in subscriptions
            if _matches(subscription, change, scopes[change.id])
        ]
        # Entries dispatched before (a reset cursor, a run that died after its commit)
        # already have their deliveries: only the others are new, and returned to send.
        # Read by the batch's range of entries, not by a list of keys (a list of thousands
        # of keys costs more to bind than the rows cost to read).
        in_batch = Delivery.objects.filter(change_id__gt=start, change_id__lte=changes[-1].id)
        existing = set(in_batch.values_list("message_id", flat=True))
        rows = [row for row in rows if row.message_id not in existing]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        cursor.position = changes[-1].id
        cursor.save(update_fields=["position", "updated_at"])
        made = [i for i, key in in_batch.values_list("id", "message_id") if key not in existing]
    return made, more


def _cursor_locked() -> DispatchCursor:
    cursor = DispatchCursor.objects.select_for_update().filter(id=1).first()
    if cursor is None:
        earliest = Subscription.objects.filter(active=True).aggregate(m=Min("starts_after"))["m"]
        DispatchCursor.objects.get_or_create(
            id=1, defaults={"position": earliest if earliest is not None else change_latest_id()}
        )
        cursor = DispatchCursor.objects.select_for_update().get(id=1)
    return cursor


def _matches(subscription: Subscription, change: Change, scope: Scope) -> bool:
    if change.id <= subscription.starts_after:
        return False
    if subscription.event_types and change.event not in subscription.event_types:
        return False
    if subscription.settlement_id:
        return subscription.settlement_id in scope.settlements
    if subscription.conflict is not None:
        return subscription.conflict.key in scope.conflicts
    return True


def message_id_for(*, subscription_id: int, change_id: int) -> str:
    return f"cw_{change_id}_{subscription_id}"


def _delivery(subscription: Subscription, change: Change) -> Delivery:
    return Delivery(
        subscription=subscription,
        change=change,
        message_id=message_id_for(subscription_id=subscription.id, change_id=change.id),
        event=change.event,
    )


def _scopes(changes: list[Change]) -> dict[int, Scope]:
    """Each entry's conflicts and settlements, in a few queries for the whole batch. A
    tombstone carries no state, so a removed claim's scope is read from its last entry
    that had one."""
    claim_ids = {c.object_id for c in changes if c.entity == Change.Entity.CLAIM}
    claim_ids |= {
        int(c.data["claim"])
        for c in changes
        if c.entity == Change.Entity.REVIEW and c.data and c.data.get("claim") is not None
    }
    claims = _claim_scopes(claim_ids)
    settlement_ids = {c.object_id for c in changes if c.entity == Change.Entity.SETTLEMENT_STATUS}
    conflicts_of = _settlement_conflicts(settlement_ids)
    scopes = {}
    for change in changes:
        if change.entity == Change.Entity.SETTLEMENT_STATUS:
            scopes[change.id] = Scope(
                frozenset(conflicts_of.get(change.object_id, ())),
                frozenset([change.object_id]),
            )
            continue
        if change.entity == Change.Entity.CLAIM and change.data:
            found = (change.data.get("conflict"), change.data.get("settlement"))
        elif change.entity == Change.Entity.CLAIM:
            found = claims.get(change.object_id, (None, None))
        else:
            found = claims.get(int((change.data or {}).get("claim") or 0), (None, None))
        conflict, settlement = found
        scopes[change.id] = Scope(
            frozenset([conflict] if conflict else []),
            frozenset([settlement] if settlement else []),
        )
    return scopes


def _claim_scopes(claim_ids: set[int]) -> dict[int, tuple[str | None, int | None]]:
    if not claim_ids:
        return {}
    found: dict[int, tuple[str | None, int | None]] = {
        row["id"]: (row["conflict__key"], row["settlement_id"])
        for row in Claim.objects.filter(id__in=claim_ids).values(
            "id", "conflict__key", "settlement_id"
        )
    }
    gone = claim_ids - set(found)
    if gone:
        # The newest entry with a state, per claim no longer stored.
        rows = (
            Change.objects.filter(
                entity=Change.Entity.CLAIM, object_id__in=gone, data__isnull=False
            )
            .order_by("object_id", "-id")
            .values("object_id", "data")
        )
        for row in rows:
            data = row["data"] or {}
            if row["object_id"] not in found:
                found[row["object_id"]] = (data.get("conflict"), data.get("settlement"))
    return found


def _settlement_conflicts(settlement_ids: set[int]) -> dict[int, set[str]]:
    conflicts: dict[int, set[str]] = {}
    if settlement_ids:
        rows = (
            Claim.objects.filter(settlement_id__in=settlement_ids)
            .values_list("settlement_id", "conflict__key")
            .distinct()
        )
        for settlement_id, key in rows:
            conflicts.setdefault(settlement_id, set()).add(key)
    return conflicts
