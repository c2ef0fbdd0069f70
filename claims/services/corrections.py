"""Editors' fixes to extractions, and resolving provisional settlements.

A correction is recorded (append-only) with who, when and {field: [before, after]}. A
correction that makes a claim identical to another claim of the same article (the
claim_unique_per_article constraint) merges the two: one survives with both histories.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from claims.models import Change, Claim, Correction, Review
from claims.services.answers import denials_relink
from claims.services.changes import changes_record
from claims.services.reviews import claim_lock_for_edit, claim_status_from_reviews, note_check
from claims.status.rules import day_of
from claims.status.store import settlement_status_refresh
from claims.vocabulary import MERGED_FROM, THIRD_PARTY, ClaimKind, ClaimStatus, values
from conflictwatch.core.exceptions import ConflictError, DomainError
from gazetteer.models import Settlement, SettlementAlias, Side

if TYPE_CHECKING:
    from conflictwatch.core.users import User


def claim_identity(claim: Claim) -> list:
    return [claim.settlement_id, claim.claimant_side, claim.kind, claim.side]


def _target_settlement(settlement_id: int) -> Settlement:
    settlement = Settlement.objects.filter(pk=settlement_id).first()
    if settlement is None:
        raise DomainError(
            f"There is no settlement #{settlement_id}.", code="not_found", field="settlement"
        )
    if settlement.merged_into_id:
        raise DomainError(
            f"{settlement.name} was merged into settlement #{settlement.merged_into_id}; "
            "use that one.",
            code="merged",
            field="settlement",
        )
    return settlement


def claim_correction_check(
    claim: Claim, *, settlement_id, claimant_side, kind, side
) -> dict[str, list]:
    """The correction's changes, {field: [before, after]}, checked against the claim's
    conflict: sides must be its side keys (the claimant may also be third-party), and a
    contested claim is about no side."""
    if kind is not None and kind not in values(ClaimKind):
        raise DomainError(f"The kind must be one of: {', '.join(values(ClaimKind))}.", field="kind")
    new_kind = kind if kind is not None else claim.kind
    if side is None and new_kind == ClaimKind.CONTESTED:
        side = ""
    new_side = side if side is not None else claim.side
    sides = set(Side.objects.filter(conflict_id=claim.conflict_id).values_list("key", flat=True))
    if claimant_side is not None and claimant_side not in sides | {THIRD_PARTY}:
        allowed = ", ".join(sorted(sides | {THIRD_PARTY}))
        raise DomainError(f"The claimant side must be one of: {allowed}.", field="claimant_side")
    if new_kind == ClaimKind.CONTESTED and new_side:
        raise DomainError("A contested claim is about no side; leave the side empty.", field="side")
    if new_kind != ClaimKind.CONTESTED and new_side not in sides:
        raise DomainError(
            f"A {new_kind} claim needs the side it is about, one of: {', '.join(sorted(sides))}.",
            field="side",
        )
    if settlement_id is not None:
        settlement_id = _target_settlement(settlement_id).id
    wanted = {"settlement_id": settlement_id, "claimant_side": claimant_side,
              "kind": kind, "side": side}  # fmt: skip
    changes = {
        name: [getattr(claim, name), value]
        for name, value in wanted.items()
        if value is not None and value != getattr(claim, name)
    }
    if not changes:
        raise DomainError("The correction changes nothing.", code="no_change")
    return changes


def _twin(claim: Claim, identity: list) -> Claim | None:
    """Another claim of the same article with this identity, locked."""
    settlement_id, claimant_side, kind, side = identity
    return (
        Claim.objects.select_for_update()
        .filter(
            article_id=claim.article_id,
            settlement_id=settlement_id,
            claimant_side=claimant_side,
            kind=kind,
            side=side,
        )  # fmt: skip
        .exclude(pk=claim.pk)
        .first()
    )


def _snapshot(claim: Claim) -> dict:
    """What as-of needs to rebuild a merged-away claim before its merge."""
    return {
        "id": claim.id,
        "settlement_id": claim.settlement_id,
        "claimant_side": claim.claimant_side,
        "kind": claim.kind,
        "side": claim.side,
        "stated_on": claim.stated_on.isoformat(),
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "superseded": claim.status == ClaimStatus.SUPERSEDED,
    }


def claims_merge(
    *,
    survivor: Claim,
    duplicate: Claim,
    editor: "User",
    at: dt.datetime,
    note: str = "",
    events: list[tuple[str, int]] | None = None,
) -> Claim:
    """Fold `duplicate` (same identity as `survivor`) into `survivor` and delete it.

    Reviews and corrections are append-only; re-pointing them at the survivor (a claim of
    the same article) is the one change the model and the database allow: the rows
    themselves are unchanged, and `origin_claim_id` keeps the claim they were written for.
    Both rows must be locked. What changed is appended to `events`, for the caller's
    changes_record.
    """
    snapshot = _snapshot(duplicate)
    events = events if events is not None else []
    moved = Review.objects.filter(claim=duplicate).values_list("id", flat=True)
    events.extend((Change.Event.REVIEW_MOVED, review_id) for review_id in moved)
    events.append((Change.Event.CLAIM_MERGED_AWAY, duplicate.id))
    Review.objects.filter(claim=duplicate).repoint(claim=survivor)
    Correction.objects.filter(claim=duplicate).repoint(claim=survivor)
    known = [*survivor.extracted_as, *duplicate.extracted_as, claim_identity(duplicate)]
    survivor.extracted_as = [k for i, k in enumerate(known) if k not in known[:i]]
    duplicate.delete()
    Correction.objects.create(
        claim=survivor,
        changes={MERGED_FROM: [snapshot, None]},
        note=note or f"Claim #{snapshot['id']} was identical after a correction; merged here.",
        editor=editor,
        created_at=at,
    )
    survivor.status = claim_status_from_reviews(survivor)
    survivor.save(update_fields=["extracted_as", "status", "updated_at"])
    events.append((Change.Event.CLAIM_MERGED, survivor.id))
    return survivor


def _claim_apply(
    claim: Claim,
    changes: dict[str, list],
    *,
    editor: "User",
    at: dt.datetime,
    note: str,
    events: list[tuple[str, int]],
) -> Claim:
    """Record the correction on the claim and apply it, merging with a twin if one exists;
    what changed is appended to `events`."""
    identity = claim_identity(claim)
    new_identity = [
        changes.get(name, [None, getattr(claim, name)])[1]
        for name in ("settlement_id", "claimant_side", "kind", "side")
    ]
    Correction.objects.create(claim=claim, changes=changes, note=note, editor=editor, created_at=at)
    if identity not in claim.extracted_as:
        claim.extracted_as = [*claim.extracted_as, identity]
    twin = _twin(claim, new_identity)
    if twin is not None and twin.status != ClaimStatus.SUPERSEDED:
        # The existing claim keeps its id (links to it stay good); this one folds into it.
        return claims_merge(survivor=twin, duplicate=claim, editor=editor, at=at, events=events)
    if twin is not None:
        # A superseded twin: the live, corrected claim survives and takes its history.
        claims_merge(survivor=claim, duplicate=twin, editor=editor, at=at, events=events)
    for name, (_before, after) in changes.items():
        setattr(claim, name, after)
    claim.save()
    events.append((Change.Event.CLAIM_CORRECTED, claim.id))
    return claim


def claim_correct(
    *,
    claim_id: int,
    editor: "User",
    settlement_id: int | None = None,
    claimant_side: str | None = None,
    kind: str | None = None,
    side: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Claim:
    """Fix a claim's settlement, claimant side, kind or side; return the surviving claim
    (another claim of the article, if the fix made this one identical to it).

    One transaction: the claim (and any twin) locked, the correction recorded, and the
    stored status of the old and new settlements recomputed. Superseded claims are refused.
    """
    note = note_check(note)
    at = at or timezone.now()
    with transaction.atomic():
        claim = claim_lock_for_edit(claim_id=claim_id, action="corrected")
        changes = claim_correction_check(
            claim, settlement_id=settlement_id, claimant_side=claimant_side, kind=kind, side=side
        )
        before_settlement = claim.settlement_id
        events: list[tuple[str, int]] = []
        survivor = _claim_apply(claim, changes, editor=editor, at=at, note=note, events=events)
        denials_relink(settlement_ids=[before_settlement, survivor.settlement_id], events=events)
        changed = settlement_status_refresh(
            settlement_ids=[before_settlement, survivor.settlement_id], changed_on=day_of(at)
        )
        changes_record(events=events, settlement_ids=changed)
    return survivor


def settlement_provisional_resolve(
    *, settlement_id: int, target_id: int, editor: "User", at: dt.datetime | None = None
) -> Settlement:
    """Resolve a provisional settlement into `target` (a gazetteer or another settlement):
    its claims move there (a correction recorded on each; a claim colliding with one of the
    target's merges into it), its name becomes an alias of the target, and it is marked
    merged_into the target. Returns the target."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = {
            s.id: s
            for s in Settlement.objects.select_for_update()
            .filter(pk__in=[settlement_id, target_id])
            .order_by("id")
        }
        provisional = _provisional_check(locked.get(settlement_id), settlement_id)
        if target_id == settlement_id:
            raise DomainError("A settlement cannot be merged into itself.", field="target")
        target = locked.get(target_id)
        if target is None or target.merged_into_id:
            _target_settlement(target_id)  # raises the right message
            # It was not there (or was merged) when locked, and is now: ask again, not merge
            # into a row this transaction does not hold.
            raise ConflictError(f"Settlement #{target_id} changed meanwhile; try again.")
        note = f"Provisional settlement {provisional.name} resolved to {target.name}."
        events: list[tuple[str, int]] = []
        for claim in Claim.objects.select_for_update().filter(settlement=provisional):
            changes = {"settlement_id": [provisional.id, target.id]}
            _claim_apply(claim, changes, editor=editor, at=at, note=note, events=events)
        SettlementAlias.objects.get_or_create(
            settlement=target,
            name=provisional.name,
            defaults={"kind": SettlementAlias.Kind.TRANSLITERATION},
        )
        provisional.merged_into = target
        provisional.save(update_fields=["merged_into"])
        denials_relink(settlement_ids=[provisional.id, target.id], events=events)
        changed = settlement_status_refresh(
            settlement_ids=[provisional.id, target.id], changed_on=day_of(at)
        )
        changes_record(events=events, settlement_ids=changed)
    return target


def _provisional_check(settlement: Settlement | None, settlement_id: int) -> Settlement:
    if settlement is None:
        raise DomainError(f"There is no settlement #{settlement_id}.", code="not_found")
    if settlement.source != Settlement.Source.PROVISIONAL:
        raise DomainError(
            f"{settlement.name} comes from the gazetteer; only provisional settlements are "
            "resolved.",
            code="not_provisional",
        )
    if settlement.merged_into_id:
        raise ConflictError(
            f"{settlement.name} was already resolved to settlement #{settlement.merged_into_id}.",
            code="already_resolved",
        )
    return settlement
