"""Background work for webhooks: dispatching change feed entries into deliveries, sending
each, and the sweeper that sends what is due. Tasks take ids and are safe to run twice:
the dispatcher is idempotent by its unique constraint, a send claims its delivery first."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from conflictwatch.core.logs import event
from webhooks.models import Delivery, Subscription
from webhooks.selectors import deliveries_due
from webhooks.services.dispatch import changes_dispatch
from webhooks.services.sending import delivery_send
from webhooks.services.subscriptions import secrets_expired_forget

logger = logging.getLogger(__name__)


def _queue(task, *args, countdown: float | None = None) -> bool:
    """Queue a task; a broker outage is logged, not raised: the sweeper finds the work in
    the database later (deliveries are rows, not messages)."""
    try:
        task.apply_async(args, countdown=countdown)
    except Exception:  # kombu and redis raise many types; each means "not queued"
        logger.warning(
            "could not queue %s%r", task.name, args, exc_info=True,
            extra=event("webhooks.enqueue_failed", task=task.name),
        )  # fmt: skip
        return False
    return True


def queue_on_commit(task, *args) -> None:
    """Queue once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _queue(task, *args))


def changes_committed_receiver(**_) -> None:
    """`claims.signals.changes_committed`: new feed entries may mean new deliveries. With
    no active subscription there is nothing to dispatch, and no message is sent (most
    writes, on most deployments)."""
    if Subscription.objects.filter(active=True).exists():
        _queue(dispatch_changes)


@shared_task(name="webhooks.tasks.dispatch_changes", acks_late=True)
def dispatch_changes() -> int:
    made, more = changes_dispatch()
    for delivery_id in made:
        _queue(deliver, delivery_id)
    if more:
        _queue(dispatch_changes)
    return len(made)


@shared_task(name="webhooks.tasks.deliver", acks_late=True, reject_on_worker_lost=True)
def deliver(delivery_id: int) -> None:
    """One attempt; a failed one queues the next with the back-off as its countdown."""
    delivery = delivery_send(delivery_id=delivery_id)
    if delivery is None:
        return
    logger.info(
        "webhook delivery %s attempt %s: %s",
        delivery.message_id,
        delivery.attempts,
        delivery.last_status_code or delivery.last_error,
        extra=event(
            "webhooks.attempt", delivery_id=delivery.id, status=delivery.status,
            status_code=delivery.last_status_code,
        ),
    )  # fmt: skip
    if delivery.status == Delivery.Status.PENDING and delivery.next_attempt_at:
        wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
        _queue(deliver, delivery.id, countdown=max(0.0, wait))


@shared_task(name="webhooks.tasks.send_due_deliveries")
def send_due_deliveries() -> int:
    """Periodic: dispatch what the signal missed and queue every delivery that is due
    (a lost message, a worker that died mid-send, a broker that was down); forget the
    replaced secrets whose overlap has ended."""
    secrets_expired_forget()
    dispatch_changes()
    due = deliveries_due()
    for delivery_id in due:
        _queue(deliver, delivery_id)
    return len(due)
