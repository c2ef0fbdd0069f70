"""Pages for settlements: search and the settlement's claims."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from claims import selectors
from claims.filters import SettlementFilterSet
from claims.selectors import timeline as timeline_selectors
from claims.selectors.settlements import settlement_rows
from claims.timeline import picture
from claims.timeline.pairs import answered_by, denial_pairs, side_positions
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.pages import PublicReadMixin
from gazetteer.models import Settlement, SettlementAlias
from gazetteer.selectors import side_names

PAGE_SIZE = 50
CLAIMS_PER_PAGE = 50
QUERY_MAX_CHARS = 200


@dataclass(frozen=True)
class AliasGroup:
    label: str
    aliases: list[SettlementAlias]


def alias_groups(aliases: list[SettlementAlias]) -> list[AliasGroup]:
    """Aliases grouped by kind, in the order the kinds are declared."""
    groups = []
    for kind, label in SettlementAlias.Kind.choices:
        members = [alias for alias in aliases if alias.kind == kind]
        if members:
            groups.append(AliasGroup(label=label, aliases=members))
    return groups


class SettlementListView(PublicReadMixin, ListView):
    template_name = "claims/settlement_list.html"
    context_object_name = "settlements"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.q = self.request.GET.get("q", "").strip()[:QUERY_MAX_CHARS]
        self.q_searchable = True
        try:
            selectors.settlement_query_check(self.q)
        except DomainError as error:
            messages.error(self.request, error.message)
            self.q_searchable = False
            rows = Settlement.objects.none()
        else:
            rows = settlement_rows(q=self.q)
        self.filterset = SettlementFilterSet(self.request.GET or None, queryset=rows)
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # A page past the end (the filters narrowed the list) shows the last page, not a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        filtered = any(
            value for name, value in self.request.GET.items() if name not in ("page", "q", "sort")
        )
        query = self.filterset.export_params()
        if self.q and self.q_searchable:
            query["q"] = self.q
        return super().get_context_data(
            q=self.q,
            filter_form=self.filterset.form,
            filtered=filtered,
            downloads=settlement_downloads(query),
            **kwargs,
        )


def settlement_downloads(query: dict[str, str]) -> dict[str, str]:
    """The API's settlement exports (claims.api.exports) for these filters."""
    url = reverse("api:settlement-list")
    return {kind: f"{url}?{urlencode({**query, 'format': kind})}" for kind in ("csv", "geojson")}


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="As of",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD (e.g. 2025-02-01)."},
    )


class SettlementDetailView(PublicReadMixin, TemplateView):
    """The settlement's status (now or as of a date), its timeline picture and its claims,
    page by page. A date that does not parse answers 400 with the form's message, not the
    current status under a heading that promised another day."""

    template_name = "claims/settlement_detail.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        bad_date = context["as_of_form"].is_bound and not context["as_of_form"].is_valid()
        return self.render_to_response(context, status=400 if bad_date else 200)

    def get_context_data(self, **kwargs):
        try:
            settlement = selectors.settlement_get(settlement_id=kwargs["pk"])
        except Settlement.DoesNotExist as exc:
            raise Http404("No such settlement.") from exc
        given = self.request.GET.get("as_of")
        as_of_form = AsOfForm({"as_of": given.strip()} if given is not None else None)
        as_of = as_of_form.cleaned_data["as_of"] if as_of_form.is_valid() else None
        if as_of is None:
            status = {
                **selectors.stored_status_json(getattr(settlement, "current_status", None)),
                "as_of": None,
                "on": None,
            }
        else:
            status = selectors.settlement_status(settlement_id=settlement.id, as_of=as_of)
        rows = timeline_selectors.settlement_timeline(settlement_id=settlement.id, as_of=as_of)
        paginator = Paginator(
            timeline_selectors.settlement_claims_page(settlement_id=settlement.id), CLAIMS_PER_PAGE
        )
        if as_of is None:
            # The timeline's rows are every claim of the settlement: no COUNT query needed.
            paginator.count = len(rows)
        page = paginator.get_page(self.request.GET.get("page"))
        pairs = denial_pairs(rows)
        claims = _with_pairs(list(page.object_list), pairs)
        names = side_names()
        return super().get_context_data(
            settlement=settlement,
            status=status,
            as_of_form=as_of_form,
            alias_groups=alias_groups(list(settlement.aliases.all())),
            claims=claims,
            page_obj=page,
            positions=side_positions(rows),
            picture=picture.layout(
                rows,
                sides=timeline_selectors.settlement_sides(settlement_id=settlement.id),
                labels=names,
                pairs=pairs,
            ),
            side_names=names,
            **kwargs,
        )


def _with_pairs(claims: list, pairs: dict[int, int]) -> list:
    """Each claim with `answer_id` (the claim a denial answers) and `denied_in` (the
    denials that answer it), so the table shows a denial beside its claim."""
    answers_to = answered_by(pairs)
    for claim in claims:
        claim.answer_id = pairs.get(claim.id)
        claim.denied_in = answers_to.get(claim.id, [])
    return claims


class SettlementClaimView(PublicReadMixin, View):
    """A claim's permalink on its settlement's page: the page of claims that shows it."""

    def get(self, request, pk: int, claim_id: int):
        before = timeline_selectors.claim_position(settlement_id=pk, claim_id=claim_id)
        if before is None:
            raise Http404("No such claim about this settlement.")
        url = reverse("settlement-detail", args=[pk])
        page = before // CLAIMS_PER_PAGE + 1
        query = f"?page={page}" if page > 1 else ""
        return HttpResponseRedirect(f"{url}{query}#claim-{claim_id}")
