"""The Toretsk story for the service tests: a two-sided war, the town, an editor."""

import pytest

from claims.vocabulary import ClaimKind
from tests.claims.factories import (
    FEB_8,
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)


@pytest.fixture
def war():
    return ConflictFactory(russia_ukraine=True)


@pytest.fixture
def toretsk():
    return SettlementFactory(name="Toretsk")


@pytest.fixture
def desk():
    return UserFactory(username="desk")


@pytest.fixture
def story(war, toretsk):
    """Moscow's capture and Kyiv's denial of Toretsk, one article of 8 February."""
    return extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
