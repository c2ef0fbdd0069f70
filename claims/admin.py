from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims import services
from claims.forms import ClaimCorrectionForm
from claims.models import Claim, Correction, Review, SettlementStatus
from conflictwatch.core.admin import ReadOnly, ReadOnlyAdmin
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.pages import add_domain_error
from conflictwatch.core.users import signed_in_user


class ClaimHistoryInline(ReadOnly, admin.TabularInline):
    """A claim's reviews or corrections on its admin page, shown as written."""

    extra = 0
    can_delete = False
    show_change_link = False


class ReviewHistoryInline(ClaimHistoryInline):
    model = Review
    fields = readonly_fields = (
        "created_at", "verdict", "reviewer", "note", "evidence_url", "origin_claim_id",
    )  # fmt: skip


class CorrectionHistoryInline(ClaimHistoryInline):
    model = Correction
    fields = readonly_fields = ("created_at", "editor", "changes", "note", "origin_claim_id")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Claims are shown here, never edited: what a claim says is evidence (the article
    and sentence it was read from, its date and confidence) or an extraction an editor
    fixes with a correction. "Correct" opens the correction form, which goes through
    claims.services.claim_correct like the review pages: recorded, status recomputed."""

    list_display = [
        "id",
        "stated_on",
        "settlement",
        "claimant_side",
        "kind",
        "side",
        "confidence",
        "status",
    ]
    list_filter = ["status", "kind", "conflict"]
    list_select_related = ["settlement"]
    search_fields = ["=id", "^settlement__normalized_name", "claimant_name"]
    raw_id_fields = ["article", "settlement", "claimant"]
    date_hierarchy = "stated_on"
    show_full_result_count = False
    inlines = [ReviewHistoryInline, CorrectionHistoryInline]
    change_form_template = "admin/claims/claim/change_form.html"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A claim with a history is superseded or merged; the database refuses it too.
        return False

    def get_urls(self):
        correct = path(
            "<int:claim_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name="claims_claim_correct",
        )
        return [correct, *super().get_urls()]

    def correct_view(self, request, claim_id: int):
        if not request.user.has_perm("claims.add_correction"):
            raise PermissionDenied
        claims = Claim.objects.select_related("settlement", "conflict")
        claim = get_object_or_404(claims, pk=claim_id)
        form = ClaimCorrectionForm(request.POST or None, claim=claim)
        if request.method == "POST" and form.is_valid():
            try:
                survivor = services.claim_correct(
                    claim_id=claim.id,
                    editor=signed_in_user(request),
                    note=form.cleaned_data["note"],
                    **form.changes(),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _corrected_message(claim.id, survivor.id))
                return HttpResponseRedirect(
                    reverse("admin:claims_claim_change", args=[survivor.id])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": claim,
            "title": f"Correct claim #{claim.id}",
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/claim/correct.html", context)


def _corrected_message(claim_id: int, survivor_id: int) -> str:
    if survivor_id != claim_id:
        return f"Claim #{claim_id} corrected and merged into claim #{survivor_id}."
    return f"Claim #{claim_id} corrected; the settlement's status was recomputed."


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["id", "claim", "verdict", "reviewer", "created_at"]
    list_filter = ["verdict"]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["=claim__id", "reviewer__username"]
    show_full_result_count = False


@admin.register(SettlementStatus)
class SettlementStatusAdmin(ReadOnlyAdmin):
    """Derived from claims and reviews; shown, never typed in."""

    list_display = ["settlement", "state", "side", "since", "updated_at"]
    list_filter = ["state"]
    list_select_related = ["settlement"]
    search_fields = ["^settlement__normalized_name"]
    show_full_result_count = False


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ["id", "claim", "editor", "created_at"]
    list_select_related = ["claim", "editor"]
    search_fields = ["=claim__id", "editor__username"]
    show_full_result_count = False
