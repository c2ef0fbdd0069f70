"""Pages for settlements: search and the settlement's claims."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404
from django.views.generic import ListView, TemplateView

from claims import selectors
from claims.models import Settlement, SettlementAlias
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.pages import PublicReadMixin

PAGE_SIZE = 50
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
        try:
            selectors.settlement_query_check(self.q)
        except DomainError as error:
            messages.error(self.request, error.message)
            return Settlement.objects.none()
        return selectors.settlement_list(q=self.q)

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.q, **kwargs)


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="As of",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD (e.g. 2025-02-01)."},
    )


class SettlementDetailView(PublicReadMixin, TemplateView):
    template_name = "claims/settlement_detail.html"

    def get_context_data(self, **kwargs):
        try:
            settlement = selectors.settlement_get(settlement_id=kwargs["pk"])
        except Settlement.DoesNotExist as exc:
            raise Http404("No such settlement.") from exc
        as_of_form = AsOfForm(self.request.GET or None)
        as_of = as_of_form.cleaned_data["as_of"] if as_of_form.is_valid() else None
        if as_of is None:
            status = {
                **selectors.stored_status_json(getattr(settlement, "current_status", None)),
                "as_of": None,
                "on": None,
            }
        else:
            status = selectors.settlement_status(settlement_id=settlement.id, as_of=as_of)
        return super().get_context_data(
            settlement=settlement,
            status=status,
            as_of_form=as_of_form,
            alias_groups=alias_groups(list(settlement.aliases.all())),
            claims=list(
                selectors.claim_list(settlement_id=settlement.id).prefetch_related(
                    selectors.review_history_prefetch()
                )
            ),
            **kwargs,
        )
