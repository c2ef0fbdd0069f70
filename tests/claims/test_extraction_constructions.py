"""The extractor on each construction of tests/claims/data/extraction_constructions.yaml.

The cases are data: a construction is a group of sentences with the claims a careful editor
reads in them, so adding a phrasing family is adding a group, not writing a test."""

import datetime as dt
from pathlib import Path

import pytest

from claims.extraction.pipeline import extract_article_text
from tests.claims.extraction.support import load_cases

CASES_FILE = Path(__file__).parent / "data" / "extraction_constructions.yaml"
CASES = load_cases(CASES_FILE)


def _params():
    for construction, cases in CASES.items():
        for number, case in enumerate(cases, start=1):
            yield pytest.param(case, id=f"{construction}-{number}")


def _published(case) -> dt.date:
    """The case's publication date (some sides depend on it), else one in March 2025."""
    published = case.get("published", dt.date(2025, 3, 14))
    return published if isinstance(published, dt.date) else dt.date.fromisoformat(published)


def _claim(row) -> tuple[str, str, str, str]:
    name, claimant, kind, side = row
    return (name, claimant, kind, side or "")


@pytest.mark.parametrize("case", list(_params()))
def test_construction(gazetteer, case):
    result = extract_article_text(
        text=case["text"],
        published=_published(case),
        conflict_key=case["conflict"],
        outlet="Test Wire",
    )
    got = {(c.settlement_name, c.claimant_side, c.kind, c.side) for c in result.claims}
    required = {_claim(row) for row in case["claims"]}
    optional = {_claim(row) for row in case.get("optional", [])}
    missing, extra = required - got, got - required - optional
    assert not missing and not extra, f"missing={missing} extra={extra}"


def test_every_construction_has_three_sentences():
    for construction, cases in CASES.items():
        assert len(cases) >= 3, construction
