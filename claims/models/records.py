"""What editors add to a claim: reviews and corrections, both append-only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models.choices import vocabulary_choices
from claims.models.claim import AppendOnlyError, Claim
from claims.vocabulary import (
    ReviewVerdict,
    values,
)


class ClaimRecordQuerySet(models.QuerySet):
    """Reviews and corrections are never changed or removed, in bulk or one by one."""

    def _refuse(self, action: str):
        raise AppendOnlyError(
            f"{self.model.__name__} records are append-only: they cannot be {action}. "
            "Record a new review or correction instead."
        )

    def update(self, **kwargs):
        self._refuse("updated")

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse("updated")

    def delete(self):
        self._refuse("deleted")

    def repoint(self, *, claim: "Claim") -> int:
        """Move these records to `claim`, a claim of the same article, when claims_merge
        folds their claim into it: the one change the database allows (the record itself
        stays as written; origin_claim_id keeps the claim it was written for)."""
        return super().update(claim=claim)


class ClaimRecord(models.Model):
    """Something an editor did to one claim (a review, a correction): written once, never
    changed or removed, so a claim's history is what happened to it.

    The one sanctioned change is claims_merge re-pointing `claim` at the surviving claim
    of the same article (`repoint`); `origin_claim_id` keeps the claim it was written for.
    The database enforces this too (claims/append_only.py).
    """

    # `reviews` on a claim for Review, `corrections` for Correction. PROTECT: a claim with
    # a history is superseded or merged, never deleted (nor is its article).
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="%(class)ss")
    # The claim this record was written for. A merge re-points `claim` at the surviving
    # claim; this stays, so the status as of a date before the merge can be rebuilt. Not a
    # foreign key: the claim it names may since have been merged away (deleted).
    origin_claim_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # A default rather than auto_now_add, so services can be handed a clock (tests, imports).
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ClaimRecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records are append-only")
        if self.origin_claim_id is None:
            self.origin_claim_id = self.claim_id
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} records are append-only")


class Review(ClaimRecord):
    Verdict = vocabulary_choices(ReviewVerdict, qualname="Review.Verdict")

    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=2000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )

    class Meta(ClaimRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(verdict=ReviewVerdict.DISPUTE.value) | ~Q(note=""),
                name="review_dispute_has_note",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=values(ReviewVerdict)),
                name="review_verdict_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verdict} of claim {self.claim_id} by {self.reviewer_id}"


class Correction(ClaimRecord):
    """An editor's fix to an extraction, kept with what it changed: {field: [before, after]}."""

    changes = models.JSONField()
    note = models.TextField(blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta(ClaimRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"correction of claim {self.claim_id}: {', '.join(self.changes)}"
