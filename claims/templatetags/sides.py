"""Sides by their display names, not their keys."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from claims.vocabulary import THIRD_PARTY
from conflictwatch.core.templatetags.badges import badge
from gazetteer.selectors import THIRD_PARTY_LABEL

register = template.Library()


@register.filter
def side_name(key: str, names) -> str:
    """ "russia" -> "Russia" through the `side_names` mapping every page has; an unknown key
    is shown as it is (a side removed from the reference data still names something)."""
    if not key:
        return ""
    if key == THIRD_PARTY:
        return THIRD_PARTY_LABEL
    try:
        return names.get(key, key)
    except AttributeError:
        return key


@register.simple_tag(takes_context=True)
def claim_kind(context, claim) -> SafeString:
    """The claim's kind as a badge and the side it is about, by name: a tag, as it is shown
    once a row in long tables."""
    html = badge(claim.kind)
    if claim.side:
        html += format_html(
            ' <span class="side">{}</span>', side_name(claim.side, context.get("side_names"))
        )
    return mark_safe(html)
