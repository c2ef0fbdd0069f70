"""The claim ledger: conflicts and their sides, actors, settlements, claims and their reviews.

Vocabulary and rules: shared/DESIGN.md; the shared words (kinds, statuses, verdicts, states,
the third-party key) are claims.vocabulary's enums, and the choices and check constraints
here are built from them. Side keys are stored as strings on claims because
`third-party` is not a side but is a valid claimant side, and a claim's identity includes
both side keys; services check them against the conflict's sides.
"""

import enum

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.names import normalize_name
from claims.status import rules

# THIRD_PARTY is also imported from here by claims.extraction (until it imports the vocabulary).
from claims.vocabulary import (
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
    values,
)


def vocabulary_choices(
    vocabulary: type[enum.StrEnum], *, qualname: str
) -> type[models.TextChoices]:
    """Django choices with the vocabulary's member names and values, so a kind or a status
    is added in claims.vocabulary alone. Labels come from the names ("CAPTURE" ->
    "Capture"), as in a TextChoices class written out by hand; `qualname` is where the
    class lives here ("Claim.Kind"), so its members pickle by that name."""
    # Enum's functional API takes module= and qualname=; django-stubs' TextChoices signature
    # leaves them out.
    return models.TextChoices(  # type: ignore[call-overload]
        qualname.rpartition(".")[2],
        [(member.name, member.value) for member in vocabulary],
        module=__name__,
        qualname=qualname,
    )


class Conflict(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    # ISO 3166 alpha-2 codes whose gazetteer settlements belong to this conflict.
    countries = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


class Side(models.Model):
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="sides")
    key = models.SlugField(max_length=64)
    name = models.CharField(max_length=200)
    # Words that mark this side as the agent of an action ("Russian troops", "the RSF").
    agent_terms = models.JSONField(default=list, blank=True)
    # The country whose state this side is (ISO code), blank for armed groups: who "the
    # regional governor" or "the town's military administration" speaks for.
    state_country = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["conflict__key", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["conflict", "key"], name="side_unique_key_per_conflict"
            ),
            models.CheckConstraint(condition=~Q(key=THIRD_PARTY), name="side_key_not_third_party"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.conflict.key})"


class Actor(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government"
        MINISTRY = "ministry"
        MILITARY = "military"
        UNIT = "unit"
        ARMED_GROUP = "armed-group", "armed group"
        OFFICIAL = "official"
        SPOKESPERSON = "spokesperson"
        ANALYST = "analyst"
        MONITOR = "monitor"
        MEDIA = "media"
        INTERNATIONAL = "international"
        OTHER = "other"

    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # Null for actors not tied to one conflict (UN bodies, news agencies).
    conflict = models.ForeignKey(
        Conflict, null=True, blank=True, on_delete=models.CASCADE, related_name="actors"
    )
    # Null: the actor belongs to no side (third-party).
    side = models.ForeignKey(
        Side, null=True, blank=True, on_delete=models.PROTECT, related_name="actors"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side__isnull=True) | Q(conflict__isnull=False),
                name="actor_with_side_has_conflict",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def side_key(self) -> str:
        return self.side.key if self.side is not None else THIRD_PARTY


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="actoralias_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class Settlement(models.Model):
    class Source(models.TextChoices):
        GEONAMES = "geonames", "GeoNames"
        CURATED = "curated", "curated by ConflictWatch"
        PROVISIONAL = "provisional", "provisional (awaiting an editor)"

    name = models.CharField(max_length=200)
    normalized_name = models.CharField(max_length=200, db_index=True, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    geonameid = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    curated_key = models.SlugField(max_length=100, null=True, blank=True, unique=True)
    country = models.CharField(max_length=2, blank=True, db_index=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    # A provisional settlement an editor merged into a gazetteer one.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="geonames", geonameid__isnull=False)
                | Q(source="curated", curated_key__isnull=False)
                | Q(source="provisional"),
                name="settlement_source_has_key",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["geonames", "curated", "provisional"]),
                name="settlement_source_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="settlement_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="settlement_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["country", "admin1_code"], name="settlement_region_idx")]

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.region, self.country) if part)
        return f"{self.name} ({where})" if where else self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)

    @property
    def is_provisional(self) -> bool:
        return self.source == self.Source.PROVISIONAL


class SettlementAlias(models.Model):
    class Kind(models.TextChoices):
        TRANSLITERATION = "transliteration"
        OTHER_LANGUAGE = "other-language", "other language"
        PARTY_NAME = "party-name", "a party's name"

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=10, blank=True)
    # The side that uses this name (Russia says "Dzerzhinsk"), for party names.
    side = models.ForeignKey(Side, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "settlement aliases"
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="settlementalias_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["transliteration", "other-language", "party-name"]),
                name="settlementalias_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class AppendOnlyError(PermissionError):
    """A write the audit trail forbids: changing or removing a review or a correction, or
    changing what a claim says outside a correction. The database refuses the same writes
    (claims/append_only.py), so this is the early, readable form of it."""


# What a claim is about: changed only by a correction (claims.services.corrections), which
# records the change; the database refuses any other change of these columns.
CLAIM_CORRECTED_FIELDS = ("settlement", "claimant_side", "kind", "side")
# Never changed at all: a claim belongs to the article it was read from.
CLAIM_FIXED_FIELDS = ("article",)


def _field_names(names) -> set[str]:
    """Field names as Django accepts them in update()/bulk_update ("settlement" or
    "settlement_id"), reduced to the field's name."""
    return {name.removesuffix("_id") for name in names}


class ClaimQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse_claim_rewrite(kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse_claim_rewrite(fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def status_from_reviews(self) -> int:
        """Set each claim's status to its latest review's verdict (unverified with none),
        the way claims.status.rules.claim_review_status reads it: the one bulk write of a
        status, for services that have just written the reviews. The database refuses any
        status its reviews do not give (claims/append_only.py)."""
        latest = (
            Review.objects.filter(claim=OuterRef("pk"))
            .order_by("-created_at", "-id")
            .annotate(gives=_verdict_status())
            .values("gives")[:1]
        )
        return super().update(
            status=Coalesce(Subquery(latest), Value(ClaimStatus.UNVERIFIED.value)),
            updated_at=timezone.now(),
        )

    def supersede(self) -> int:
        """Mark these reviewed claims superseded: re-extraction of their article, which holds
        it `extracting`, no longer finds them (the only state the database allows it in)."""
        return super().update(status=ClaimStatus.SUPERSEDED, updated_at=timezone.now())

    def unreviewed(self):
        return self.filter(status=ClaimStatus.UNVERIFIED)

    def for_settlement(self, settlement_id: int):
        return self.filter(settlement_id=settlement_id)


def _refuse_claim_rewrite(names) -> None:
    touched = _field_names(names) & {*CLAIM_CORRECTED_FIELDS, *CLAIM_FIXED_FIELDS}
    if touched:
        raise AppendOnlyError(
            f"A claim's {', '.join(sorted(touched))} change only through a correction "
            "(claims.services.corrections.claim_correct), which records who changed what."
        )
    if "status" in _field_names(names):
        raise AppendOnlyError(
            "A claim's status is its latest review's verdict: record a review "
            "(claims.services.reviews.review_add); re-extraction supersedes claims."
        )


def _verdict_status() -> models.Case:
    """The claim status a review's verdict gives, from claims.status.rules, in SQL."""
    return models.Case(
        *(
            models.When(verdict=str(v), then=Value(s.value))
            for v, s in rules.VERDICT_STATUS.items()
        ),
        output_field=models.CharField(),
    )


class Claim(models.Model):
    Kind = vocabulary_choices(ClaimKind, qualname="Claim.Kind")
    Status = vocabulary_choices(ClaimStatus, qualname="Claim.Status")

    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="claims")
    conflict = models.ForeignKey(Conflict, on_delete=models.PROTECT, related_name="claims")
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="claims")
    # The name as the article writes it ("Dzerzhinsk").
    settlement_mention = models.CharField(max_length=200)
    claimant = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    # Who speaks, as the article names them ("a spokesman for the 28th brigade").
    claimant_name = models.CharField(max_length=300)
    claimant_side = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The side the claim is about; empty for `contested`.
    side = models.CharField(max_length=64, blank=True)
    evidence = models.TextField()
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    stated_on = models.DateField()
    event_date = models.DateField(null=True, blank=True)
    confidence = models.FloatField()
    extractor_version = models.CharField(max_length=40)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=ClaimStatus.UNVERIFIED.value
    )
    # The identities ([settlement_id, claimant_side, kind, side]) the extractor gave this claim
    # before an editor corrected or merged it, so re-extraction finds the corrected claim
    # instead of re-creating the uncorrected one. Empty for claims nobody corrected.
    extracted_as = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["stated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "settlement", "claimant_side", "kind", "side"],
                name="claim_unique_per_article",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1), name="claim_confidence_range"
            ),
            models.CheckConstraint(
                condition=Q(evidence_end__gt=F("evidence_start")), name="claim_evidence_span"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=ClaimKind.CONTESTED.value, side="")
                    | (~Q(kind=ClaimKind.CONTESTED.value) & ~Q(side=""))
                ),
                name="claim_side_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=values(ClaimKind)),
                name="claim_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=values(ClaimStatus)),
                name="claim_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["settlement", "stated_on"], name="claim_timeline_idx"),
            # Each claimant side's latest claim (status `claimed`).
            models.Index(
                fields=["settlement", "claimant_side", "stated_on"], name="claim_claimant_idx"
            ),
            # The confirmed window and the flag's EXISTS (claims.status.derive), by date.
            models.Index(
                F("settlement"),
                F("status"),
                F("kind"),
                Coalesce("event_date", "stated_on"),
                name="claim_status_window_idx",
            ),
            models.Index(fields=["settlement", "conflict"], name="claim_settlement_conflict_idx"),
            # The claims list's order (claims.selectors.claim_list): its first page reads the
            # index instead of sorting the table.
            models.Index(
                fields=["stated_on", "article", "evidence_start", "id"], name="claim_list_order_idx"
            ),
            models.Index(fields=["status", "-created_at"], name="claim_queue_idx"),
            models.Index(fields=["conflict", "status"], name="claim_conflict_status_idx"),
        ]

    def __str__(self) -> str:
        about = f" {self.side}" if self.side else ""
        return f"{self.claimant_side}: {self.kind}{about} of {self.settlement_mention}"


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


class ReferenceDataLoad(models.Model):
    """One run of `load_reference_data`: which data it loaded, so an unchanged re-run is skipped."""

    fingerprint = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"reference data {self.fingerprint[:12]} loaded {self.loaded_at:%Y-%m-%d %H:%M}"
