"""A claim: one party's dated statement about who controls a settlement."""

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models.choices import vocabulary_choices
from claims.status import rules
from claims.vocabulary import (
    ClaimKind,
    ClaimStatus,
    values,
)
from gazetteer.models import Actor, Conflict, Settlement


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
        # The review model by its relation to claims: its module imports this one.
        reviews = self.model._meta.get_field("reviews")
        assert isinstance(reviews, models.ManyToOneRel)
        latest = (
            reviews.related_model._default_manager.filter(claim=OuterRef("pk"))
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
    # For a denial: the claim it answers (claims.services.answers), an opposing capture of
    # the same settlement in the same article, else the latest one made shortly before.
    answers = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="answered_by"
    )
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
