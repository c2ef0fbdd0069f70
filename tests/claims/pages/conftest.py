import datetime as dt

import pytest

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import (
    ConflictFactory,
    SettlementAliasFactory,
    SettlementFactory,
    article_on,
    extract,
    found,
)


@pytest.fixture
def war(db):
    return ConflictFactory(russia_ukraine=True)


@pytest.fixture
def toretsk_story(war, editor):
    """Toretsk: Russia's capture confirmed (held by Russia since 2025-02-08), Kyiv's denial
    of it waiting; Russia calls the town Dzerzhinsk."""
    toretsk = SettlementFactory(name="Toretsk", population=30_914, region="Donetsk Oblast")
    SettlementAliasFactory(settlement=toretsk, name="Dzerzhinsk", side=war.sides.get(key="russia"))
    capture, denial = extract(
        article_on(dt.date(2025, 2, 8)),
        war,
        [
            found(toretsk, ClaimKind.CAPTURE, "russia"),
            found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        ],
    )
    review_add(claim_id=capture.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
    return toretsk, capture, denial
