"""Subscribing a URL to changes, changing and removing a subscription.

A target is checked when it is subscribed: an http(s) URL whose host resolves, every
address it resolves to on the public internet (settings.OUTBOUND_ALLOWED_HOSTS names
exceptions). The guard runs again on every send (conflictwatch.core.outbound), since
what a name resolves to can change after it was checked.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.models import Change
from claims.selectors.changes import change_latest_id
from conflictwatch.core.exceptions import DomainError
from conflictwatch.core.outbound import OutboundError, check_url, resolve_checked
from gazetteer.models import Conflict, Settlement
from webhooks.models import Subscription
from webhooks.signing import secret_new

URL_MAX_CHARS = 2000
DESCRIPTION_MAX_CHARS = 200


def check_target_url(url: str) -> str:
    """The URL, stripped, if deliveries may be sent to it; DomainError (field "url") if not."""
    url = (url or "").strip()
    if not url:
        raise DomainError("Give the URL to deliver to.", code="invalid", field="url")
    if len(url) > URL_MAX_CHARS:
        raise DomainError(
            f"The URL is longer than {URL_MAX_CHARS} characters.", code="invalid", field="url"
        )
    try:
        check_url(url)
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        resolve_checked(parts.hostname or "", port)
    except OutboundError as error:
        raise DomainError(_refusal(error), code="target_refused", field="url") from error
    except (UnicodeError, ValueError) as error:
        raise DomainError("This is not a valid URL.", code="invalid", field="url") from error
    return url


def _refusal(error: OutboundError) -> str:
    if error.code == "forbidden_address":
        return f"Refused: {error} Webhooks are only sent to public addresses."
    if error.code == "dns":
        return f"Refused: {error} Give a host name that resolves."
    return f"Refused: {error}"


def check_event_types(event_types: Iterable[str]) -> list[str]:
    """The event types, each once, in the feed's order; DomainError for an unknown one."""
    wanted = [str(name) for name in event_types]
    unknown = sorted(set(wanted) - set(Change.Event.values))
    if unknown:
        raise DomainError(
            f"Unknown event types: {', '.join(u[:40] for u in unknown[:5])}. Known: "
            f"{', '.join(Change.Event.values)}.",
            code="invalid",
            field="event_types",
        )
    return [name for name in Change.Event.values if name in set(wanted)]


def _scope(
    *, conflict_key: str | None, settlement_id: int | None
) -> tuple[Conflict | None, Settlement | None]:
    if conflict_key and settlement_id:
        raise DomainError(
            "Subscribe to a conflict or to a settlement, not both.", code="invalid",
            field="settlement",
        )  # fmt: skip
    conflict = settlement = None
    if conflict_key:
        conflict = Conflict.objects.filter(key=conflict_key).first()
        if conflict is None:
            raise DomainError("No conflict has this key.", code="invalid", field="conflict")
    if settlement_id:
        settlement = Settlement.objects.filter(id=settlement_id).first()
        if settlement is None:
            raise DomainError("No settlement has this id.", code="invalid", field="settlement")
    return conflict, settlement


def subscription_create(
    *,
    owner,
    url: str,
    conflict_key: str | None = None,
    settlement_id: int | None = None,
    event_types: Iterable[str] = (),
    description: str = "",
) -> Subscription:
    """Subscribe `url` to the changes that match; the secret is on the returned object (show
    it to the owner now: it is not shown again). Only changes after this moment are sent."""
    url = check_target_url(url)
    types = check_event_types(event_types)
    conflict, settlement = _scope(conflict_key=conflict_key, settlement_id=settlement_id)
    limit = settings.WEBHOOK_MAX_SUBSCRIPTIONS_PER_USER
    with transaction.atomic():
        if Subscription.objects.filter(owner=owner).count() >= limit:
            raise DomainError(
                f"You hold {limit} subscriptions, the most one account may; remove one first.",
                code="too_many_subscriptions",
            )
        return Subscription.objects.create(
            owner=owner,
            url=url,
            conflict=conflict,
            settlement=settlement,
            event_types=types,
            description=description.strip()[:DESCRIPTION_MAX_CHARS],
            secret=secret_new(),
            starts_after=change_latest_id(),
        )


def subscription_update(
    *,
    subscription: Subscription,
    url: str | None = None,
    event_types: Iterable[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> Subscription:
    """Change what was given. Switching a stopped subscription back on delivers changes
    from then on; what happened while it was off is in the change feed."""
    if url is not None:
        subscription.url = check_target_url(url)
    if event_types is not None:
        subscription.event_types = check_event_types(event_types)
    if description is not None:
        subscription.description = description.strip()[:DESCRIPTION_MAX_CHARS]
    if active is not None and active != subscription.active:
        subscription.active = active
        subscription.disabled_reason = "" if active else "Stopped by its owner."
        if active:
            subscription.starts_after = change_latest_id()
    subscription.save()
    return subscription


def check_overlap_seconds(overlap_seconds: int | None) -> int:
    """How long the old secret keeps signing after a rotation: the setting's default when
    not given; DomainError (field "overlap_seconds") outside 0..the maximum."""
    if overlap_seconds is None:
        return settings.WEBHOOK_SECRET_OVERLAP_SECONDS
    most = settings.WEBHOOK_SECRET_OVERLAP_MAX_SECONDS
    if not 0 <= overlap_seconds <= most:
        raise DomainError(
            f"The overlap is from 0 to {most} seconds ({most // 3600} hours).",
            code="invalid", field="overlap_seconds",
        )  # fmt: skip
    return overlap_seconds


def subscription_secret_rotate(
    *, subscription: Subscription, overlap_seconds: int | None = None
) -> Subscription:
    """Give the subscription a new secret; the one it replaces still signs deliveries, next
    to the new one, for `overlap_seconds` (0: the old one stops at once). The new secret is
    on the returned object: show it to the owner now, it is not shown again.

    At most two secrets sign at once: rotating again during an overlap drops the oldest at
    once and the one being replaced overlaps from now. The row is locked, so two rotations
    at the same moment leave one consistent pair rather than a lost secret."""
    overlap = check_overlap_seconds(overlap_seconds)
    now = timezone.now()
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(id=subscription.id)
        Subscription.objects.filter(id=locked.id).update(
            secret=secret_new(),
            previous_secret=locked.secret if overlap else "",
            previous_secret_expires_at=now + dt.timedelta(seconds=overlap) if overlap else None,
            secret_rotated_at=now,
            updated_at=now,
        )
    subscription.refresh_from_db()
    return subscription


def secrets_expired_forget(*, now: dt.datetime | None = None) -> int:
    """Forget the replaced secrets whose overlap has ended (they sign nothing any more, so
    nothing needs them kept in clear); returns how many were forgotten."""
    return (
        Subscription.objects.filter(previous_secret_expires_at__lte=now or timezone.now())
        .exclude(previous_secret="")
        .update(previous_secret="")
    )


def subscription_stop(*, subscription_id: int, reason: str) -> int:
    """Stop a subscription (the receiver said 410 Gone, say); returns rows changed."""
    return Subscription.objects.filter(id=subscription_id, active=True).update(
        active=False, disabled_reason=reason[:300]
    )


def subscription_delete(*, subscription: Subscription) -> None:
    subscription.delete()
