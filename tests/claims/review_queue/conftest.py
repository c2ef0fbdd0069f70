"""A Russia–Ukraine conflict with a waiting claim about Toretsk, and a reader's client."""

import pytest

from tests.claims.factories import ClaimFactory, ConflictFactory, SideFactory


@pytest.fixture
def conflict():
    conflict = ConflictFactory(key="russia-ukraine", name="Russia–Ukraine")
    SideFactory(conflict=conflict, key="russia", name="Russia")
    SideFactory(conflict=conflict, key="ukraine", name="Ukraine")
    return conflict


@pytest.fixture
def claim(conflict):
    return ClaimFactory(conflict=conflict, settlement__name="Toretsk")


@pytest.fixture
def analyst_client(client, user):
    client.force_login(user)
    return client
