"""Editor forms: the review queue's filters, a verdict, a bulk confirm, a correction.

They check shapes only; the review services decide what is acceptable (a dispute needs a
note, how long a note may be, a correction must name real sides and change something) and
say so with a DomainError, which the views show on the field it names.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from claims.models import Claim, Conflict, Review, Settlement, Side
from claims.names import normalize_name
from claims.services.reviews import BULK_MAX_CLAIMS
from claims.vocabulary import THIRD_PARTY
from sources.models import Outlet

SETTLEMENT_FILTER_MAX_CHARS = 200


def _claimant_side_choices() -> list[tuple[str, str]]:
    keys = Side.objects.order_by("key").values_list("key", flat=True).distinct()
    return [(key, key) for key in keys] + [(THIRD_PARTY, THIRD_PARTY)]


class ReviewQueueFilterSet(django_filters.FilterSet):
    """The queue's GET form. A value that does not validate is reported and ignored."""

    conflict = django_filters.ModelChoiceFilter(
        queryset=Conflict.objects.all(), to_field_name="key", empty_label="Any conflict"
    )
    settlement = django_filters.CharFilter(
        method="filter_settlement",
        max_length=SETTLEMENT_FILTER_MAX_CHARS,
        label="Settlement",
        widget=forms.TextInput(attrs={"placeholder": "name or id"}),
    )
    claimant_side = django_filters.ChoiceFilter(
        choices=_claimant_side_choices, empty_label="Any claimant side"
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, empty_label="Any kind")
    confidence = django_filters.NumberFilter(
        field_name="confidence",
        lookup_expr="gte",
        label="Confidence at least",
        min_value=0,
        max_value=1,
        decimal_places=2,
    )
    outlet = django_filters.ModelChoiceFilter(
        field_name="article__outlet", queryset=Outlet.objects.all(), empty_label="Any outlet"
    )

    class Meta:
        model = Claim
        fields = ["conflict", "settlement", "claimant_side", "kind", "confidence", "outlet"]

    def filter_settlement(self, queryset: QuerySet[Claim], name: str, value: str):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(settlement_id=int(value))
        needle = normalize_name(value)
        return (
            queryset.filter(settlement__normalized_name__startswith=needle) if needle else queryset
        )


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(choices=Review.Verdict.choices)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for a dispute: say what is wrong and how you know.",
    )
    evidence_url = forms.CharField(
        label="Evidence URL",
        required=False,
        widget=forms.URLInput,
        help_text="Optional: a link that supports your verdict.",
    )


class ClaimIdsField(forms.Field):
    """A list of claim ids from repeated form values (checkboxes)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Select at least one claim.",
        "invalid": "A selected claim id is not a number.",
        "too_many": "Select at most %(limit)d claims at once.",
    }

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(str(v).strip()) for v in values]
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if any(i <= 0 or i > 2**63 - 1 for i in ids):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return list(dict.fromkeys(ids))

    def validate(self, value: list[int]) -> None:
        super().validate(value)
        if len(value) > BULK_MAX_CLAIMS:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": BULK_MAX_CLAIMS}
            )


class BulkConfirmForm(forms.Form):
    claim_ids = ClaimIdsField()


class ClaimCorrectionForm(forms.Form):
    """What an editor may change about an extraction. Built for one claim: side choices
    are its conflict's sides, and unchanged fields are left out of `changes()` (a
    correction that changes nothing is the service's to refuse)."""

    settlement = forms.ModelChoiceField(
        queryset=Settlement.objects.all(),
        widget=forms.NumberInput(attrs={"min": 1}),
        label="Settlement id",
        error_messages={"invalid_choice": "No settlement has this id."},
    )
    claimant_side = forms.ChoiceField(label="Claimant side")
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    side = forms.ChoiceField(
        required=False, help_text="The side the claim is about; none for “contested”."
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: why this was wrong.",
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        self.claim = claim
        current = {
            "settlement": claim.settlement_id,
            "claimant_side": claim.claimant_side,
            "kind": claim.kind,
            "side": claim.side,
        }
        kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        sides = [(side.key, side.name) for side in claim.conflict.sides.all()]
        self.fields["claimant_side"].choices = [*sides, (THIRD_PARTY, "third party (no side)")]
        self.fields["side"].choices = [("", "— none —"), *sides]
        self.fields["settlement"].help_text = (
            f"Now {claim.settlement.name} (id {claim.settlement_id}); "
            "the id is on the settlement's page."
        )

    def changes(self) -> dict:
        """The submitted values that differ from the claim's, as claim_correct arguments."""
        data = self.cleaned_data
        changed = {}
        if data["settlement"].id != self.claim.settlement_id:
            changed["settlement_id"] = data["settlement"].id
        for field in ("claimant_side", "kind", "side"):
            if data[field] != getattr(self.claim, field):
                changed[field] = data[field]
        return changed
