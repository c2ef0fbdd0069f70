"""Webhook subscriptions, the deliveries the change feed makes for them, and each attempt
at sending one.

A delivery is one change feed entry for one subscription: (subscription, change) is unique,
so however often the dispatcher runs over an entry, each matching subscription gets exactly
one delivery. Its body is made from the entry (webhooks.payloads), and entries never
change, so every attempt and every replay sends the same bytes under the same `webhook-id`.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models import Change
from gazetteer.models import Conflict, Settlement

EVENT_TYPES = Change.Event


class Subscription(models.Model):
    """A URL that wants to hear about changes: to one conflict, one settlement, or all,
    of every event type or of those named."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    url = models.URLField(max_length=2000)
    description = models.CharField(max_length=200, blank=True)
    conflict = models.ForeignKey(
        Conflict, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    settlement = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Change.Event values; empty means every event.
    event_types = models.JSONField(default=list, blank=True)
    # "whsec_" + base64 of random bytes (the Standard Webhooks form). Kept in clear: every
    # delivery is signed with it. Shown to the owner once, when the subscription is made.
    secret = models.CharField(max_length=100)
    # After a rotation the secret it replaced signs too (a second signature in the same
    # header), until `previous_secret_expires_at`, so receivers can switch without a gap.
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    # Why it was stopped (a 410 from the receiver, the owner), shown on its page.
    disabled_reason = models.CharField(max_length=300, blank=True)
    # The change feed position when it was made: only later entries are delivered.
    starts_after = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conflict__isnull=True) | Q(settlement__isnull=True),
                name="subscription_one_scope",
            ),
        ]
        indexes = [models.Index(fields=["active", "starts_after"], name="subscription_active_idx")]

    def __str__(self) -> str:
        return f"{self.url} ({self.scope_label})"

    def signing_secrets(self, *, at: dt.datetime) -> list[str]:
        """The secrets a delivery sent at `at` is signed with: the current one, and the one
        it replaced while the rotation's overlap lasts."""
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires is not None and at < expires:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def overlap_ends_at(self, *, at: dt.datetime) -> dt.datetime | None:
        """When the replaced secret stops signing, if it still signs at `at`."""
        return self.previous_secret_expires_at if len(self.signing_secrets(at=at)) > 1 else None

    @property
    def scope_label(self) -> str:
        if self.settlement_id:
            return f"settlement {self.settlement_id}"
        if self.conflict_id:
            return f"conflict {self.conflict_id}"
        return "everything"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "pending (waiting for its next attempt)"
        SENDING = "sending"
        DELIVERED = "delivered"
        FAILED = "failed", "failed (gave up)"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="+")
    # The Standard Webhooks `webhook-id`: the same for every attempt and replay, so a
    # receiver can drop what it already processed.
    message_id = models.CharField(max_length=64, unique=True)
    event = models.CharField(max_length=30, choices=Change.Event.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # When it is due (pending), or when a sender's claim on it lapses (sending).
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Attempts made before the latest replay: a replay gets the full retry budget again.
    attempts_before_replay = models.PositiveIntegerField(default=0)
    replayed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "change"], name="delivery_one_per_change"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "delivered", "failed"]),
                name="delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_due_idx",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} {self.event} → {self.status}"


class DeliveryAttempt(models.Model):
    """One POST of a delivery: what the receiver answered, or why there was no answer."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_snippet = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    # What was decided after it: when the next attempt is due, if there is one.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    replay = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="attempt_unique_number"),
        ]

    def __str__(self) -> str:
        outcome = self.status_code or self.error or "?"
        return f"{self.delivery_id} #{self.number}: {outcome}"


class DispatchCursor(models.Model):
    """How far the dispatcher has read the change feed: one row, locked while it reads."""

    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"change feed read to #{self.position}"
