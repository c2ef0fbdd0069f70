"""The editor's pages: the review queue, a verdict on a claim, a bulk confirm, a correction.

Every write is a plain POST form that works without JavaScript; after it, the editor goes back
to where they came from (the queue with its filters and page, or a settlement page), which the
form carries in `next`. static/js/review.js only adds keys on top.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, ListView

from claims import services
from claims.forms import BulkConfirmForm, ClaimCorrectionForm, ReviewForm, ReviewQueueFilterSet
from claims.models import Claim
from claims.selectors.review_queue import claim_for_review, claims_waiting_count, review_queue
from claims.vocabulary import ReviewVerdict
from conflictwatch.core.pages import DomainFormMixin
from conflictwatch.core.users import signed_in_user

QUEUE_PAGE_SIZE = 25
NEXT_MAX_CHARS = 2000

VERDICT_DONE = {
    ReviewVerdict.CONFIRM: "confirmed",
    ReviewVerdict.DISPUTE: "disputed",
    ReviewVerdict.RESET: "reset to unverified",
}


class EditorRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous visitors are sent to log in; users without the permission get 403."""


def safe_next(request, *, default: str) -> str:
    """Where to go after a write: the form's `next` if it stays on this site, else default."""
    target = (request.POST.get("next") or request.GET.get("next") or "")[:NEXT_MAX_CHARS]
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


class ReviewQueueView(EditorRequiredMixin, ListView):
    permission_required = "claims.add_review"
    template_name = "claims/review_queue.html"
    context_object_name = "claims"
    paginate_by = QUEUE_PAGE_SIZE

    def get_queryset(self):
        self.filterset = ReviewQueueFilterSet(self.request.GET or None, queryset=review_queue())
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # After a confirm the last page may be gone; junk or a page too far shows the nearest.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        filtered = any(value for name, value in self.request.GET.items() if name != self.page_kwarg)
        context = super().get_context_data(
            filter_form=self.filterset.form,
            filtered=filtered,
            waiting_total=claims_waiting_count(),
            here=self.request.get_full_path(),
            **kwargs,
        )
        context["claims"] = context["object_list"] = _anchor_on_the_next(context["object_list"])
        return context


def _anchor_on_the_next(claims) -> list:
    """Each claim's `after_id`: where the queue lands after a verdict on it. The claim
    leaves the queue, so the page comes back at the claim after it (the one before, for
    the last claim on the page), which stays on this page."""
    claims = list(claims)
    for i, claim in enumerate(claims):
        neighbour = claims[i + 1] if i + 1 < len(claims) else claims[i - 1] if i else None
        claim.after_id = neighbour.id if neighbour else None
    return claims


class ClaimFormMixin(EditorRequiredMixin, DomainFormMixin):
    """A form about one claim (from the URL); 404 when there is no such claim."""

    def dispatch(self, request, *args, **kwargs):
        # Permission first, so a stranger cannot probe which claim ids exist.
        if not request.user.is_authenticated or not self.has_permission():
            return self.handle_no_permission()
        try:
            self.claim = claim_for_review(claim_id=kwargs["pk"])
        except Claim.DoesNotExist as exc:
            raise Http404("No such claim.") from exc
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        return safe_next(self.request, default=reverse("review-queue"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(claim=self.claim, next=self.next_url(), **kwargs)


class ReviewAddView(ClaimFormMixin, FormView):
    """A verdict on one claim. GET shows the dispute form on its own page; a refused POST
    shows it again with the service's reason."""

    permission_required = "claims.add_review"
    template_name = "claims/review_form.html"
    form_class = ReviewForm

    def get_initial(self):
        return {"verdict": ReviewVerdict.DISPUTE}

    def perform(self, form):
        data = form.cleaned_data
        services.review_add(
            claim_id=self.claim.id,
            reviewer=signed_in_user(self.request),
            verdict=data["verdict"],
            note=data["note"],
            evidence_url=data["evidence_url"],
        )
        done = VERDICT_DONE.get(data["verdict"], data["verdict"])
        messages.success(
            self.request, f"Claim #{self.claim.id} ({self.claim.settlement.name}) {done}."
        )
        return HttpResponseRedirect(self.next_url())


class ReviewConfirmBulkView(EditorRequiredMixin, View):
    permission_required = "claims.add_review"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = BulkConfirmForm(request.POST)
        back = safe_next(request, default=reverse("review-queue"))
        if not form.is_valid():
            for error in form.errors.get("claim_ids", []):
                messages.error(request, str(error))
            return HttpResponseRedirect(back)
        ids = form.cleaned_data["claim_ids"]
        confirmed = services.reviews_confirm_bulk(claim_ids=ids, reviewer=signed_in_user(request))
        text = f"Confirmed {confirmed} claim{'s' if confirmed != 1 else ''}."
        if confirmed < len(ids):
            skipped = len(ids) - confirmed
            text += f" {skipped} {'was' if skipped == 1 else 'were'} no longer waiting."
        messages.success(request, text)
        return HttpResponseRedirect(back)


class ClaimCorrectView(ClaimFormMixin, FormView):
    permission_required = "claims.add_correction"
    template_name = "claims/review_correct.html"
    form_class = ClaimCorrectionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "claim": self.claim}

    def perform(self, form):
        survivor = services.claim_correct(
            claim_id=self.claim.id,
            editor=signed_in_user(self.request),
            note=form.cleaned_data["note"],
            **form.changes(),
        )
        text = f"Claim #{self.claim.id} corrected."
        if survivor.id != self.claim.id:
            text = f"Claim #{self.claim.id} corrected and merged into claim #{survivor.id}."
        messages.success(self.request, text)
        return HttpResponseRedirect(self.next_url())
