"""The claim frames of claims/extraction/frames.yaml, each on sentences of our own.

tests/claims/data/frame_examples.yaml holds, for every frame id, at least three sentences in
which that frame's word is the trigger for a place, with the claims a careful editor reads in
them. A case marked `xfail: "reason"` is a natural sentence the extractor still gets wrong;
it must keep failing (strict), so a fix shows up as an unexpected pass."""

import datetime as dt
from pathlib import Path

import pytest

from claims.extraction import lexicon as lx
from claims.extraction.frames import FrameError, all_frames, frames_disabled, parse_frames
from claims.extraction.pipeline import extract_article_text
from tests.claims.extraction.support import load_cases

EXAMPLES_FILE = Path(__file__).parent / "data" / "frame_examples.yaml"
EXAMPLES = load_cases(EXAMPLES_FILE)
FRAME_IDS = [row["id"] for row in lx.FRAME_TABLE["frames"]]


def _params():
    for frame_id, cases in EXAMPLES.items():
        for number, case in enumerate(cases, start=1):
            marks = []
            if "xfail" in case:
                marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)]
            yield pytest.param(case, id=f"{frame_id}-{number}", marks=marks)


def _published(case) -> dt.date:
    """The case's publication date (some sides depend on it), else one in March 2025."""
    published = case.get("published", dt.date(2025, 3, 14))
    return published if isinstance(published, dt.date) else dt.date.fromisoformat(published)


def _claim(row) -> tuple[str, str, str, str]:
    name, claimant, kind, side = row
    return (name, claimant, kind, side or "")


def _extract(case) -> set[tuple[str, str, str, str]]:
    result = extract_article_text(
        text=case["text"],
        published=_published(case),
        conflict_key=case["conflict"],
        outlet="Test Wire",
    )
    return {(c.settlement_name, c.claimant_side, c.kind, c.side) for c in result.claims}


@pytest.mark.parametrize("case", list(_params()))
def test_frame_example(gazetteer, case):
    got = _extract(case)
    required = {_claim(row) for row in case["claims"]}
    optional = {_claim(row) for row in case.get("optional", [])}
    missing, extra = required - got, got - required - optional
    assert not missing and not extra, f"missing={missing} extra={extra} got={got}"


# --- coverage of the table ----------------------------------------------------------------


def test_every_frame_has_three_examples():
    for frame_id in FRAME_IDS:
        passing = [c for c in EXAMPLES.get(frame_id) or [] if "xfail" not in c]
        assert len(passing) >= 3, frame_id


def test_every_example_group_is_a_frame():
    assert set(EXAMPLES) <= set(FRAME_IDS), sorted(set(EXAMPLES) - set(FRAME_IDS))


def test_examples_are_distinct():
    texts = [case["text"] for cases in EXAMPLES.values() for case in cases]
    assert len(texts) == len(set(texts))


def test_shipped_table_parses():
    assert [f.id for f in all_frames()] == FRAME_IDS


# --- malformed rows -----------------------------------------------------------------------


def _row(**fields):
    row = {"id": "probe", "kind": "capture", "pos": "verb", "lemmas": ["seize"]}
    row.update(fields)
    return {key: value for key, value in row.items() if value is not None}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param([], "non-empty list", id="empty-table"),
        pytest.param({"id": "probe"}, "non-empty list", id="not-a-list"),
        pytest.param([{"kind": "capture", "pos": "verb", "lemmas": ["x"]}], "needs an id",
                     id="missing-id"),
        pytest.param([_row(id=7)], "needs an id", id="id-not-a-string"),
        pytest.param(["seize"], "needs an id", id="row-not-a-mapping"),
        pytest.param([_row(), _row(lemmas=["take"])], "appears twice", id="duplicate-id"),
        pytest.param([_row(colour="red")], "unknown fields", id="unknown-field"),
        pytest.param([_row(kind="victory")], "kind must be", id="bad-kind"),
        pytest.param([_row(kind=None)], "kind must be", id="missing-kind"),
        pytest.param([_row(pos="adjective")], "pos must be", id="bad-pos"),
        pytest.param([_row(place_as="indirect_object")], "place_as must be", id="bad-place_as"),
        pytest.param([_row(otherwise="maybe")], "otherwise must be", id="bad-otherwise"),
        pytest.param([_row(lemmas=None)], "needs lemmas or words", id="no-lemmas-or-words"),
        pytest.param([_row(lemmas=[])], "needs lemmas or words", id="empty-lemmas"),
        pytest.param([_row(lemmas=["seize", 3])], "list of words", id="lemma-not-a-word"),
        pytest.param([_row(lemmas="no_such_class")], "unknown word class",
                     id="unknown-class-as-lemmas"),
        pytest.param([_row(not_via=["no_such_class"])], "unknown word class",
                     id="unknown-class-in-not_via"),
        pytest.param([_row(head_in="no_such_class")], "unknown word class",
                     id="unknown-class-in-head_in"),
    ],
)  # fmt: skip
def test_parse_frames_refuses_malformed_rows(rows, message):
    with pytest.raises(FrameError, match=message):
        parse_frames(rows)


def test_parse_frames_names_the_row():
    with pytest.raises(FrameError, match="'probe'"):
        parse_frames([_row(pos="adverb")])
    with pytest.raises(FrameError, match="#2"):
        parse_frames([_row(), {"kind": "capture"}])


def test_parse_frames_accepts_a_good_row():
    (frame,) = parse_frames([_row(needs=["from"], otherwise="none", subtree_lacks="strike")])
    assert frame.id == "probe"
    assert frame.lemmas == {"seize"}
    assert frame.needs == {"from"}
    assert frame.otherwise is None and not frame.passes
    assert "artillery" in frame.subtree_lacks


def test_frames_disabled_refuses_unknown_ids():
    with (
        pytest.raises(FrameError, match="no-such-frame"),
        frames_disabled({"conquering", "no-such-frame"}),
    ):
        pass


# --- ablation -----------------------------------------------------------------------------


def test_switching_a_frame_off_removes_its_claim(gazetteer):
    case = EXAMPLES["liberating"][0]
    claim = _claim(case["claims"][0])
    assert claim in _extract(case)
    with frames_disabled({"liberating"}):
        assert claim not in _extract(case)
    assert claim in _extract(case)
