"""A settlement's derived status, stored: now (SettlementStatus) and as of each day it changed
(SettlementStatusChange)."""

from django.db import models
from django.db.models import Q

from claims.models.choices import vocabulary_choices
from claims.status import rules
from claims.vocabulary import (
    SettlementState,
    values,
)
from gazetteer.models import Settlement


class StatusRecord(models.Model):
    """A derived status in columns: the state, side and since a list filters on, and the
    rest as rules.status_json writes it. `as_status` reads it back into the one shape."""

    State = vocabulary_choices(SettlementState, qualname="StatusRecord.State")

    state = models.CharField(
        max_length=20, choices=State.choices, default=SettlementState.UNKNOWN.value
    )
    # The controlling (or, while contested, last controlling) side's key; empty if none.
    side = models.CharField(max_length=64, blank=True)
    since = models.DateField(null=True, blank=True)
    # The confirmed claims the state rests on: [{"id", "claimant_side", "kind", "side", "date"}].
    basis = models.JSONField(default=list, blank=True)
    # Per claimant side, its latest claim: [{"side", "kind", "stated_on", "status", "claim"}].
    claimed = models.JSONField(default=list, blank=True)
    flags = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def values_for(status: rules.Status) -> dict:
        body = rules.status_json(status)
        return {
            "state": status.assessed.state,
            "side": status.assessed.side,
            "since": status.assessed.since,
            "basis": body["assessed"]["claims"],
            "claimed": body["claimed"],
            "flags": body["flags"],
        }

    def as_status(self) -> rules.Status:
        return rules.status_from_parts(
            state=self.state, side=self.side, since=self.since, basis=self.basis,
            claimed=self.claimed, flags=self.flags,
        )  # fmt: skip


class SettlementStatus(StatusRecord):
    """A settlement's current derived status, rewritten in the transaction of every claim,
    review or correction that touches the settlement (claims.status.store), so lists and
    maps read one row. Its history, one SettlementStatusChange per day the status as of a
    date changes, is kept in the same transaction."""

    State = vocabulary_choices(SettlementState, qualname="SettlementStatus.State")

    settlement = models.OneToOneField(
        Settlement, on_delete=models.CASCADE, related_name="current_status"
    )
    # Live claims, kept here so the settlements list sorts on an index, not a count.
    claim_count = models.PositiveIntegerField(default=0)
    # The latest day the history has a change for: a write dated on or after it only
    # touches the history's last row; an earlier one rebuilds it from its day.
    last_event_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name_plural = "settlement statuses"
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=values(SettlementState)),
                name="settlementstatus_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=SettlementState.UNKNOWN.value) | ~Q(side=""),
                name="settlementstatus_known_state_has_side",
            ),
        ]
        indexes = [
            models.Index(fields=["state"], name="settlementstatus_state_idx"),
            models.Index(fields=["-claim_count", "settlement"], name="settlementstatus_count_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_id}: {self.state} {self.side}".strip()


class SettlementStatusChange(StatusRecord):
    """The status as of the end of `known_from` (UTC) and of every later day until the
    settlement's next row: `?as_of=D` is the row with the greatest known_from <= D (one
    probe of the unique index). Days with no row before the first mean nothing known."""

    State = vocabulary_choices(SettlementState, qualname="SettlementStatusChange.State")

    settlement = models.ForeignKey(
        Settlement, on_delete=models.CASCADE, related_name="status_changes"
    )
    known_from = models.DateField()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["settlement", "known_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "known_from"], name="settlementstatuschange_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(state__in=values(SettlementState)),
                name="settlementstatuschange_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=SettlementState.UNKNOWN.value) | ~Q(side=""),
                name="settlementstatuschange_known_state_has_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_id} from {self.known_from}: {self.state} {self.side}".strip()
