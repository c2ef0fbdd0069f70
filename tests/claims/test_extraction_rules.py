"""Behaviour of the claim extractor, one phrasing family per test.

The expected claims follow shared/DESIGN.md ("Claim kinds", "A claim is not a fact") and the
annotation rules in shared/corpus/README.md. Every sentence here is invented for these tests.
A claim is compared as (settlement_name, claimant_side, kind, side); `optional` lists readings
the rules call defensible either way (neither required nor wrong).
"""

import datetime as dt

import pytest

from claims.extraction.pipeline import extract_article_text

PUBLISHED = dt.date(2025, 3, 14)  # a Friday
TP = "third-party"


def extract(text, conflict="russia-ukraine", published=PUBLISHED):
    return extract_article_text(
        text=text, published=published, conflict_key=conflict, outlet="Test Wire"
    )


def tuples(result):
    return {(c.settlement_name, c.claimant_side, c.kind, c.side) for c in result.claims}


def assert_claims(result, required, optional=()):
    got = tuples(result)
    missing = set(required) - got
    extra = got - set(required) - set(optional)
    assert not missing and not extra, f"missing={missing} extra={extra} got={got}"


def claim_for(result, settlement, kind):
    found = [c for c in result.claims if c.settlement_name == settlement and c.kind == kind]
    assert found, f"no {kind} claim about {settlement}; got {tuples(result)}"
    return found[0]


# --- attribution: who makes the claim ---------------------------------------------------


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


# --- kinds: capture ---------------------------------------------------------------------


def test_capture_its_forces_seized(gazetteer):
    result = extract(
        "PORT SUDAN (Test Wire) -\nThe army said its forces seized Wad Madani on Saturday.",
        conflict="sudan",
    )
    assert_claims(result, {("Wad Madani", "saf", "capture", "saf")})


def test_capture_took_full_control_side_from_sentence(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkrainian military spokesman Viktor Trehubov said Russian troops had "
        "taken full control of Velyka Novosilka."
    )
    assert_claims(result, {("Velyka Novosilka", "ukraine", "capture", "russia")})


def test_capture_liberated(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said units of the Centre group of "
        "forces had liberated Myrnohrad."
    )
    assert_claims(result, {("Myrnohrad", "russia", "capture", "russia")})


def test_capture_fell_to(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkrainian officials said Kurakhove fell to Russian forces after a "
        "three-month battle."
    )
    assert_claims(
        result,
        {("Kurakhove", "ukraine", "capture", "russia")},
        optional={("Kurakhove", "ukraine", "withdrawal", "ukraine")},
    )


def test_capture_raised_flag_over(gazetteer):
    result = extract(
        "YANGON (Test Wire) -\nThe Arakan Army said its fighters had raised their flag over "
        "Sittwe.",
        conflict="myanmar",
    )
    assert_claims(result, {("Sittwe", "arakan-army", "capture", "arakan-army")})


# --- kinds: denial ----------------------------------------------------------------------


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


# --- kinds: contested -------------------------------------------------------------------


def test_contested_fighting_continues_in(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nFighting continues in Kostiantynivka, Ukrainian military spokesman "
        "Vadym Voloshyn said."
    )
    assert_claims(result, {("Kostiantynivka", "ukraine", "contested", "")})


def test_contested_holding_positions_on_the_outskirts(gazetteer):
    result = extract(
        "PORT SUDAN (Test Wire) -\nThe army said its troops were holding positions on the "
        "outskirts of El Fasher.",
        conflict="sudan",
    )
    assert_claims(result, {("El Fasher", "saf", "contested", "")})


def test_contested_repelled_assault_said_by_defender(gazetteer):
    result = extract(
        "PORT SUDAN (Test Wire) -\nSudan's army said it had repelled an RSF assault on Babanusa.",
        conflict="sudan",
    )
    assert_claims(
        result,
        {("Babanusa", "saf", "contested", "")},
        optional={("Babanusa", "saf", "advance", "rsf")},
    )


# --- kinds: withdrawal ------------------------------------------------------------------


def test_withdrawal_pulled_out_of(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nThe Ukrainian military said it had pulled its troops out of Velyka "
        "Novosilka to avoid encirclement."
    )
    assert_claims(result, {("Velyka Novosilka", "ukraine", "withdrawal", "ukraine")})


def test_withdrawal_withdrew_from(gazetteer):
    result = extract(
        "KINSHASA (Test Wire) -\nThe Congolese army said its soldiers withdrew from Masisi "
        "overnight.",
        conflict="drc",
    )
    assert_claims(result, {("Masisi", "drc", "withdrawal", "drc")})


def test_withdrawal_to_preserve_the_lives_of_servicemen(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's Khortytsia group said that, to preserve the lives of "
        "servicemen, its units had left Siversk."
    )
    assert_claims(result, {("Siversk", "ukraine", "withdrawal", "ukraine")})


def test_withdrawal_moved_to_more_favourable_positions(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's General Staff said its units had moved from Sudzha to more "
        "favourable positions."
    )
    assert_claims(result, {("Sudzha", "ukraine", "withdrawal", "ukraine")})


# --- kinds: advance ---------------------------------------------------------------------


def test_advance_pushing_towards(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nRussian troops are pushing towards Kostiantynivka, the Ukrainian "
        "military said."
    )
    assert_claims(result, {("Kostiantynivka", "ukraine", "advance", "russia")})


def test_advance_on_the_approaches_to(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its units were fighting on the "
        "approaches to Huliaipole."
    )
    assert_claims(
        result,
        {("Huliaipole", "russia", "advance", "russia")},
        optional={("Huliaipole", "russia", "contested", "")},
    )


def test_advance_within_km_of(gazetteer):
    result = extract(
        "NAIROBI (Test Wire) -\nThe RSF said its fighters were within 3 km of El Obeid.",
        conflict="sudan",
    )
    assert_claims(result, {("El Obeid", "rsf", "advance", "rsf")})


def test_entered_is_partial_control_so_advance(gazetteer):
    result = extract(
        "GOMA (Test Wire) -\nThe M23 said its fighters had entered Uvira.",
        conflict="drc",
    )
    assert_claims(result, {("Uvira", "m23", "advance", "m23")})


def test_controls_part_of_is_advance(gazetteer):
    result = extract(
        "YANGON (Test Wire) -\nThe TNLA said its fighters control part of Kyaukme.",
        conflict="myanmar",
    )
    assert_claims(result, {("Kyaukme", "tnla", "advance", "tnla")})


# --- settlements ------------------------------------------------------------------------


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


# --- dates ------------------------------------------------------------------------------


def test_event_date_from_weekday_relative_to_published(gazetteer):
    result = extract(
        "MOSCOW (Test Wire) -\nRussian forces captured Toretsk on Friday, the Russian Defence "
        "Ministry said.",
        published=dt.date(2025, 3, 12),  # a Wednesday
    )
    assert_claims(result, {("Toretsk", "russia", "capture", "russia")})
    assert result.claims[0].event_date == dt.date(2025, 3, 7)


def test_event_date_from_abbreviated_month(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkrainian troops withdrew from Velyka Novosilka on Jan. 12, the "
        "Ukrainian military said.",
        published=dt.date(2025, 2, 3),
    )
    assert_claims(result, {("Velyka Novosilka", "ukraine", "withdrawal", "ukraine")})
    assert result.claims[0].event_date == dt.date(2025, 1, 12)


def test_event_date_is_never_after_publication(gazetteer):
    published = dt.date(2025, 1, 5)  # a Sunday
    result = extract(
        "MOSCOW (Test Wire) -\nThe Russian Defence Ministry said its forces had captured "
        "Kurakhove on Dec. 28. Ukraine's army said Russian troops had entered Velyka Novosilka "
        "on Sunday.",
        published=published,
    )
    assert_claims(
        result,
        {
            ("Kurakhove", "russia", "capture", "russia"),
            ("Velyka Novosilka", "ukraine", "advance", "russia"),
        },
    )
    assert claim_for(result, "Kurakhove", "capture").event_date == dt.date(2024, 12, 28)
    assert claim_for(result, "Velyka Novosilka", "advance").event_date == published
    assert all(c.event_date is None or c.event_date <= published for c in result.claims)


# --- evidence ---------------------------------------------------------------------------


def test_evidence_is_the_sentence_at_its_span(gazetteer):
    text = (
        "KYIV, March 14 (Test Wire) — Russia said on Friday its forces had captured Lyman.\n\n"
        "  Ukraine’s General Staff denied that Lyman had fallen.\n\n"
        "“Our troops are holding their positions in Siversk,” a Ukrainian army spokesman said."
    )
    result = extract(text)
    assert_claims(
        result,
        {
            ("Lyman", "russia", "capture", "russia"),
            ("Lyman", "ukraine", "denial", "russia"),
            ("Siversk", "ukraine", "contested", ""),
        },
    )
    for claim in result.claims:
        assert text[claim.evidence_start : claim.evidence_end] == claim.evidence
        assert claim.settlement_mention in claim.evidence
    assert (
        claim_for(result, "Lyman", "capture").evidence
        == "Russia said on Friday its forces had captured Lyman."
    )


def test_repeated_claim_yields_one_claim_with_the_first_evidence(gazetteer):
    first = "The RSF said it had seized Babanusa."
    result = extract(
        f"NAIROBI (Test Wire) -\n{first} Residents said markets were closed.\n\n"
        "Later on Sunday an RSF commander repeated that the paramilitary had seized Babanusa.",
        conflict="sudan",
    )
    assert_claims(result, {("Babanusa", "rsf", "capture", "rsf")})
    assert len(result.claims) == 1
    assert result.claims[0].evidence == first


# --- conflict, language and size --------------------------------------------------------


def test_conflict_is_inferred_when_not_given(gazetteer):
    result = extract(
        "NAIROBI (Test Wire) -\nThe paramilitary RSF said its fighters had seized Babanusa, "
        "while Sudan's army said it was holding positions in El Obeid.",
        conflict=None,
    )
    assert result.conflict_key == "sudan"
    assert_claims(
        result,
        {("Babanusa", "rsf", "capture", "rsf"), ("El Obeid", "saf", "contested", "")},
    )


NON_ENGLISH = {
    "ukrainian": "КИЇВ — Російські війська захопили Курахове, заявило міністерство оборони "
    "Росії. Українські військові це заперечують.",
    "russian": "МОСКВА — Министерство обороны России заявило, что российские войска заняли "
    "Торецк. Украинская сторона это отрицает.",
    "arabic": "الخرطوم — قال الجيش السوداني إن قواته استعادت السيطرة الكاملة على مدينة ود مدني.",
    "burmese": "ရန်ကုန် — စစ်တပ်သည် လားရှိုးမြို့ကို ပြန်လည်သိမ်းပိုက်ခဲ့သည်ဟု ပြောကြားခဲ့သည်။",
}


def test_non_english_text_gives_no_claims_and_a_note(gazetteer):
    problems = {}
    for language, text in NON_ENGLISH.items():
        result = extract(text, conflict=None)
        if (
            result.claims
            or result.language == "en"
            or not any("not supported" in note for note in result.notes)
        ):
            problems[language] = (result.language, tuples(result), result.notes)
    assert not problems, problems


SHORT_ENGLISH = [
    ("syria", "The SNA said it now controls Tal Rifaat.", ("Tal Rifaat", "sna", "capture", "sna")),
    ("myanmar", "The TNLA said it had besieged Kyaukme.", ("Kyaukme", "tnla", "advance", "tnla")),
    ("sudan", "RSF says it seized Bara", ("Bara", "rsf", "capture", "rsf")),
]
LATIN = {
    "fr": "L'armée malienne a repris le contrôle de Kidal, a déclaré le porte-parole.",
    "nl": "Het leger zei dat het de stad had ingenomen en dat de strijd voorbij was.",
    "es": "El ejército dijo que había tomado la ciudad de Kidal.",
    "de": "Die Armee sagte, sie habe die Stadt eingenommen.",
}


@pytest.mark.parametrize(("conflict", "text", "claim"), SHORT_ENGLISH)
def test_a_short_english_text_is_read_as_english(gazetteer, conflict, text, claim):
    # a single sentence or a headline is too short for the statistical detector alone
    result = extract(text, conflict=conflict)
    assert result.language == "en", result.notes
    assert_claims(result, {claim})


def test_short_texts_in_other_latin_languages_are_not_taken_for_english(gazetteer):
    got = {code: extract(text, conflict="sahel").language for code, text in LATIN.items()}
    assert got == {code: code for code in LATIN}


def test_empty_and_oversized_texts_do_not_crash(gazetteer):
    for text in ("", "   \n\n  "):
        assert extract(text).claims == []
    paragraph = (
        "The RSF said it had seized Babanusa. Residents said markets had reopened in Omdurman "
        "after months of closures, and that prices of bread and fuel had fallen.\n\n"
    )
    text = "NAIROBI (Test Wire) -\n" + paragraph * (300_000 // len(paragraph) + 1)
    assert len(text) >= 300_000
    result = extract(text, conflict="sudan")
    assert any("truncated" in note.lower() for note in result.notes), result.notes
    assert_claims(result, {("Babanusa", "rsf", "capture", "rsf")})
    assert all(c.evidence_end <= len(text) for c in result.claims)


# --- speakers known by role, and phrasings added in extractor 0.2 -------------------------


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


def test_flag_raised_over_a_town_is_a_capture(gazetteer):
    result = extract(
        "GAO (Test Wire) -\nThe FLA said its fighters had hoisted their flag over Tessalit on "
        "Monday.",
        conflict="sahel",
    )
    assert_claims(result, {("Tessalit", "fla", "capture", "fla")})


def test_hypothetical_capture_is_no_claim(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nShould Russian troops seize Siversk, Kramatorsk would come within "
        "artillery range, an analyst said. If they take Lyman, the front would shift west."
    )
    assert tuples(result) == set()


def test_holding_positions_around_a_place_is_contested(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's army said its soldiers were holding positions around "
        "Siversk's railway station."
    )
    assert_claims(result, {("Siversk", "ukraine", "contested", "")})


def test_redeployed_to_positions_outside_a_place_is_a_withdrawal(gazetteer):
    result = extract(
        "DAMASCUS (Test Wire) -\nSyria's army said its troops had regrouped and taken up "
        "positions outside Homs after days of fighting.",
        conflict="syria",
    )
    assert ("Homs", "syrian-government", "withdrawal", "syrian-government") in tuples(result)


def test_forces_in_a_place_that_decided_to_leave_withdrew_from_it(gazetteer):
    result = extract(
        "PORT SUDAN (Test Wire) -\nThe army said units in Bara had been ordered to withdraw "
        "overnight. Separately, it said commanders in Babanusa decided to retreat to the south.",
        conflict="sudan",
    )
    assert_claims(
        result,
        {("Bara", "saf", "withdrawal", "saf"), ("Babanusa", "saf", "withdrawal", "saf")},
    )


def test_accused_of_abandoning_a_place_names_who_left(gazetteer):
    result = extract(
        "GOMA (Test Wire) -\nThe M23 said its fighters controlled Uvira and accused the army of "
        "abandoning the town.",
        conflict="drc",
    )
    assert ("Uvira", "m23", "withdrawal", "drc") in tuples(result)


def test_admitted_for_the_first_time_that_troops_left(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nA Ukrainian officer admitted for the first time that his unit "
        "withdrew from Kurakhove last month."
    )
    assert ("Kurakhove", "ukraine", "withdrawal", "ukraine") in tuples(result)
