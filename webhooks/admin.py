"""Webhooks in the Django admin: subscriptions (looked at, stopped or switched on through
the services, never edited field by field: a URL is checked when it is subscribed and a
secret is made by the app), and the delivery log, which is read-only. A secret is never
shown in full here: its last four characters tell which one it is."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from conflictwatch.core.admin import ReadOnlyAdmin
from webhooks.models import Delivery, DeliveryAttempt, Subscription
from webhooks.services.subscriptions import subscription_stop, subscription_update
from webhooks.signing import secret_hint


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["id", "url", "owner", "scope_label", "active", "secret_shown", "created_at"]
    list_filter = ["active"]
    list_select_related = ["owner"]
    search_fields = ["url", "description", "owner__username"]
    fields = readonly_fields = (
        "owner", "url", "description", "conflict", "settlement", "event_types", "active",
        "disabled_reason", "secret_shown", "secret_rotated_at", "overlap_ends",
        "starts_after", "created_at", "updated_at",
    )  # fmt: skip
    actions = ["stop", "switch_on"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="secret")
    def secret_shown(self, subscription: Subscription) -> str:
        return secret_hint(subscription.secret)

    @admin.display(description="old secret signs until")
    def overlap_ends(self, subscription: Subscription):
        return subscription.overlap_ends_at(at=timezone.now()) or "—"

    @admin.action(description="Stop the selected subscriptions", permissions=["change"])
    def stop(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        self._switch(request, queryset, active=False)

    @admin.action(description="Switch on the selected subscriptions", permissions=["change"])
    def switch_on(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        self._switch(request, queryset, active=True)

    def _switch(self, request, queryset, *, active: bool) -> None:
        changed = 0
        for subscription in queryset.filter(active=not active):
            if active:
                subscription_update(subscription=subscription, active=True)
                changed += 1
            else:
                changed += subscription_stop(
                    subscription_id=subscription.id, reason="Stopped by an administrator."
                )
        state = "switched on" if active else "stopped"
        self.message_user(request, f"{changed} subscriptions {state}.", messages.SUCCESS)


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "number", "started_at", "duration_ms", "status_code", "error", "response_snippet",
        "next_attempt_at", "replay",
    )  # fmt: skip

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "message_id", "event", "status", "attempts", "last_status_code", "next_attempt_at",
        "subscription_url", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "event"]
    list_select_related = ["subscription"]
    search_fields = ["=message_id", "subscription__url"]
    show_full_result_count = False
    fields = (
        "message_id", "subscription_url", "change", "event", "status", "attempts",
        "next_attempt_at", "last_status_code", "last_error", "delivered_at", "replayed_at",
        "created_at",
    )  # fmt: skip
    readonly_fields = fields
    inlines = [AttemptInline]

    @admin.display(description="subscription", ordering="subscription__url")
    def subscription_url(self, delivery: Delivery) -> str:
        return f"#{delivery.subscription_id} {delivery.subscription.url}"
