"""The article as a whole: the conflict inferred when not given, non-English texts refused
with a note, short texts read in the right language, and empty or oversized texts."""

import pytest

from tests.claims.extraction.support import assert_claims, extract, tuples


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
