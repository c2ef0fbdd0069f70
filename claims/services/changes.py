"""Writing the change feed (claims.models.Change), in the transaction of each change.

Every writer of claims, reviews and stored statuses calls `changes_record` last in its
transaction, after taking its row locks. `changes_record` takes one more lock, held until
commit, before it inserts: writers of the feed commit one after another, so entry ids are
handed out in commit order and a reader paging by `id > cursor` can never pass an id that
a slower transaction commits later. Taking it last (after every row lock) means a writer
holding it waits for nothing else, so it cannot deadlock with a writer waiting for it.

The state functions here are the one shape of a claim, a review and a settlement status in
the feed: the writer stores what they return, and a consumer's replayed copy is compared
with them.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, models, transaction

from claims.models import Change, Claim, Review, SettlementStatus
from claims.signals import changes_committed
from claims.status.store import status_row_json

# pg_advisory_xact_lock key: "CWchange" as an integer, so it names this lock and no other.
FEED_LOCK_KEY = int.from_bytes(b"CWchange", "big") >> 1
TOMBSTONES = {Change.Event.CLAIM_REMOVED, Change.Event.CLAIM_MERGED_AWAY}
ENTITY_OF = {
    "claim": Change.Entity.CLAIM,
    "review": Change.Entity.REVIEW,
    "settlement-status": Change.Entity.SETTLEMENT_STATUS,
}

CLAIM_STATE_FIELDS = [
    "id", "article_id", "conflict__key", "settlement_id", "settlement_mention",
    "claimant__key", "claimant_name", "claimant_side", "kind", "side", "evidence",
    "evidence_start", "evidence_end", "stated_on", "event_date", "confidence",
    "extractor_version", "status", "answers_id", "created_at", "updated_at",
]  # fmt: skip
# Feed names for the fields whose ORM path is not the name a consumer should see.
_RENAMED = {
    "article_id": "article",
    "conflict__key": "conflict",
    "settlement_id": "settlement",
    "claimant__key": "claimant",
    "answers_id": "answers",
}


def json_value(value):
    """Dates and times as ISO 8601 (UTC times end in Z), everything else as it is."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def claim_states(*, claim_ids: Iterable[int] | None, model=Claim) -> dict[int, dict]:
    """Each claim's feed state by id (every claim for None); claims that no longer exist
    are absent. `model` is for the migration that fills the feed (its historical model)."""
    rows = model.objects.all()
    if claim_ids is not None:
        rows = rows.filter(id__in=set(claim_ids))
    # The migration that filled the feed ran before claims recorded what they answer.
    has_answers = any(field.name == "answers" for field in model._meta.get_fields())
    rows = rows.values(*(f for f in CLAIM_STATE_FIELDS if has_answers or f != "answers_id"))
    states = {}
    for row in rows:
        state = {_RENAMED.get(k, k): json_value(v) for k, v in row.items()}
        state["side"] = state["side"] or None
        states[row["id"]] = state
    return states


def review_states(*, review_ids: Iterable[int] | None, model=Review) -> dict[int, dict]:
    rows = model.objects.all()
    if review_ids is not None:
        rows = rows.filter(id__in=set(review_ids))
    rows = rows.values(
        "id", "claim_id", "verdict", "note", "evidence_url", "reviewer__username", "created_at"
    )
    return {
        row["id"]: {
            "id": row["id"],
            "claim": row["claim_id"],
            "verdict": row["verdict"],
            "note": row["note"],
            "evidence_url": row["evidence_url"],
            "reviewer": row["reviewer__username"],
            "created_at": json_value(row["created_at"]),
        }
        for row in rows
    }


def status_states(
    *, settlement_ids: Iterable[int] | None, model=SettlementStatus
) -> dict[int, dict]:
    """Each settlement's stored status in the API's shape, with its settlement id (every
    stored one for None)."""
    rows = model.objects.all()
    if settlement_ids is not None:
        rows = rows.filter(settlement_id__in=set(settlement_ids))
    rows = {row.settlement_id: row for row in rows}
    ids = set(settlement_ids) if settlement_ids is not None else set(rows)
    return {
        i: {"settlement": i, **status_row_json(rows.get(i)), "updated_at": _updated(rows, i)}
        for i in ids
    }


def _updated(rows: dict[int, SettlementStatus], settlement_id: int) -> str | None:
    row = rows.get(settlement_id)
    return json_value(row.updated_at) if row is not None else None


def changes_record(
    *, events: Iterable[tuple[str, int]] = (), settlement_ids: Iterable[int] = ()
) -> list[Change]:
    """Append feed entries for (event, object id) pairs and for the settlements whose stored
    status changed, each with the object's state now (tombstone events carry none).

    Call inside the writer's transaction, after its last row lock. An object named twice
    gets one entry, for the last event named.
    """
    latest: dict[tuple[str, int], str] = {}
    for event, object_id in events:
        key = (ENTITY_OF[event.rpartition(".")[0]], int(object_id))
        latest.pop(key, None)
        latest[key] = event
    for settlement_id in settlement_ids:
        latest[(Change.Entity.SETTLEMENT_STATUS, int(settlement_id))] = Change.Event.STATUS_CHANGED
    if not latest:
        return []
    states = _states(latest)
    _feed_lock()
    now = dt.datetime.now(dt.UTC)
    entries = [
        Change(
            entity=entity,
            object_id=object_id,
            event=event,
            data=None if event in TOMBSTONES else states[entity].get(object_id),
            created_at=now,
        )
        for (entity, object_id), event in latest.items()
    ]
    created = Change.objects.bulk_create(entries)
    transaction.on_commit(_announce)
    return created


def _announce() -> None:
    changes_committed.send_robust(sender=Change)


def _states(latest: dict[tuple[str, int], str]) -> dict[str, dict[int, dict]]:
    wanted: dict[str, set[int]] = {entity: set() for entity in Change.Entity}
    for (entity, object_id), event in latest.items():
        if event not in TOMBSTONES:
            wanted[entity].add(object_id)
    return {
        Change.Entity.CLAIM: claim_states(claim_ids=wanted[Change.Entity.CLAIM]),
        Change.Entity.REVIEW: review_states(review_ids=wanted[Change.Entity.REVIEW]),
        Change.Entity.SETTLEMENT_STATUS: status_states(
            settlement_ids=wanted[Change.Entity.SETTLEMENT_STATUS]
        ),
    }


def _feed_lock() -> None:
    """Serialise feed writers until commit (PostgreSQL). SQLite allows one writer at a
    time anyway, which gives the same order."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("changes_record must run inside the writer's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK_KEY])


def changes_backfill(*, claim_model, review_model, status_model, change_model) -> int:
    """Entries for everything stored before the feed existed (claims, then reviews, then
    statuses), so a consumer starting from the beginning gets it all. For the migration
    that adds the feed; the models are its historical ones."""
    now = dt.datetime.now(dt.UTC)
    entries: list[models.Model] = []
    for entity, event, states in (
        (Change.Entity.CLAIM, Change.Event.CLAIM_CREATED,
         claim_states(claim_ids=None, model=claim_model)),
        (Change.Entity.REVIEW, Change.Event.REVIEW_ADDED,
         review_states(review_ids=None, model=review_model)),
        (Change.Entity.SETTLEMENT_STATUS, Change.Event.STATUS_CHANGED,
         status_states(settlement_ids=None, model=status_model)),
    ):  # fmt: skip
        entries.extend(
            change_model(entity=entity, object_id=i, event=event, data=states[i], created_at=now)
            for i in sorted(states)
        )
    change_model.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
