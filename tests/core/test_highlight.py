from conflictwatch.core.highlight import (
    Segment,
    Span,
    mark_spans,
    mention_segments,
    paragraph_segments,
)


def test_mark_spans_cuts_text_around_a_span():
    assert mark_spans("Russia took Toretsk.", [Span(12, 19, 7)]) == [
        Segment("Russia took "),
        Segment("Toretsk", (7,)),
        Segment("."),
    ]


def test_overlapping_spans_carry_every_claim():
    segments = mark_spans("abcdef", [Span(0, 4, 1), Span(2, 6, 2)])
    assert segments == [Segment("ab", (1,)), Segment("cd", (1, 2)), Segment("ef", (2,))]


def test_spans_outside_the_text_or_inverted_are_ignored():
    assert mark_spans("abc", [Span(5, 9, 1), Span(2, 1, 2), Span(1, 1, 3)]) == [Segment("abc")]
    assert mark_spans("abc", [Span(1, 99, 1)]) == [Segment("a"), Segment("bc", (1,))]


def test_paragraphs_are_split_on_blank_lines_and_spans_never_straddle_them():
    text = "One two.\n\nThree four.\n\nFive."
    paragraphs = paragraph_segments(text, [Span(4, 15, 9)])
    assert paragraphs == [
        [Segment("One "), Segment("two.", (9,))],
        [Segment("Three", (9,)), Segment(" four.")],
        [Segment("Five.")],
    ]


def test_paragraph_segments_keep_single_line_breaks_inside_a_paragraph():
    assert paragraph_segments("a\nb\n\n\n\nc", []) == [[Segment("a\nb")], [Segment("c")]]


def test_mention_is_marked_wherever_it_appears_in_any_case():
    segments = mention_segments("Toretsk fell, TORETSK said.", "Toretsk")
    assert [s.text for s in segments if s.marked] == ["Toretsk", "TORETSK"]


def test_a_mention_with_regex_characters_is_taken_literally():
    assert mention_segments("a.b axb", "a.b") == [Segment("a.b", (None,)), Segment(" axb")]
