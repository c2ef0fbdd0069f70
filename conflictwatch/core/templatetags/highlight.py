"""Template tags that render marked text: every piece of text is escaped here."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from conflictwatch.core.highlight import Segment, Span, mention_segments, paragraph_segments

register = template.Library()


def _inline(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _render_article_segment(segment: Segment, anchored: set) -> str:
    if not segment.marked:
        return _inline(segment.text)
    # Each claim's first marked piece carries its anchor, so other pages can link to it.
    anchors = "".join(
        format_html('<span id="evidence-{}"></span>', key)
        for key in segment.keys
        if key not in anchored
    )
    anchored.update(segment.keys)
    return anchors + format_html(
        '<a class="evidence" href="#claim-{}" title="Evidence for claim {}"><mark>{}</mark></a>',
        segment.keys[0],
        ", ".join(f"#{key}" for key in segment.keys),
        mark_safe(_inline(segment.text)),  # escaped by _inline
    )


@register.simple_tag
def marked_article_text(article, claims) -> SafeString:
    """The article's paragraphs with each claim's evidence span marked and linked."""
    spans = [Span(c.evidence_start, c.evidence_end, c.id) for c in claims]
    anchored: set = set()
    html = "\n".join(
        "<p>" + "".join(_render_article_segment(seg, anchored) for seg in segments) + "</p>"
        for segments in paragraph_segments(article.text, spans)
    )
    return mark_safe(html)  # built only from escaped pieces


@register.simple_tag
def marked_evidence(claim) -> SafeString:
    """The claim's evidence sentence with the settlement's name, as written, marked."""
    html = "".join(
        format_html("<mark>{}</mark>", seg.text) if seg.marked else escape(seg.text)
        for seg in mention_segments(claim.evidence, claim.settlement_mention)
    )
    return mark_safe(html)  # built only from escaped pieces
