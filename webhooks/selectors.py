"""Reads for webhooks: a user's subscriptions, a subscription's delivery log, what is due."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from webhooks.models import Delivery, DeliveryAttempt, Subscription


def subscription_list(*, owner) -> QuerySet[Subscription]:
    """The owner's subscriptions, newest first, with their delivery counts."""
    return (
        Subscription.objects.filter(owner=owner)
        .select_related("conflict", "settlement")
        .annotate(
            delivered_count=Count("deliveries", filter=Q(deliveries__status="delivered")),
            failed_count=Count("deliveries", filter=Q(deliveries__status="failed")),
            open_count=Count("deliveries", filter=Q(deliveries__status__in=["pending", "sending"])),
        )
        .order_by("-created_at", "-id")
    )


def subscription_get(*, owner, subscription_id: int) -> Subscription | None:
    """One of the owner's subscriptions; None for another user's (as if it did not exist)."""
    return subscription_list(owner=owner).filter(id=subscription_id).first()


def delivery_list(*, subscription: Subscription) -> QuerySet[Delivery]:
    """The subscription's deliveries, newest first, each with its attempts in order."""
    return (
        Delivery.objects.filter(subscription=subscription)
        .select_related("subscription", "change")
        .prefetch_related(
            Prefetch("attempt_log", queryset=DeliveryAttempt.objects.order_by("number"))
        )
        .order_by("-id")
    )


def delivery_get(*, owner, delivery_id: int, subscription_id: int) -> Delivery | None:
    return (
        Delivery.objects.filter(
            id=delivery_id, subscription_id=subscription_id, subscription__owner=owner
        )
        .select_related("subscription")
        .first()
    )


def deliveries_due(*, limit: int = 500) -> list[int]:
    """Deliveries whose next attempt is due, or whose sender's claim lapsed, oldest first."""
    return list(
        Delivery.objects.filter(
            status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING],
            next_attempt_at__lte=timezone.now(),
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
