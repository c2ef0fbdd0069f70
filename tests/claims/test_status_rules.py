"""The status rules (claims/status/rules.py) on plain data: no database."""

import datetime as dt

from claims.status import rules
from claims.vocabulary import (
    DISPUTED_CLAIMS,
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
)

D = dt.date
SIDES = frozenset({"russia", "ukraine"})
T0 = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
FEB_8 = D(2025, 2, 8)


def claim(id, kind, side="", by="russia", on=FEB_8, event=None, settlement=1):
    return rules.ClaimFact(id, settlement, by, kind, side, on, event)


def confirm(claim_id, minutes=0, verdict=ReviewVerdict.CONFIRM, id=None):
    return rules.ReviewFact(id or claim_id * 100 + minutes, claim_id, verdict,
                            T0 + dt.timedelta(minutes=minutes))  # fmt: skip


def status(claims, reviews, sides=SIDES):
    return rules.compute(claims=claims, reviews=reviews, sides=sides)


def test_no_confirmed_claims_is_unknown():
    result = status([claim(1, ClaimKind.CAPTURE, "russia")], [])
    assert result.assessed == rules.Assessed()
    assert result.claimed[0].status == ClaimStatus.UNVERIFIED


def test_confirmed_capture_gives_control_since_its_date():
    result = status([claim(1, ClaimKind.CAPTURE, "russia")], [confirm(1)])
    assert (result.assessed.state, result.assessed.side) == (SettlementState.CONTROLLED, "russia")
    assert result.assessed.since == D(2025, 2, 8)
    assert [c.id for c in result.assessed.basis] == [1]


def test_event_date_orders_before_stated_date():
    later_said_earlier_done = claim(
        2, ClaimKind.CAPTURE, "ukraine", on=D(2025, 3, 1), event=D(2025, 1, 1)
    )
    result = status([claim(1, ClaimKind.CAPTURE, "russia"), later_said_earlier_done],
                    [confirm(1), confirm(2)])  # fmt: skip
    assert result.assessed.side == "russia"


def test_same_date_the_later_confirmation_wins():
    claims = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.CAPTURE, "ukraine", by="ukraine"),
    ]
    assert status(claims, [confirm(1, 5), confirm(2, 1)]).assessed.side == "russia"
    assert status(claims, [confirm(1, 1), confirm(2, 5)]).assessed.side == "ukraine"


def test_withdrawal_gives_control_to_the_opponent_with_two_sides():
    result = status([claim(1, ClaimKind.WITHDRAWAL, "ukraine", by="ukraine")], [confirm(1)])
    assert (result.assessed.state, result.assessed.side) == (SettlementState.CONTROLLED, "russia")


def test_withdrawal_with_more_sides_ends_control_and_state_is_unknown():
    sides = {"saf", "rsf", "jpf"}
    claims = [claim(1, ClaimKind.CAPTURE, "rsf", by="rsf"),
              claim(2, ClaimKind.WITHDRAWAL, "rsf", by="rsf", on=D(2025, 3, 1))]  # fmt: skip
    result = status(claims, [confirm(1), confirm(2)], sides=sides)
    assert (result.assessed.state, result.assessed.side) == (SettlementState.UNKNOWN, "")
    assert [c.id for c in result.assessed.basis] == [2]


def test_contested_or_denial_after_capture_makes_it_contested_keeping_the_side():
    capture = claim(1, ClaimKind.CAPTURE, "russia")
    for challenge in (
        claim(2, ClaimKind.CONTESTED, by="ukraine", on=D(2025, 2, 15)),
        claim(2, ClaimKind.DENIAL, "russia", by="ukraine", on=D(2025, 2, 15)),
    ):
        result = status([capture, challenge], [confirm(1), confirm(2)])
        assert (result.assessed.state, result.assessed.side) == (
            SettlementState.CONTESTED,
            "russia",
        )
        assert result.assessed.since == D(2025, 2, 15)
        assert [c.id for c in result.assessed.basis] == [1, 2]


def test_contested_before_any_capture_stays_unknown_and_advance_changes_nothing():
    claims = [claim(1, ClaimKind.CONTESTED, by="ukraine"), claim(2, ClaimKind.ADVANCE, "russia")]
    assert status(claims, [confirm(1), confirm(2)]).assessed.state == SettlementState.UNKNOWN


def test_a_later_capture_settles_a_contested_settlement():
    claims = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.CONTESTED, by="ukraine", on=D(2025, 2, 9)),
        claim(3, ClaimKind.CAPTURE, "ukraine", by="ukraine", on=D(2025, 2, 10)),
    ]
    result = status(claims, [confirm(1), confirm(2), confirm(3)])
    assert (result.assessed.state, result.assessed.side) == (SettlementState.CONTROLLED, "ukraine")


def test_reset_and_dispute_take_a_claim_out_of_the_assessment():
    claims = [claim(1, ClaimKind.CAPTURE, "russia")]
    assert (
        status(claims, [confirm(1, 0), confirm(1, 1, ReviewVerdict.RESET)]).assessed.state
        == SettlementState.UNKNOWN
    )
    assert status(claims, [confirm(1, 0), confirm(1, 1, ReviewVerdict.DISPUTE)]).claimed[
        0
    ].status == (ClaimStatus.DISPUTED)


def test_superseded_claims_are_left_out():
    superseded = rules.ClaimFact(1, 1, "russia", ClaimKind.CAPTURE, "russia", D(2025, 2, 8),
                                 superseded=True)  # fmt: skip
    result = status([superseded], [confirm(1)])
    assert result.assessed.state == SettlementState.UNKNOWN and result.claimed == ()


def test_claimed_lists_each_sides_latest_claim_third_party_last():
    claims = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.ADVANCE, "russia", on=D(2025, 2, 9)),
        claim(3, ClaimKind.DENIAL, "russia", by="ukraine"),
        claim(4, ClaimKind.CONTESTED, by=THIRD_PARTY, on=D(2025, 2, 1)),
    ]
    result = status(claims, [])
    assert [(c.side, c.kind, c.claim) for c in result.claimed] == [
        ("russia", ClaimKind.ADVANCE, 2),
        ("ukraine", ClaimKind.DENIAL, 3),
        (THIRD_PARTY, ClaimKind.CONTESTED, 4),
    ]


def test_flag_when_an_unconfirmed_claim_denies_the_controller():
    claims = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.DENIAL, "russia", by="ukraine"),
    ]
    assert status(claims, [confirm(1)]).flags == (DISPUTED_CLAIMS,)
    # Editors disputing the denial lower the flag.
    assert status(claims, [confirm(1), confirm(2, 1, ReviewVerdict.DISPUTE)]).flags == ()


def test_flag_while_unknown_when_unconfirmed_claims_conflict():
    claims = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.DENIAL, "russia", by="ukraine"),
    ]
    assert status(claims, []).flags == (DISPUTED_CLAIMS,)
    agreeing = [
        claim(1, ClaimKind.CAPTURE, "russia"),
        claim(2, ClaimKind.ADVANCE, "ukraine", by="ukraine"),
    ]
    assert status(agreeing, []).flags == ()


def test_claims_older_than_the_control_do_not_raise_the_flag():
    claims = [claim(1, ClaimKind.CAPTURE, "ukraine", by="ukraine", on=D(2024, 1, 1)),
              claim(2, ClaimKind.CAPTURE, "russia", on=D(2025, 2, 8))]  # fmt: skip
    assert status(claims, [confirm(2)]).flags == ()


def test_rewind_puts_back_values_changed_after_the_moment():
    fact = claim(1, ClaimKind.CAPTURE, "ukraine", settlement=2)
    corrections = [
        rules.CorrectionFact(1, 1, {"side": ["russia", "ukraine"]}, T0),
        rules.CorrectionFact(2, 1, {"settlement_id": [1, 2]}, T0 + dt.timedelta(days=1)),
    ]
    [before] = rules.rewind([fact], corrections, after=T0 - dt.timedelta(seconds=1))
    assert (before.side, before.settlement_id) == ("russia", 1)
    [between] = rules.rewind([fact], corrections, after=T0)
    assert (between.side, between.settlement_id) == ("ukraine", 1)


def test_a_claims_status_is_its_latest_verdict_and_a_tie_goes_to_the_later_review():
    def review(id, verdict, minutes=0):
        return rules.ReviewFact(id, 1, verdict, T0 + dt.timedelta(minutes=minutes))

    assert rules.claim_review_status([]) == ClaimStatus.UNVERIFIED
    confirmed_then_reset = [review(1, ReviewVerdict.CONFIRM), review(2, ReviewVerdict.RESET, 1)]
    assert rules.claim_review_status(confirmed_then_reset) == ClaimStatus.UNVERIFIED
    same_instant = [review(2, ReviewVerdict.DISPUTE), review(1, ReviewVerdict.CONFIRM)]
    assert rules.claim_review_status(same_instant) == ClaimStatus.DISPUTED
