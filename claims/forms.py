"""Editor forms: the review queue's filters, a verdict, a bulk confirm, a correction.

They check shapes only; the review services decide what is acceptable (a dispute needs a
note, how long a note may be, a correction must name real sides and change something) and
say so with a DomainError, which the views show on the field it names.
"""

from typing import cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, Review
from claims.selectors.settlements import settlement_list
from claims.services.reviews import BULK_MAX_CLAIMS
from claims.vocabulary import THIRD_PARTY
from gazetteer.models import Conflict, Settlement, SettlementAlias, Side
from gazetteer.names import normalize_name
from sources.models import Outlet

SETTLEMENT_FILTER_MAX_CHARS = 200
# Places offered when a name matches several (five villages called Pokrovske).
SETTLEMENT_CHOICES = 12


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
        if not needle:
            return queryset
        # Any of the settlement's names: Dzerzhinsk and Торецьк find Toretsk's claims.
        alias_hit = SettlementAlias.objects.filter(
            settlement=OuterRef("settlement_id"), normalized__startswith=needle
        )
        named = Q(settlement__normalized_name__startswith=needle)
        return queryset.filter(named | Exists(alias_hit))


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


def settlement_label(settlement: Settlement) -> str:
    """One line that tells same-named places apart: where, how big, and which name matched."""
    where = ", ".join(part for part in (settlement.region, settlement.country) if part)
    parts = [f"{settlement.name} — {where or 'region unknown'}"]
    if settlement.population:
        parts.append(f"population {settlement.population:,}")
    if settlement.latitude is not None and settlement.longitude is not None:
        parts.append(f"{settlement.latitude:.3f}, {settlement.longitude:.3f}")
    # Set by settlement_list() on a search; a settlement loaded otherwise has none.
    matched = getattr(settlement, "matched_alias", "")
    if matched:
        parts.append(f"matched “{matched}”")
    if settlement.is_provisional:
        parts.append("provisional")
    return " · ".join(parts)


class ClaimCorrectionForm(forms.Form):
    """What an editor may change about an extraction. Built for one claim: side choices
    are its conflict's sides, and unchanged fields are left out of `changes()` (a
    correction that changes nothing is the service's to refuse).

    The settlement is picked by name, without JavaScript: the editor types any of its
    names; one match (or one exact match) is taken, several are offered as choices on the
    form shown again. `settlement` (an id) also works alone, for a pick from that list and
    for clients that post ids.
    """

    settlement_name = forms.CharField(
        label="Settlement",
        required=False,
        max_length=SETTLEMENT_FILTER_MAX_CHARS,
        help_text="Type any of its names (Dzerzhinsk, Торецьк…); if several places match, "
        "you pick one.",
    )
    settlement = forms.IntegerField(
        label="Which one?",
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.RadioSelect,
        error_messages={"invalid": "Pick a settlement from the list."},
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
            "settlement_name": claim.settlement.name,
            "claimant_side": claim.claimant_side,
            "kind": claim.kind,
            "side": claim.side,
        }
        kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        sides = [(side.key, side.name) for side in claim.conflict.sides.all()]
        claimant_side = cast(forms.ChoiceField, self.fields["claimant_side"])
        claimant_side.choices = [*sides, (THIRD_PARTY, "third party (no side)")]
        cast(forms.ChoiceField, self.fields["side"]).choices = [("", "— none —"), *sides]
        self.fields["settlement_name"].help_text = (
            f"Now {settlement_label(claim.settlement)}. " + self.fields["settlement_name"].help_text
        )
        self.candidates: list[Settlement] = []
        name = (self.data.get("settlement_name") or "").strip() if self.is_bound else ""
        if name and not self._is_current(name):
            self.candidates = list(
                settlement_list(q=name[:SETTLEMENT_FILTER_MAX_CHARS])[:SETTLEMENT_CHOICES]
            )
        self.fields["settlement"].widget.choices = [
            (c.id, settlement_label(c)) for c in self.candidates
        ]

    def _is_current(self, name: str) -> bool:
        return normalize_name(name) == self.claim.settlement.normalized_name

    def clean(self):
        data = super().clean() or {}
        if "settlement" in self.errors or "settlement_name" in self.errors:
            return data
        data["settlement_row"] = self._chosen_settlement(
            name=(data.get("settlement_name") or "").strip(), picked=data.get("settlement")
        )
        return data

    def _chosen_settlement(self, *, name: str, picked: int | None) -> Settlement | None:
        """The settlement the editor means, or None after adding the error that says why."""
        by_id = {c.id: c for c in self.candidates}
        if picked is not None and (picked in by_id or not name):
            chosen = by_id.get(picked) or Settlement.objects.filter(pk=picked).first()
            if chosen is None:
                self.add_error("settlement", "No settlement has this id.")
            return chosen
        if not name or self._is_current(name):
            return self.claim.settlement
        needle = normalize_name(name)
        exact = [
            c
            for c in self.candidates
            if needle in (c.normalized_name, normalize_name(getattr(c, "matched_alias", "")))
        ]
        if len(exact) == 1 or len(self.candidates) == 1:
            return (exact or self.candidates)[0]
        if not self.candidates:
            self.add_error(
                "settlement_name",
                f"No settlement is called “{name}”. Try another spelling or a party's name.",
            )
        else:
            many = len(self.candidates)
            shown = f" (the first {many} are listed)" if many == SETTLEMENT_CHOICES else ""
            self.add_error("settlement", f"{many} settlements match “{name}”{shown}: pick one.")
        return None

    def changes(self) -> dict:
        """The submitted values that differ from the claim's, as claim_correct arguments."""
        data = self.cleaned_data
        changed = {}
        if data["settlement_row"].id != self.claim.settlement_id:
            changed["settlement_id"] = data["settlement_row"].id
        for field in ("claimant_side", "kind", "side"):
            if data[field] != getattr(self.claim, field):
                changed[field] = data[field]
        return changed
