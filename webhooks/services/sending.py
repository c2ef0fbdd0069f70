"""Sending a delivery: claim it, POST it signed, record the answer, decide what next.

Outcomes of one attempt:
- 2xx: delivered.
- 410 Gone: the receiver wants no more; the delivery fails and the subscription stops.
- 429 or 503 with Retry-After: tried again when the receiver asked (capped), else as below.
- any other answer, no answer (refused, timeout, reset): tried again after an exponential
  back-off (base * 2^(n-1), capped, plus up to a tenth of jitter so receivers coming back
  are not hit by every sender at once), until the attempts run out; then it fails.
- the guard refused the target (it now resolves to a private address): fails at once.

A sender claims a delivery with a conditional UPDATE (due, pending or with a lapsed
claim), so two workers given the same id send it once; a worker that dies mid-send leaves
a claim that lapses and the sweeper hands the delivery out again.
"""

import datetime as dt
import email.utils
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from conflictwatch.core import outbound
from conflictwatch.core.exceptions import ConflictError
from webhooks import payloads
from webhooks.models import Delivery, DeliveryAttempt, Subscription
from webhooks.services.subscriptions import subscription_stop
from webhooks.signing import signed_headers

OPEN = [Delivery.Status.PENDING, Delivery.Status.SENDING]


@dataclass(frozen=True)
class Answer:
    status_code: int | None = None
    headers: dict | None = None
    snippet: str = ""
    error: str = ""
    refused: bool = False
    duration_ms: int = 0


def delivery_claim(*, delivery_id: int) -> Delivery | None:
    """Take the delivery for one attempt if it is due; None if it is not (or is taken)."""
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    taken = Delivery.objects.filter(id=delivery_id, status__in=OPEN, next_attempt_at__lte=now)
    if not taken.update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + lease
    ):
        return None
    return Delivery.objects.select_related("subscription", "change").get(id=delivery_id)


def delivery_send(*, delivery_id: int) -> Delivery | None:
    """One attempt at the delivery, if it is due. Returns it as recorded after the attempt
    (pending with `next_attempt_at` when it is to be tried again), or None if it was not
    due. The POST happens outside any transaction."""
    delivery = delivery_claim(delivery_id=delivery_id)
    if delivery is None:
        return None
    subscription = delivery.subscription
    if not subscription.active:
        answer = Answer(error="Not sent: the subscription is stopped.", refused=True)
    else:
        answer = _post(delivery, subscription)
    return _record(delivery, answer)


def _post(delivery: Delivery, subscription: Subscription) -> Answer:
    body = payloads.body(delivery.change)
    now = timezone.now()
    headers = {
        "Content-Type": "application/json",
        **signed_headers(
            secrets=subscription.signing_secrets(at=now), message_id=delivery.message_id,
            body=body, at=now,
        ),
    }  # fmt: skip
    limits = outbound.Limits(
        max_bytes=settings.WEBHOOK_RESPONSE_SNIPPET_BYTES,
        total_seconds=settings.WEBHOOK_TIMEOUT_SECONDS,
        connect_seconds=min(5.0, settings.WEBHOOK_TIMEOUT_SECONDS),
        content_types=(),
    )
    started = time.monotonic()
    try:
        response = outbound.post(
            subscription.url, body=body.encode("utf-8"), headers=headers, limits=limits
        )
    except outbound.OutboundRefused as error:
        return Answer(error=str(error)[:300], refused=True, duration_ms=_since(started))
    except outbound.OutboundError as error:
        return Answer(error=str(error)[:300], duration_ms=_since(started))
    return Answer(
        status_code=response.status,
        headers=response.headers,
        snippet=response.body.decode("utf-8", errors="replace"),
        duration_ms=_since(started),
    )


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def retry_after_seconds(value: str, *, now: dt.datetime) -> float | None:
    """A Retry-After header as seconds from now: delta-seconds or an HTTP date (RFC 9110);
    None when it is neither."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_seconds(attempt: int) -> float:
    """The wait after the attempt numbered `attempt` (1 for the first) failed."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** min(attempt - 1, 30)
    capped = min(base, settings.WEBHOOK_RETRY_MAX_SECONDS)
    return capped + random.uniform(0, capped / 10)


def _next_wait(delivery: Delivery, answer: Answer, now: dt.datetime) -> float | None:
    """Seconds until the next attempt, or None for no more attempts."""
    if answer.refused or answer.status_code == 410:
        return None
    if delivery.attempts - delivery.attempts_before_replay >= settings.WEBHOOK_MAX_ATTEMPTS:
        return None
    if answer.status_code in (429, 503):
        asked = retry_after_seconds((answer.headers or {}).get("Retry-After", ""), now=now)
        if asked is not None:
            return min(asked, settings.WEBHOOK_RETRY_MAX_SECONDS)
    return backoff_seconds(delivery.attempts - delivery.attempts_before_replay)


def _record(delivery: Delivery, answer: Answer) -> Delivery:
    now = timezone.now()
    delivered = answer.status_code is not None and 200 <= answer.status_code < 300
    wait = None if delivered else _next_wait(delivery, answer, now)
    next_at = now + dt.timedelta(seconds=wait) if wait is not None else None
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            started_at=now - dt.timedelta(milliseconds=answer.duration_ms),
            duration_ms=answer.duration_ms,
            status_code=answer.status_code,
            response_snippet=answer.snippet,
            error=answer.error,
            next_attempt_at=next_at,
            replay=delivery.attempts_before_replay > 0,
        )
        if answer.status_code == 410:
            subscription_stop(
                subscription_id=delivery.subscription_id,
                reason=f"The receiver answered 410 Gone on {now:%Y-%m-%d %H:%M} UTC.",
            )
        if delivered:
            status = Delivery.Status.DELIVERED
        else:
            status = Delivery.Status.PENDING if next_at else Delivery.Status.FAILED
        # Only this attempt's claim is finished: a replay made meanwhile is left alone.
        Delivery.objects.filter(
            id=delivery.id, status=Delivery.Status.SENDING, attempts=delivery.attempts
        ).update(
            status=status,
            next_attempt_at=next_at,
            last_status_code=answer.status_code,
            last_error=answer.error,
            delivered_at=now if delivered else delivery.delivered_at,
        )
    delivery.refresh_from_db()
    return delivery


def delivery_replay(*, delivery: Delivery) -> Delivery:
    """Send a delivered or failed delivery again: the same body and `webhook-id`, a new
    timestamp and signature, and a fresh retry budget. The subscription must be active."""
    if not delivery.subscription.active:
        raise ConflictError(
            "The subscription is stopped; switch it on before replaying its deliveries.",
            code="subscription_stopped",
        )
    now = timezone.now()
    changed = Delivery.objects.filter(
        id=delivery.id, status__in=[Delivery.Status.DELIVERED, Delivery.Status.FAILED]
    ).update(
        status=Delivery.Status.PENDING,
        next_attempt_at=now,
        attempts_before_replay=F("attempts"),
        replayed_at=now,
    )
    if not changed:
        raise ConflictError(
            "This delivery is still being sent; it can be replayed once it is delivered "
            "or has failed.",
            code="delivery_open",
        )
    delivery.refresh_from_db()
    return delivery
