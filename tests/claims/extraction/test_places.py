"""Which settlement a claim is about: gazetteer names under other spellings, several places
in a sentence, "the town", unknown villages (provisional) and landmarks."""

from tests.claims.extraction.support import assert_claims, claim_for, extract


def test_party_name_resolves_to_the_gazetteer_name(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its troops had captured "
        "Kupyansk. It said fighting was continuing in Dzerzhinsk."
    )
    assert_claims(
        result,
        {
            ("Kupiansk", "russia", "capture", "russia"),
            ("Toretsk", "russia", "contested", ""),
        },
    )
    kupiansk = claim_for(result, "Kupiansk", "capture")
    assert kupiansk.settlement_mention == "Kupyansk"
    assert kupiansk.settlement_id == gazetteer["Kupiansk"].id
    toretsk = claim_for(result, "Toretsk", "contested")
    assert toretsk.settlement_mention == "Dzerzhinsk"
    assert toretsk.settlement_id == gazetteer["Toretsk"].id


def test_two_settlements_in_one_sentence(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its forces had captured Lyman "
        "and Siversk."
    )
    assert_claims(
        result,
        {
            ("Lyman", "russia", "capture", "russia"),
            ("Siversk", "russia", "capture", "russia"),
        },
    )


def test_the_town_refers_to_the_last_named_settlement(gazetteer):
    second = "Ukraine's General Staff denied that the town had fallen."
    result = extract(
        "KYIV (Test Wire) -\nThe Russian Defence Ministry said on Sunday that its forces had "
        f"seized Orikhiv. {second}"
    )
    assert_claims(
        result,
        {
            ("Orikhiv", "russia", "capture", "russia"),
            ("Orikhiv", "ukraine", "denial", "russia"),
        },
        # "denied that the town had fallen" echoes a Russian claim: defensible either way.
        optional={("Orikhiv", "russia", "capture", "russia")},
    )
    assert claim_for(result, "Orikhiv", "denial").evidence == second


def test_unknown_village_becomes_provisional_settlement(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its forces had captured the "
        "village of Zorianivka."
    )
    assert_claims(result, {("Zorianivka", "russia", "capture", "russia")})
    claim = claim_for(result, "Zorianivka", "capture")
    assert claim.settlement_id is None
    assert claim.settlement_mention == "Zorianivka"


def test_landmark_in_apposition_gets_no_claim(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its forces had captured Borova, "
        "a village west of Svatove."
    )
    assert_claims(result, {("Borova", "russia", "capture", "russia")})
