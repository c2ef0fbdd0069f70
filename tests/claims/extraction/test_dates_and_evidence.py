"""What a claim carries besides its reading: the event date (relative to publication, never
after it) and the evidence sentence at its span, once per repeated claim."""

import datetime as dt

from tests.claims.extraction.support import assert_claims, claim_for, extract

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
