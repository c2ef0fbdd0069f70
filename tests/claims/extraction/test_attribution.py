"""Who makes the claim: reporting verbs, "according to", quotes, metonyms ("Moscow"),
named and role-word speakers, the journalist and third parties."""

import pytest

from tests.claims.extraction.support import TP, assert_claims, extract, tuples

# --- reporting verbs and quotes ---------------------------------------------------------


def test_said_that_before_the_claim(gazetteer):
    result = extract(
        "KYIV, March 14 (Test Wire) -\n"
        "Russia's Defence Ministry said that its forces had captured Kurakhove after weeks of "
        "street fighting."
    )
    assert_claims(result, {("Kurakhove", "russia", "capture", "russia")})


def test_said_after_the_claim(gazetteer):
    result = extract(
        "ZAPORIZHZHIA (Test Wire) -\n"
        "Russian forces have seized Huliaipole, the Russian Defence Ministry said."
    )
    assert_claims(result, {("Huliaipole", "russia", "capture", "russia")})


def test_according_to_attribution(gazetteer):
    result = extract(
        "KHARKIV (Test Wire) -\n"
        "Russian troops withdrew from Vovchansk after heavy losses, according to Ukraine's "
        "General Staff."
    )
    assert_claims(result, {("Vovchansk", "ukraine", "withdrawal", "russia")})


def test_claimed_verb(gazetteer):
    result = extract(
        "NAIROBI (Test Wire) -\n"
        "The RSF claimed it had seized Babanusa. The town sits on the railway line to Darfur.",
        conflict="sudan",
    )
    assert_claims(result, {("Babanusa", "rsf", "capture", "rsf")})


def test_announced_verb(gazetteer):
    result = extract(
        "YANGON (Test Wire) -\n"
        "The Kachin Independence Army announced that its fighters had captured Bhamo.",
        conflict="myanmar",
    )
    assert_claims(result, {("Bhamo", "kia", "capture", "kia")})


def test_reported_verb(gazetteer):
    result = extract(
        "DAKAR (Test Wire) -\nMali's army reported that its troops had taken control of Tessalit.",
        conflict="sahel",
    )
    assert_claims(result, {("Tessalit", "mali", "capture", "mali")})


def test_told_reporters(gazetteer):
    result = extract(
        "GOMA (Test Wire) -\n"
        "Lawrence Kanyuka, a spokesman for the M23, told reporters in Goma that rebel fighters "
        "had taken Sake.",
        conflict="drc",
    )
    assert_claims(result, {("Sake", "m23", "capture", "m23")})


def test_wrote_on_telegram(gazetteer):
    result = extract(
        "Denis Pushilin, the Russian-installed head of the Donetsk region, wrote on Telegram "
        "that Russian units had liberated Toretsk."
    )
    assert_claims(result, {("Toretsk", "russia", "capture", "russia")})


def test_quote_spanning_two_sentences_then_he_said(gazetteer):
    result = extract(
        "LASHIO, Myanmar (Test Wire) -\n"
        "A spokesman for the TNLA, Lway Yay Oo, spoke to Test Wire by phone on Saturday. "
        "\"Our fighters captured Hsipaw this morning. The regime's soldiers ran away and left "
        'their weapons behind," he said.',
        conflict="myanmar",
    )
    assert_claims(result, {("Hsipaw", "tnla", "capture", "tnla")})


def test_passive_capture_with_trailing_attribution(gazetteer):
    result = extract(
        "DONETSK (Test Wire) -\nLyman was captured by Russian forces, the Russian Defence "
        "Ministry said. Ukraine's army said Borova had not been taken by Russian units."
    )
    assert_claims(
        result,
        {
            ("Lyman", "russia", "capture", "russia"),
            ("Borova", "ukraine", "denial", "russia"),
        },
    )


def test_claimant_implied_by_earlier_sentence(gazetteer):
    result = extract(
        "MOSCOW, March 14 (Test Wire) - The Russian Defence Ministry said on Friday that air "
        "defences had shot down 40 Ukrainian drones overnight. The ministry also said its forces "
        "had seized Borova. It said Russian units were pushing towards Kupiansk."
    )
    assert_claims(
        result,
        {
            ("Borova", "russia", "capture", "russia"),
            ("Kupiansk", "russia", "advance", "russia"),
        },
    )


# --- names and role words for a side ----------------------------------------------------


def test_metonym_claimants_moscow_kremlin_kyiv(gazetteer):
    result = extract(
        "LONDON, March 14 (Test Wire) -\nMoscow said its troops had captured Chasiv Yar. The "
        "Kremlin said Russian forces had liberated Sudzha. Kyiv said Ukrainian troops were "
        "holding their positions in Kostiantynivka."
    )
    assert_claims(
        result,
        {
            ("Chasiv Yar", "russia", "capture", "russia"),
            ("Sudzha", "russia", "capture", "russia"),
            ("Kostiantynivka", "ukraine", "contested", ""),
        },
    )


def test_metonym_claimants_khartoum_and_port_sudan(gazetteer):
    result = extract(
        "LONDON, March 14 (Test Wire) -\nKhartoum said army units had recaptured Wad Madani. "
        "Port Sudan said its forces had retaken Sennar.",
        conflict="sudan",
    )
    assert_claims(
        result,
        {("Wad Madani", "saf", "capture", "saf"), ("Sennar", "saf", "capture", "saf")},
    )


def test_metonym_claimant_naypyitaw(gazetteer):
    result = extract(
        "BANGKOK (Test Wire) -\nNaypyitaw said its troops had recaptured Lashio.",
        conflict="myanmar",
    )
    assert_claims(result, {("Lashio", "military", "capture", "military")})


def test_metonym_claimant_kinshasa(gazetteer):
    result = extract(
        "NAIROBI (Test Wire) -\nKinshasa said Congolese troops were holding their positions in "
        "Uvira.",
        conflict="drc",
    )
    assert_claims(result, {("Uvira", "drc", "contested", "")})


def test_general_staff_claimant(gazetteer):
    result = extract(
        "The General Staff of Ukraine's armed forces said in its morning update that Russian "
        "troops were advancing towards Siversk from the east."
    )
    assert_claims(result, {("Siversk", "ukraine", "advance", "russia")})


def test_numbered_ukrainian_brigade_claimant(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nA spokesman for Ukraine's 46th Airmobile Brigade said its "
        "paratroopers were holding their positions in Kurakhove."
    )
    assert_claims(result, {("Kurakhove", "ukraine", "contested", "")})


def test_the_paramilitary_and_burhans_army_claimants(gazetteer):
    result = extract(
        "CAIRO (Test Wire) -\nThe paramilitary said its fighters had taken full control of "
        "El Fasher. Burhan's army said on Saturday that its troops had recaptured Bara.",
        conflict="sudan",
    )
    assert_claims(
        result,
        {("El Fasher", "rsf", "capture", "rsf"), ("Bara", "saf", "capture", "saf")},
    )


@pytest.mark.parametrize(
    ("conflict", "sentence", "expected"),
    [
        (
            "myanmar",
            "The junta said its troops had regained control of Kyaukme.",
            ("Kyaukme", "military", "capture", "military"),
        ),
        (
            "sahel",
            "The junta said the army had retaken Tessalit.",
            ("Tessalit", "mali", "capture", "mali"),
        ),
    ],
    ids=["myanmar", "mali"],
)
def test_the_junta_claimant(gazetteer, conflict, sentence, expected):
    result = extract(f"BANGKOK (Test Wire) -\n{sentence}", conflict=conflict)
    assert_claims(result, {expected})


@pytest.mark.parametrize(
    ("conflict", "sentence", "expected"),
    [
        (
            "drc",
            "The rebels said they had seized Masisi.",
            ("Masisi", "m23", "capture", "m23"),
        ),
        (
            "syria",
            "The rebels said they had taken Aleppo.",
            ("Aleppo", "hts", "capture", "hts"),
        ),
        (
            "sahel",
            "The rebels said they had seized Menaka.",
            ("Menaka", "fla", "capture", "fla"),
        ),
    ],
    ids=["drc", "syria", "mali"],
)
def test_the_rebels_claimant(gazetteer, conflict, sentence, expected):
    result = extract(f"NAIROBI (Test Wire) -\n{sentence}", conflict=conflict)
    assert_claims(result, {expected})


# --- the journalist and third parties ---------------------------------------------------


def test_journalist_present_tense_statement_is_third_party(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nRussian forces are now 7 km from Kostiantynivka. Ukrainian troops "
        "still hold Siversk."
    )
    assert_claims(
        result,
        {
            ("Kostiantynivka", TP, "advance", "russia"),
            ("Siversk", TP, "capture", "ukraine"),
        },
        optional={("Siversk", TP, "denial", "russia")},
    )


def test_analyst_and_monitor_statements_are_third_party(gazetteer):
    result = extract(
        "WASHINGTON (Test Wire) -\nThe Institute for the Study of War said Russian forces had "
        "advanced to the outskirts of Pokrovsk. DeepState, a Ukrainian monitoring project, said "
        "Russian troops had captured Velyka Novosilka. Russian forces are pushing towards "
        "Kramatorsk, analysts said."
    )
    assert_claims(
        result,
        {
            ("Pokrovsk", TP, "advance", "russia"),
            ("Velyka Novosilka", TP, "capture", "russia"),
            ("Kramatorsk", TP, "advance", "russia"),
        },
    )


# --- speakers known by role (extractor 0.2) ---------------------------------------------


def test_local_officials_speak_for_the_state_of_their_place(gazetteer):
    result = extract(
        "ZAPORIZHZHIA (Test Wire) -\nRussian troops were now 4 km from the eastern edge of "
        "Orikhiv, the regional governor said. In Russia's Kursk region, the head of the Sudzha "
        "district administration said Ukrainian units had entered Korenevo."
    )
    assert_claims(
        result,
        {("Orikhiv", "ukraine", "advance", "russia"), ("Korenevo", "russia", "advance", "ukraine")},
    )


def test_unnamed_military_speaks_for_the_state_where_the_story_is(gazetteer):
    result = extract(
        "SIVERSK, Ukraine (Test Wire) -\nUkrainian units have pulled back from positions near "
        "Siversk to spare soldiers' lives, the military said on Friday."
    )
    assert_claims(result, {("Siversk", "ukraine", "withdrawal", "ukraine")})


def test_a_monitor_stays_third_party_whatever_its_apposition_says(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nDeepState, a Ukrainian mapping project, said Russian units had "
        "captured Kreminna."
    )
    assert_claims(result, {("Kreminna", TP, "capture", "russia")})


def test_lower_case_who_is_not_the_world_health_organization(gazetteer):
    result = extract(
        'KHARKIV (Test Wire) -\n"Our company left Kupiansk on Monday," said a sergeant of '
        "Ukraine's 14th brigade, who asked not to be named."
    )
    got = tuples(result)
    assert got and all(claimant == "ukraine" for _, claimant, _, _ in got), got


def test_speaker_introduced_before_a_quote_is_who_he_said_means(gazetteer):
    result = extract(
        "KACHIN STATE, Myanmar (Test Wire) -\nA commander of the KIA met reporters near the "
        'front on Sunday. "We took Bhamo\'s last army post yesterday. Nobody resisted," he said.',
        conflict="myanmar",
    )
    assert ("Bhamo", "kia", "capture", "kia") in tuples(result) or (
        "Bhamo",
        "kia",
        "advance",
        "kia",
    ) in tuples(result), tuples(result)
