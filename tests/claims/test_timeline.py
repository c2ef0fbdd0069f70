"""The timeline's pure parts: which denial answers which claim, each side's position, and
the picture's geometry for 2 claims and for 2,000, and its markup."""

import datetime as dt

from claims.timeline.facts import TimelineClaim
from claims.timeline.pairs import answered_by, denial_pairs, side_positions
from claims.timeline.picture import layout
from claims.timeline.svg import band_svg, marks_svg
from claims.vocabulary import ClaimKind, ClaimStatus, SettlementState

D = dt.date(2025, 2, 1)
LABELS = {"russia": "Russia", "ukraine": "Ukraine", "third-party": "Third parties"}


def claim(i, by, kind, side="", day=0, status=ClaimStatus.UNVERIFIED, answers=None):
    return TimelineClaim(i, by, kind, side, D + dt.timedelta(days=day), None, status, answers)


def test_pairs_are_the_answers_recorded_on_denials_both_ways():
    claims = [
        claim(1, "russia", ClaimKind.CAPTURE, "russia", 0),
        claim(2, "russia", ClaimKind.CAPTURE, "russia", 3),
        claim(3, "ukraine", ClaimKind.DENIAL, "russia", 4, answers=2),
        claim(4, "russia", ClaimKind.DENIAL, "ukraine", 5),  # answers nothing
        claim(5, "ukraine", ClaimKind.DENIAL, "russia", 6, answers=99),  # not in this view
    ]
    pairs = denial_pairs(claims)
    assert pairs == {3: 2}
    assert answered_by(pairs) == {2: [3]}


def test_positions_keep_a_sides_capture_and_denial_and_skip_superseded_claims():
    claims = [
        claim(1, "ukraine", ClaimKind.DENIAL, "russia", 1),
        claim(2, "ukraine", ClaimKind.CONTESTED, day=2),
        claim(3, "ukraine", ClaimKind.CAPTURE, "ukraine", 3, ClaimStatus.SUPERSEDED),
        claim(4, "third-party", ClaimKind.ADVANCE, "russia", 0),
    ]
    positions = side_positions(claims)
    assert [p.side for p in positions] == ["ukraine", "third-party"]
    assert positions[0].latest.id == 2
    assert [c.id for c in positions[0].positions] == [1]


def test_two_claims_draw_two_marks_a_join_and_the_band():
    claims = [
        claim(1, "russia", ClaimKind.CAPTURE, "russia", 0, ClaimStatus.CONFIRMED),
        claim(2, "ukraine", ClaimKind.DENIAL, "russia", 1),
    ]
    picture = layout(claims, sides=["russia", "ukraine"], labels=LABELS, pairs={2: 1})
    assert [lane.label for lane in picture.lanes] == ["Russia", "Ukraine"]
    assert len(picture.marks) == 2 and len(picture.joins) == 1 and not picture.grouped_by
    assert [piece.state for piece in picture.band] == [SettlementState.CONTROLLED]
    assert picture.marks[0].css == "mark-confirmed" and picture.marks[1].css == "mark-unverified"
    assert all(130 <= m.x <= picture.width for m in picture.marks)


def test_two_thousand_claims_are_grouped_into_a_readable_number_of_marks():
    kinds = list(ClaimKind)
    claims = [
        claim(
            i,
            ("russia", "ukraine", "third-party")[i % 3],
            kinds[i % 5],
            "" if kinds[i % 5] == ClaimKind.CONTESTED else "russia",
            i % 400,
        )
        for i in range(2000)
    ]
    picture = layout(claims, sides=["russia", "ukraine"], labels=LABELS, pairs={})
    assert picture.grouped_by == "week"
    assert len(picture.marks) < 2000 / 2
    assert sum(m.count for m in picture.marks) == 2000
    assert [lane.label for lane in picture.lanes] == ["Russia", "Ukraine", "Third parties"]
    assert "claims" in picture.marks[0].title


def test_nothing_to_draw_without_live_claims():
    only = [claim(1, "russia", ClaimKind.CAPTURE, "russia", 0, ClaimStatus.SUPERSEDED)]
    assert layout(only, sides=[], labels=LABELS, pairs={}) is None
    assert layout([], sides=[], labels=LABELS, pairs={}) is None


def test_the_band_is_one_span_per_change_and_says_until_when():
    claims = [
        claim(1, "russia", ClaimKind.CAPTURE, "russia", 0, ClaimStatus.CONFIRMED),
        claim(2, "russia", ClaimKind.CAPTURE, "russia", 5, ClaimStatus.CONFIRMED),  # the same
        claim(3, "ukraine", ClaimKind.CAPTURE, "ukraine", 9, ClaimStatus.CONFIRMED),
    ]
    picture = layout(claims, sides=["russia", "ukraine"], labels=LABELS, pairs={})
    assert [(p.state, p.side) for p in picture.band] == [
        (SettlementState.CONTROLLED, "russia"), (SettlementState.CONTROLLED, "ukraine"),
    ]  # fmt: skip
    assert picture.band[0].title == f"Assessed held by Russia from {D} until {D + dt.timedelta(9)}"
    assert picture.band[1].x == round(picture.band[0].x + picture.band[0].width, 1)


def test_the_markup_links_each_mark_and_escapes_names():
    labels = {**LABELS, "russia": 'Russia <b>"&"</b>'}
    claims = [claim(7, "russia", ClaimKind.CAPTURE, "russia", 0, ClaimStatus.CONFIRMED)]
    picture = layout(claims, sides=["russia"], labels=labels, pairs={})
    marks = marks_svg(picture, claim_base="/settlements/3/claims/")
    assert marks.startswith('<a href="/settlements/3/claims/7/" class="mark-link"><path d="M')
    assert "<title>#7: Russia &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;: capture" in marks
    band = band_svg(picture)
    assert "<b>" not in band and "held by Russia &lt;b&gt;" in band
