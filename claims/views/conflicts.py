"""Pages for conflicts: the list, and one conflict with its sides, latest claims,
recently changed settlements and its map."""

from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from claims.selectors import conflicts as selectors
from claims.views.maps import MapFilterForm, map_context, map_downloads
from conflictwatch.core.pages import PublicReadMixin
from gazetteer.models import Conflict


class ConflictListView(PublicReadMixin, TemplateView):
    template_name = "claims/conflict_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(conflicts=list(selectors.conflict_list()), **kwargs)


class ConflictDetailView(PublicReadMixin, TemplateView):
    template_name = "claims/conflict_detail.html"

    def get_context_data(self, **kwargs):
        try:
            conflict = selectors.conflict_get(key=kwargs["key"])
        except Conflict.DoesNotExist as exc:
            raise Http404("No such conflict.") from exc
        form = MapFilterForm({**self.request.GET.dict(), "conflict": conflict.key})
        claims_url = reverse("api:claim-list")
        downloads = {
            **map_downloads(form=form),
            "claims_csv": f"{claims_url}?{urlencode({'conflict': conflict.key, 'format': 'csv'})}",
        }
        return super().get_context_data(
            **map_context(form=form),
            downloads=downloads,
            conflict=conflict,
            latest_claims=selectors.conflict_latest_claims(conflict_id=conflict.id),
            recently_changed=selectors.conflict_recently_changed(conflict_id=conflict.id),
            **kwargs,
        )
