"""Editors' verdicts on claims: confirm, dispute, reset. Reviews are append-only; a claim's
status is its latest review's verdict, and its settlement's stored status follows in the
same transaction."""

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from claims.models import Change, Claim, Review
from claims.services.changes import changes_record
from claims.status import rules
from claims.status.facts import review_facts
from claims.status.store import settlement_status_refresh
from claims.vocabulary import ClaimStatus, ReviewVerdict, values
from conflictwatch.core.exceptions import ConflictError, DomainError

if TYPE_CHECKING:
    from conflictwatch.core.users import User

NOTE_MAX_CHARS = 5000
EVIDENCE_URL_MAX_CHARS = 2000
BULK_MAX_CLAIMS = 500
_URL = URLValidator(schemes=["http", "https"])


def note_check(note: str | None, *, required: bool = False) -> str:
    """A note, stripped; refused if too long or holding characters PostgreSQL can't store."""
    note = (note or "").strip()
    if required and not note:
        raise DomainError(
            "A dispute needs a note saying why the claim is wrong.", code="required", field="note"
        )
    if len(note) > NOTE_MAX_CHARS:
        raise DomainError(
            f"The note is longer than {NOTE_MAX_CHARS:,} characters.", code="too_long", field="note"
        )
    if "\x00" in note:
        raise DomainError("The note contains a null character.", code="invalid", field="note")
    return note


def evidence_url_check(url: str | None) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > EVIDENCE_URL_MAX_CHARS:
        raise DomainError(
            f"The evidence URL is longer than {EVIDENCE_URL_MAX_CHARS:,} characters.",
            code="too_long",
            field="evidence_url",
        )
    try:
        _URL(url)
    except ValidationError as exc:
        raise DomainError(
            "The evidence URL must be a full http:// or https:// address.",
            code="invalid",
            field="evidence_url",
        ) from exc
    return url


def review_check(*, verdict: str, note: str, evidence_url: str) -> tuple[str, str, str]:
    """The review's input, cleaned; DomainError naming the field on bad input."""
    if verdict not in values(ReviewVerdict):
        choices = ", ".join(values(ReviewVerdict))
        raise DomainError(f"The verdict must be one of: {choices}.", field="verdict")
    note = note_check(note, required=verdict == ReviewVerdict.DISPUTE)
    return verdict, note, evidence_url_check(evidence_url)


def claim_status_from_reviews(claim: Claim) -> str:
    """The latest review's verdict, by claims.status.rules.claim_review_status; superseded claims
    stay superseded (only re-extraction brings one back)."""
    if claim.status == ClaimStatus.SUPERSEDED:
        return claim.status
    return rules.claim_review_status(review_facts(claim.reviews.all()))


def claim_lock_for_edit(*, claim_id: int, action: str = "reviewed") -> Claim:
    """The claim, locked for this transaction; refused if it is gone or superseded."""
    claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if claim is None:
        raise DomainError(f"There is no claim #{claim_id}.", code="not_found")
    if claim.status == ClaimStatus.SUPERSEDED:
        raise ConflictError(
            "This claim is superseded (the current extractor no longer finds it), so it "
            f"cannot be {action}; its history is kept.",
            code="superseded",
        )
    return claim


def review_add(
    *,
    claim_id: int,
    reviewer: "User",
    verdict: str,
    note: str = "",
    evidence_url: str = "",
    at: dt.datetime | None = None,
) -> Review:
    """Append a review and move the claim's status to its latest verdict.

    One transaction: locks the claim row, appends the review, updates the claim's status
    and its settlement's stored status. `at` backdates nothing in practice; it lets tests
    and imports hand in the clock.
    """
    verdict, note, evidence_url = review_check(
        verdict=verdict, note=note, evidence_url=evidence_url
    )
    with transaction.atomic():
        claim = claim_lock_for_edit(claim_id=claim_id)
        review = Review.objects.create(
            claim=claim,
            verdict=verdict,
            note=note,
            evidence_url=evidence_url,
            reviewer=reviewer,
            created_at=at or timezone.now(),
        )
        claim.status = claim_status_from_reviews(claim)
        claim.save(update_fields=["status", "updated_at"])
        changed = settlement_status_refresh(
            settlement_ids=[claim.settlement_id], changed_on=rules.day_of(review.created_at)
        )
        changes_record(
            events=[(Change.Event.REVIEW_ADDED, review.id), (Change.Event.CLAIM_UPDATED, claim.id)],
            settlement_ids=changed,
        )
    return review


def reviews_confirm_bulk(
    *, claim_ids: list[int], reviewer: "User", at: dt.datetime | None = None
) -> int:
    """Confirm each listed claim that is still unverified; return how many were confirmed.

    Missing, superseded, confirmed and disputed claims are skipped (a disputed claim needs
    a deliberate confirm of its own). One transaction; claims locked in id order.
    """
    ids = sorted({int(i) for i in claim_ids})
    if len(ids) > BULK_MAX_CLAIMS:
        raise DomainError(
            f"Confirm at most {BULK_MAX_CLAIMS} claims at once.", code="too_many", field="claims"
        )
    at = at or timezone.now()
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update()
            .filter(pk__in=ids, status=ClaimStatus.UNVERIFIED)
            .order_by("id")
        )
        reviews = Review.objects.bulk_create(
            Review(
                claim=c,
                origin_claim_id=c.id,
                verdict=ReviewVerdict.CONFIRM,
                reviewer=reviewer,
                created_at=at,
            )  # fmt: skip
            for c in claims
        )
        Claim.objects.filter(pk__in=[c.id for c in claims]).status_from_reviews()
        changed = settlement_status_refresh(
            settlement_ids=[c.settlement_id for c in claims], changed_on=rules.day_of(at)
        )
        changes_record(
            events=[
                *((Change.Event.REVIEW_ADDED, r.id) for r in reviews),
                *((Change.Event.CLAIM_UPDATED, c.id) for c in claims),
            ],
            settlement_ids=changed,
        )
    return len(claims)
