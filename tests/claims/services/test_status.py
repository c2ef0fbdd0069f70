"""The stored settlement status, kept by the write paths (claims.status.store)."""

import datetime as dt

import pytest

from claims import services
from claims.vocabulary import DISPUTED_CLAIMS, ClaimKind, SettlementState
from tests.claims.factories import (
    FEB_8,
    ConflictFactory,
    SideFactory,
    article_on,
    extract,
    found,
    stored,
)

pytestmark = pytest.mark.django_db


def test_extraction_write_path_stores_the_status(story, toretsk):
    row = stored(toretsk.id)
    assert row.state == SettlementState.UNKNOWN
    assert [c["claim"] for c in row.claimed] == [story[0].id, story[1].id]
    assert row.flags == [DISPUTED_CLAIMS]


def test_more_than_two_sides_withdrawal_leaves_the_state_unknown(toretsk, desk):
    war = ConflictFactory(russia_ukraine=True)
    SideFactory(conflict=war, key="wagner")
    [capture, withdrawal] = extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.WITHDRAWAL, "russia", by="russia", event_date=dt.date(2025, 2, 9)),
    ])  # fmt: skip
    services.reviews_confirm_bulk(claim_ids=[capture.id, withdrawal.id], reviewer=desk)
    row = stored(toretsk.id)
    assert (row.state, row.side, row.since) == (SettlementState.UNKNOWN, "", dt.date(2025, 2, 9))
