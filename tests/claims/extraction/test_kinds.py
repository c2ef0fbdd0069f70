"""The kind of a claim from its trigger: capture, contested, withdrawal and advance (denials
are in test_denials.py)."""

import datetime as dt

from tests.claims.extraction.support import assert_claims, extract, tuples

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


def test_flag_raised_over_a_town_is_a_capture(gazetteer):
    result = extract(
        "GAO (Test Wire) -\nThe FLA said its fighters had hoisted their flag over Tessalit on "
        "Monday.",
        conflict="sahel",
    )
    assert_claims(result, {("Tessalit", "fla", "capture", "fla")})


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


def test_holding_positions_around_a_place_is_contested(gazetteer):
    result = extract(
        "KYIV (Test Wire) -\nUkraine's army said its soldiers were holding positions around "
        "Siversk's railway station."
    )
    assert_claims(result, {("Siversk", "ukraine", "contested", "")})


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


def test_redeployed_to_positions_outside_a_place_is_a_withdrawal(gazetteer):
    result = extract(
        "DAMASCUS (Test Wire) -\nSyria's army said its troops had regrouped and taken up "
        "positions outside Homs after days of fighting.",
        conflict="syria",
        published=dt.date(2024, 12, 5),  # Assad's army, before the state changed hands
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
