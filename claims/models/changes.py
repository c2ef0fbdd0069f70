"""The change feed API consumers replay."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Change(models.Model):
    """One entry of the change feed: what a consumer replays to keep a copy in sync.

    Written by claims.services.changes in the transaction of the change itself, under a
    lock that makes ids commit in order, so a reader paging by `id > cursor` never skips
    an entry that commits later. `data` is the object's new state; null is a tombstone.
    """

    class Entity(models.TextChoices):
        CLAIM = "claim"
        REVIEW = "review"
        SETTLEMENT_STATUS = "settlement-status", "settlement status"

    class Event(models.TextChoices):
        CLAIM_CREATED = "claim.created"
        CLAIM_UPDATED = "claim.updated", "claim updated (re-extracted or reviewed)"
        CLAIM_CORRECTED = "claim.corrected"
        CLAIM_MERGED = "claim.merged", "claim took in a merged claim"
        CLAIM_SUPERSEDED = "claim.superseded"
        CLAIM_REMOVED = "claim.removed", "claim removed by re-extraction"
        CLAIM_MERGED_AWAY = "claim.merged-away", "claim merged into another"
        REVIEW_ADDED = "review.added"
        REVIEW_MOVED = "review.moved", "review moved to the claim it was merged into"
        STATUS_CHANGED = "settlement-status.changed"

    entity = models.CharField(max_length=20, choices=Entity.choices)
    object_id = models.BigIntegerField()
    event = models.CharField(max_length=30, choices=Event.choices)
    data = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entity__in=["claim", "review", "settlement-status"]),
                name="change_entity_valid",
            ),
        ]
        indexes = [models.Index(fields=["entity", "object_id"], name="change_object_idx")]

    def __str__(self) -> str:
        return f"#{self.id} {self.event} {self.object_id}"
