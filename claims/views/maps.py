"""The map page: settlements by assessed state and side, with an as-of date slider. The
filters and the date live in the URL, so a view is a permalink; the points come from
/api/v1/settlements/map/ (claims.api.maps)."""

import datetime as dt
from typing import cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.urls import reverse
from django.views.generic import TemplateView

from claims.models import SettlementStatus
from claims.selectors.maps import map_date_range
from claims.views.settlements import settlement_downloads
from conflictwatch.core.pages import PublicReadMixin
from gazetteer.models import Conflict
from gazetteer.selectors import side_choices


class MapFilterForm(forms.Form):
    conflict = forms.ModelChoiceField(
        queryset=Conflict.objects.all(), to_field_name="key", required=False,
        empty_label="Any conflict",
    )  # fmt: skip
    state = forms.ChoiceField(
        choices=[("", "Any state"), *SettlementStatus.State.choices], required=False,
        label="Assessed state",
    )  # fmt: skip
    side = forms.ChoiceField(required=False, label="Held by")
    as_of = forms.DateField(
        required=False,
        label="As of",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD (e.g. 2025-02-01)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["side"]).choices = [("", "Any side"), *side_choices()]

    def api_query(self) -> dict[str, str]:
        """The valid filters as the map API's query parameters."""
        if not self.is_bound:
            return {}
        data = self.cleaned_data if self.is_valid() else {}
        query = {}
        for name in ("conflict", "state", "side", "as_of"):
            value = data.get(name)
            if value:
                query[name] = value.key if name == "conflict" else str(value)
        return query


def map_context(*, form: MapFilterForm) -> dict:
    """What the map include needs: the points URL with the filters, the slider's ends."""
    first, last = map_date_range()
    today = dt.date.today()
    return {
        "map_form": form,
        "map_query": urlencode(form.api_query()),
        "map_points_url": reverse("api:settlement-map"),
        "map_first_day": first,
        "map_last_day": max(last or today, today),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def map_downloads(*, form: MapFilterForm) -> dict[str, str]:
    """The settlements exports for the map's filters and day, and a `note` when both are
    set: the exports take the day for each settlement's status but filter on today's."""
    query = form.api_query()
    downloads = settlement_downloads(query)
    if "as_of" in query and ("state" in query or "side" in query):
        downloads["note"] = (
            f"Each settlement's status as of {query['as_of']}; the state and side filters "
            "pick settlements by their status today."
        )
    return downloads


class MapView(PublicReadMixin, TemplateView):
    """The map, and CSV and GeoJSON downloads of the settlements it shows (the API's
    exports with the same filters and day)."""

    template_name = "claims/map.html"

    def get_context_data(self, **kwargs):
        form = MapFilterForm(self.request.GET or None)
        return super().get_context_data(
            **map_context(form=form), downloads=map_downloads(form=form), **kwargs
        )
