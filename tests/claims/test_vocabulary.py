"""The shared words are stored, served and shipped as these exact strings: renaming a value is
a data migration and an API change, so the values are pinned here, once, as literals."""

import ast
from pathlib import Path

import claims.vocabulary
from claims.models import Claim, Review, SettlementStatus
from claims.vocabulary import (
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    CorrectionMarker,
    ReviewVerdict,
    SettlementState,
    StatusFlag,
    values,
)


def test_the_values_are_the_words_the_database_and_the_api_hold():
    assert values(ClaimKind) == ["capture", "denial", "contested", "withdrawal", "advance"]
    assert values(ClaimStatus) == ["unverified", "confirmed", "disputed", "superseded"]
    assert values(ReviewVerdict) == ["confirm", "dispute", "reset"]
    assert values(SettlementState) == ["controlled", "contested", "unknown"]
    assert values(StatusFlag) == ["disputed-claims"]
    assert values(CorrectionMarker) == ["merged_from"]
    assert THIRD_PARTY == "third-party"


def test_model_choices_are_built_from_the_vocabulary():
    assert Claim.Kind.values == values(ClaimKind)
    assert Claim.Status.values == values(ClaimStatus)
    assert Review.Verdict.values == values(ReviewVerdict)
    assert SettlementStatus.State.values == values(SettlementState)
    assert Claim.Kind.CONTESTED == ClaimKind.CONTESTED
    assert Claim.Kind.CONTESTED.label == "Contested"


def _top_level_imports(module) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text())
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


def test_the_vocabulary_loads_without_django():
    import gazetteer.vocabulary

    # The side keys come from the reference data's own vocabulary, which needs only enum too.
    assert _top_level_imports(claims.vocabulary) == {"enum", "gazetteer.vocabulary"}
    assert _top_level_imports(gazetteer.vocabulary) == {"enum"}
