"""A Russia–Ukraine conflict with a waiting claim about Toretsk, and a reader's client."""

import pytest

from tests.claims.factories import ClaimFactory, ConflictFactory


@pytest.fixture
def conflict():
    return ConflictFactory(russia_ukraine=True)


@pytest.fixture
def claim(conflict):
    return ClaimFactory(conflict=conflict, settlement__name="Toretsk")


@pytest.fixture
def analyst_client(client, user):
    client.force_login(user)
    return client
