"""What weakens a claim or makes it none: strikes, aid and diplomacy, questions,
hypotheticals, unverified reports, and hedges that keep the claim at lower confidence."""

import pytest

from tests.claims.extraction.support import TP, assert_claims, extract, tuples

# --- not claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("conflict", "text"),
    [
        (
            "russia-ukraine",
            "Russian drones struck Kostiantynivka overnight, killing two civilians, the regional "
            "governor said. Artillery shelling of Orikhiv wounded five people.",
        ),
        (
            "sudan",
            "The World Food Programme said it had delivered food aid to Sennar and El Fasher. "
            "A UN convoy carrying medical supplies reached Babanusa on Tuesday.",
        ),
        (
            "drc",
            "Qatar hosted talks between Kinshasa and the M23 on the future of Goma and Bukavu. "
            "Diplomats said a ceasefire deal could be signed next month.",
        ),
        (
            "russia-ukraine",
            "Will Russian forces capture Pokrovsk before winter?\n"
            "Can Ukraine hold on to Siversk? Military experts are divided.",
        ),
        (
            "russia-ukraine",
            "If Russian troops take Kostiantynivka, the road to Kramatorsk would be open, "
            "analysts said.",
        ),
        (
            "russia-ukraine",
            "Ukraine's army denied that Pokrovsk had been encircled. The General Staff reported "
            "52 clashes in the Pokrovsk direction on Thursday.",
        ),
    ],
    ids=[
        "strikes-and-shelling",
        "aid",
        "diplomacy",
        "question",
        "conditional",
        "denied-encirclement-and-axis-name",
    ],
)
def test_no_claim(gazetteer, conflict, text):
    result = extract(f"LONDON (Test Wire) -\n{text}", conflict=conflict)
    assert tuples(result) == set()


def test_could_not_independently_verify_adds_no_claim(gazetteer):
    result = extract(
        "GOMA (Test Wire) -\nThe M23 said its fighters had captured Sake. Test Wire could not "
        "independently verify the rebels' capture of Sake.",
        conflict="drc",
    )
    assert_claims(result, {("Sake", "m23", "capture", "m23")})


def test_hypothetical_capture_is_no_claim(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nShould Russian troops seize Siversk, Kramatorsk would come within "
        "artillery range, an analyst said. If they take Lyman, the front would shift west."
    )
    assert tuples(result) == set()


# --- hedges -----------------------------------------------------------------------------


def test_reportedly_keeps_the_claim_with_lower_confidence(gazetteer):
    plain = extract("KYIV (Test Wire) -\nRussian troops have captured Kreminna.")
    hedged = extract("KYIV (Test Wire) -\nRussian troops have reportedly captured Kreminna.")
    expected = {("Kreminna", TP, "capture", "russia")}
    assert_claims(plain, expected)
    assert_claims(hedged, expected)
    assert hedged.claims[0].confidence < plain.claims[0].confidence


def test_may_have_keeps_the_claim_with_lower_confidence(gazetteer):
    plain = extract("CAIRO (Test Wire) -\nThe RSF seized Babanusa, analysts said.", "sudan")
    hedged = extract(
        "CAIRO (Test Wire) -\nThe RSF may have seized Babanusa, analysts said.", "sudan"
    )
    expected = {("Babanusa", TP, "capture", "rsf")}
    assert_claims(plain, expected)
    assert_claims(hedged, expected)
    assert hedged.claims[0].confidence < plain.claims[0].confidence
