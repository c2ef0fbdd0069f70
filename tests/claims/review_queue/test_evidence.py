"""The evidence as the queue shows it: the sentence in its paragraph, the place and the
trigger marked, from a bounded window of the article's text, escaped; and the pure
functions behind it (claims/evidence.py)."""

import pytest

from claims.evidence import EVIDENCE, MENTION, TRIGGER, evidence_paragraph, trigger_spans
from claims.selectors.review_queue import EXCERPT_RADIUS
from claims.vocabulary import ClaimKind
from tests.claims.factories import ClaimFactory
from tests.claims.review_queue.support import QUEUE

pytestmark = pytest.mark.django_db


# In the queue


def test_queue_shows_the_evidence_in_its_paragraph_with_place_and_trigger_marked(
    editor_client, conflict
):
    text = (
        "Officials spoke on Friday.\n\n"
        "Russia said its forces had seized Toretsk. Kyiv denied it.\n\n"
        "Fighting went on elsewhere."
    )
    ClaimFactory(conflict=conflict, settlement__name="Toretsk", article__text=text)
    body = editor_client.get(QUEUE).content.decode()
    assert (
        '<span class="evidence-sentence">Russia said its forces had </span>'
        '<span class="evidence-sentence"><mark class="trigger">seized</mark></span>'
        '<span class="evidence-sentence"> </span>'
        '<span class="evidence-sentence"><mark class="mention">Toretsk</mark></span>'
        '<span class="evidence-sentence">.</span> Kyiv denied it.'
    ) in body
    assert "Officials spoke" not in body
    assert "Fighting went on elsewhere" not in body


def test_queue_loads_only_a_window_of_a_long_article(editor_client, conflict):
    filler = "word " * 200_000  # a million characters in one paragraph
    evidence = "Russia said its forces had seized Toretsk."
    claim = ClaimFactory(
        conflict=conflict,
        settlement__name="Toretsk",
        evidence=evidence,
        article__text=f"{filler}{evidence} {filler}",
    )
    response = editor_client.get(QUEUE)
    body = response.content.decode()
    shown = response.context["claims"][0]
    assert len(shown.excerpt) == claim.evidence_end - shown.excerpt_start + EXCERPT_RADIUS
    assert len(body) < 60_000
    assert "… word" in body and "word …" in body
    assert '<mark class="mention">Toretsk</mark>' in body


def test_queue_escapes_hostile_text_around_the_evidence(editor_client, conflict):
    evidence = "Russia said <script>x()</script> it seized Toretsk."
    ClaimFactory(
        conflict=conflict,
        evidence=evidence,
        settlement_mention="Toretsk",
        article__text=f"<img src=x onerror=alert(1)> {evidence}",
        article__title="<b>Title</b>",
    )
    body = editor_client.get(QUEUE).content.decode()
    assert "<script>x()" not in body and "<img" not in body and "<b>Title" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body


# Evidence highlighting (pure functions)


def test_trigger_words_are_found_in_their_inflected_forms():
    text = "Kyiv denied that Russia captured or took Toretsk; it was seizing Lyman."
    capture = [text[s.start : s.end] for s in trigger_spans(text, kind=ClaimKind.CAPTURE)]
    assert capture == ["captured", "took", "seizing"]
    assert [text[s.start : s.end] for s in trigger_spans(text, kind=ClaimKind.DENIAL)] == ["denied"]


def test_evidence_paragraph_keeps_its_own_paragraph_and_says_where_it_was_cut():
    window = "tail of a paragraph.\n\nRussia took Toretsk. More.\n\nNext"
    start = window.index("Russia")
    end = window.index(" More")
    paragraph = evidence_paragraph(
        window=window,
        evidence_start=start,
        evidence_end=end,
        mention="toretsk",
        kind=ClaimKind.CAPTURE,
        window_starts_text=False,
        window_ends_text=False,
    )
    assert [(s.text, s.keys) for s in paragraph.segments] == [
        ("Russia ", (EVIDENCE,)),
        ("took", (EVIDENCE, TRIGGER)),
        (" ", (EVIDENCE,)),
        ("Toretsk", (EVIDENCE, MENTION)),
        (".", (EVIDENCE,)),
        (" More.", ()),
    ]
    assert not paragraph.clipped_before and not paragraph.clipped_after


def test_evidence_paragraph_reports_a_window_that_cuts_the_paragraph():
    paragraph = evidence_paragraph(
        window="ords before. Russia took Toretsk. Words aft",
        evidence_start=13,
        evidence_end=33,
        mention="Toretsk",
        kind=ClaimKind.CAPTURE,
        window_starts_text=False,
        window_ends_text=False,
    )
    assert paragraph.clipped_before and paragraph.clipped_after
