"""The settlements page's filters and sort: a GET form (django-filter) over
claims.selectors.settlement_rows(). A value that does not validate is shown as an error
and ignored, so a hand-edited URL still lists something."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast

from claims.models import Claim, Conflict, Settlement, SettlementStatus
from claims.selectors.sides import side_choices
from claims.vocabulary import DISPUTED_CLAIMS, SettlementState

REGION_MAX_CHARS = 200

# Unknown values (no population, no status yet) sort last whichever way a column runs.
SORTS = {
    "claims": (F("claim_count").desc(), "name", "id"),
    "name": ("name", "id"),
    "population": (F("population").desc(nulls_last=True), "name", "id"),
    "since": (F("current_status__since").desc(nulls_last=True), "name", "id"),
    "changed": (F("current_status__updated_at").desc(nulls_last=True), "name", "id"),
}
SORT_LABELS = [
    ("claims", "Most claims"),
    ("name", "Name"),
    ("population", "Population"),
    ("since", "Held since (newest)"),
    ("changed", "Recently changed"),
]


class SettlementFilterSet(django_filters.FilterSet):
    conflict = django_filters.ModelChoiceFilter(
        queryset=Conflict.objects.all(),
        to_field_name="key",
        empty_label="Any conflict",
        method="filter_conflict",
    )
    country = django_filters.CharFilter(
        method="filter_country",
        max_length=2,
        min_length=2,
        label="Country",
        widget=forms.TextInput(attrs={"placeholder": "UA", "size": 3}),
    )
    region = django_filters.CharFilter(
        field_name="region",
        lookup_expr="icontains",
        max_length=REGION_MAX_CHARS,
        label="Region",
        widget=forms.TextInput(attrs={"placeholder": "Donetsk"}),
    )
    state = django_filters.ChoiceFilter(
        choices=SettlementStatus.State.choices,
        method="filter_state",
        label="Assessed state",
        empty_label="Any state",
    )
    side = django_filters.ChoiceFilter(
        choices=side_choices,
        field_name="current_status__side",
        label="Held by",
        empty_label="Any side",
    )
    disputed = django_filters.BooleanFilter(
        method="filter_disputed",
        label="Disputed claims",
        widget=forms.Select(
            choices=[("", "Either"), ("true", "Flagged"), ("false", "Not flagged")]
        ),
    )
    changed_since = django_filters.DateFilter(
        field_name="current_status__updated_at",
        lookup_expr="date__gte",
        label="Changed since",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_LABELS, method="filter_sort", label="Sort", empty_label=None
    )

    class Meta:
        model = Settlement
        fields = []

    def filter_conflict(self, queryset: QuerySet, name: str, value: Conflict) -> QuerySet:
        # Exists rather than a join, so a settlement with many claims stays one row.
        in_conflict = Claim.objects.filter(settlement=OuterRef("pk"), conflict=value)
        return queryset.filter(Exists(in_conflict))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country=value.strip().upper())

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == SettlementState.UNKNOWN:
            # A settlement no claim has touched yet has no status row: unknown too.
            return queryset.filter(Q(current_status__isnull=True) | Q(current_status__state=value))
        return queryset.filter(current_status__state=value)

    def filter_disputed(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        # The flags are a short JSON list; matching its text works on PostgreSQL and on the
        # demo's SQLite alike (JSON containment does not exist on SQLite).
        flagged = Q(flags_text__contains=f'"{DISPUTED_CLAIMS}"')
        queryset = queryset.annotate(flags_text=Cast("current_status__flags", TextField()))
        # No status row yet: nothing is flagged.
        return queryset.filter(flagged if value else Q(flags_text__isnull=True) | ~flagged)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*SORTS.get(value, SORTS["claims"]))
