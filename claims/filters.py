"""The settlements page's filters and sort: a GET form (django-filter) over
claims.selectors.settlement_rows(). A value that does not validate is shown as an error
and ignored, so a hand-edited URL still lists something."""

import datetime as dt

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, F, OuterRef, QuerySet

from claims.models import Claim, SettlementStatus
from claims.selectors.settlements import settlements_flagged, settlements_in_state
from gazetteer.models import Conflict, Settlement
from gazetteer.selectors import side_choices

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
        validators=[RegexValidator(r"^\s*[A-Za-z]{2}\s*$", "Use a two-letter country code.")],
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
        fields: list[str] = []

    def export_params(self) -> dict[str, str]:
        """The filters that validated, as the API's settlement list takes them, so a
        download holds the rows the page lists (sort and page are the page's own)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # cleaned_data then holds the fields that validated
        params = {}
        for name, value in self.form.cleaned_data.items():
            if name == "sort" or value is None or value == "":
                continue
            if isinstance(value, Conflict):
                value = value.key
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, dt.date):
                value = value.isoformat()
            params[name] = value.strip()
        return params

    def filter_conflict(self, queryset: QuerySet, name: str, value: Conflict) -> QuerySet:
        # Exists rather than a join, so a settlement with many claims stays one row.
        in_conflict = Claim.objects.filter(settlement=OuterRef("pk"), conflict=value)
        return queryset.filter(Exists(in_conflict))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country=value.strip().upper())

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return settlements_in_state(queryset, value)

    def filter_disputed(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset if value is None else settlements_flagged(queryset, value)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*SORTS.get(value, SORTS["claims"]))
