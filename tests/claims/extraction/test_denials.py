"""Denials: a denying verb over the claim, a rejected claim quoted with it, "remains
under our control", negation, and a side denying its own withdrawal."""

from tests.claims.extraction.support import assert_claims, extract


def test_denial_denied(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's military denied that Russian troops had captured Toretsk."
    )
    assert_claims(
        result,
        {("Toretsk", "ukraine", "denial", "russia")},
        optional={("Toretsk", "russia", "capture", "russia")},
    )


def test_denial_of_rejected_claims_gives_capture_and_denial(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nKyiv rejected Moscow's claims that Russian forces had captured "
        "Kupiansk."
    )
    assert_claims(
        result,
        {
            ("Kupiansk", "russia", "capture", "russia"),
            ("Kupiansk", "ukraine", "denial", "russia"),
        },
    )


def test_denial_reports_of_the_towns_fall_are_false(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nMyrnohrad, a coal-mining town in the Donetsk region, has been "
        "without power for a month. Reports of the town's fall are false, Ukraine's General "
        "Staff said on Tuesday."
    )
    assert_claims(result, {("Myrnohrad", "ukraine", "denial", "russia")})


def test_remains_under_our_control_is_capture_and_denial(gazetteer):
    result = extract(
        'KHARKIV (Test Wire) -\n"Vovchansk remains under our control," a Ukrainian army '
        "spokesman said."
    )
    assert_claims(
        result,
        {
            ("Vovchansk", "ukraine", "capture", "ukraine"),
            ("Vovchansk", "ukraine", "denial", "russia"),
        },
    )


def test_denial_did_not_fully_control(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's army said Russian forces did not fully control Chasiv Yar."
    )
    assert_claims(
        result,
        {("Chasiv Yar", "ukraine", "denial", "russia")},
        optional={("Chasiv Yar", "ukraine", "advance", "russia")},
    )


def test_denying_own_withdrawal_is_contested_not_denial(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's army denied it had withdrawn from Kupiansk, saying its "
        "soldiers were still fighting in the city."
    )
    assert_claims(result, {("Kupiansk", "ukraine", "contested", "")})
