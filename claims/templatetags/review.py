"""Template tags for the editor's pages: every piece of text is escaped here."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.evidence import EVIDENCE, MENTION, TRIGGER, Segment, evidence_paragraph
from claims.selectors.review_queue import EXCERPT_RADIUS

register = template.Library()


def _render_segment(segment: Segment) -> str:
    html = escape(segment.text).replace("\n", "<br>")
    if TRIGGER in segment.keys:
        html = format_html('<mark class="trigger">{}</mark>', mark_safe(html))
    elif MENTION in segment.keys:
        html = format_html('<mark class="mention">{}</mark>', mark_safe(html))
    if EVIDENCE in segment.keys:
        html = format_html('<span class="evidence-sentence">{}</span>', mark_safe(html))
    return html


@register.simple_tag
def evidence_in_paragraph(claim) -> SafeString:
    """The claim's evidence inside its paragraph, the place and the trigger words marked.

    Uses the `excerpt` window the queue selector loads; without it (a claim loaded some
    other way) the evidence sentence alone is shown.
    """
    window = getattr(claim, "excerpt", None)
    offset = getattr(claim, "excerpt_start", 0)
    if not window or not window[claim.evidence_start - offset : claim.evidence_end - offset]:
        # Not loaded by the queue selector, or a span outside the text: the sentence alone.
        window, offset, starts, ends = claim.evidence, claim.evidence_start, True, True
    else:
        starts = offset == 0
        ends = len(window) < claim.evidence_end - offset + EXCERPT_RADIUS
    paragraph = evidence_paragraph(
        window=window,
        evidence_start=claim.evidence_start - offset,
        evidence_end=claim.evidence_end - offset,
        mention=claim.settlement_mention,
        kind=claim.kind,
        window_starts_text=starts,
        window_ends_text=ends,
    )
    html = "".join(_render_segment(segment) for segment in paragraph.segments)
    before = "… " if paragraph.clipped_before else ""
    after = " …" if paragraph.clipped_after else ""
    return mark_safe(before + html + after)  # built only from escaped pieces
