"""factory_boy factories for webhooks, and a way to make a feed entry through the real
write path."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from claims.models import Change
from claims.vocabulary import ClaimKind
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)
from webhooks.models import Subscription
from webhooks.signing import secret_new


class SubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = Subscription

    owner = factory.SubFactory(UserFactory)
    url = "http://127.0.0.1:9/hook"
    secret = factory.LazyFunction(secret_new)
    starts_after = factory.LazyFunction(
        lambda: Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
    )


def claims_about(settlement=None, *, conflict=None, day: int = 8, by: str = "russia"):
    """A capture claim about the settlement, stored as extraction stores it (so the change
    feed gets its entries: the claim and the settlement's status)."""
    conflict = conflict or ConflictFactory(russia_ukraine=True)
    settlement = settlement or SettlementFactory()
    return extract(
        article_on(dt.date(2025, 2, day)),
        conflict,
        [found(settlement, ClaimKind.CAPTURE, "russia", by=by)],
    )
