"""Pages for a signed-in user's own webhook subscriptions: the list with a form to add one
(its secret shown once, on the page that answers), and one subscription's delivery log
with replay, stop and switch-on."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.pages import add_domain_error
from webhooks import selectors
from webhooks.forms import SecretRotateForm, SubscriptionForm
from webhooks.services.sending import delivery_replay
from webhooks.services.subscriptions import (
    subscription_create,
    subscription_delete,
    subscription_secret_rotate,
    subscription_update,
)
from webhooks.signing import secret_hint
from webhooks.tasks import deliver, queue_on_commit

DELIVERIES_PER_PAGE = 25


class SubscriptionListView(LoginRequiredMixin, TemplateView):
    template_name = "webhooks/subscription_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubscriptionForm())
        context["subscriptions"] = selectors.subscription_list(owner=self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = subscription_create(
                    owner=request.user,
                    url=data["url"],
                    conflict_key=data["conflict"] or None,
                    settlement_id=data["settlement"],
                    event_types=data["event_types"],
                    description=data["description"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                # The secret is in this response only; the list page never shows it again.
                context = self.get_context_data(form=SubscriptionForm())
                return self.render_to_response({**context, "created": made}, status=201)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SubscriptionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "webhooks/subscription_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscription = _own(self.request, kwargs["pk"])
        pages = Paginator(selectors.delivery_list(subscription=subscription), DELIVERIES_PER_PAGE)
        context["subscription"] = subscription
        context["secret_hint"] = secret_hint(subscription.secret)
        context["overlap_ends_at"] = subscription.overlap_ends_at(at=timezone.now())
        context["page_obj"] = pages.get_page(self.request.GET.get("page"))
        context.setdefault("rotate_form", SecretRotateForm())
        return context


class SubscriptionRotateView(SubscriptionDetailView):
    """POST: a new signing secret, shown on the page that answers (this once), the old one
    signing alongside it for the overlap chosen."""

    def post(self, request, pk: int):
        subscription = _own(request, pk)
        form = SecretRotateForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(pk=pk, rotate_form=form)
            return self.render_to_response(context, status=400)
        try:
            rotated = subscription_secret_rotate(
                subscription=subscription, overlap_seconds=form.cleaned_data["overlap_seconds"]
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.render_to_response(
                self.get_context_data(pk=pk, rotate_form=form), status=400
            )
        response = self.render_to_response({**self.get_context_data(pk=pk), "rotated": rotated})
        response["Cache-Control"] = "no-store"
        return response


class SubscriptionActionView(LoginRequiredMixin, View):
    """POST `stop`, `start`, `delete`, or `replay` (with a delivery id)."""

    def post(self, request, pk: int):
        subscription = _own(request, pk)
        target = reverse("webhook-detail", args=[subscription.id])
        try:
            if "replay" in request.POST:
                self._replay(request, subscription)
            elif "stop" in request.POST or "start" in request.POST:
                subscription_update(subscription=subscription, active="start" in request.POST)
                messages.success(
                    request,
                    "The subscription is switched on."
                    if subscription.active
                    else "The subscription is stopped.",
                )
            elif "delete" in request.POST:
                subscription_delete(subscription=subscription)
                messages.success(request, "The subscription was removed.")
                target = reverse("webhook-list")
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(target)

    def _replay(self, request, subscription) -> None:
        raw = request.POST.get("replay", "")
        delivery = (
            selectors.delivery_get(
                owner=request.user, subscription_id=subscription.id, delivery_id=int(raw)
            )
            if raw.isdigit() and len(raw) <= 18
            else None
        )
        if delivery is None:
            raise DomainError("This subscription has no such delivery.")
        replayed = delivery_replay(delivery=delivery)
        queue_on_commit(deliver, replayed.id)
        messages.success(request, f"Delivery {replayed.message_id} will be sent again.")


def _own(request, pk: int):
    found = selectors.subscription_get(owner=request.user, subscription_id=pk)
    if found is None:
        raise Http404("You hold no subscription with this id.")
    return found
