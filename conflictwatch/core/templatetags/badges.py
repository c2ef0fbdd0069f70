"""A status word as a badge: `{% badge claim.status %}`, `{% badge "disputed" "disputed
claims" %}`. A tag, not an include: tables show several a row, and an include each was a
good part of a long page's time."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

register = template.Library()


@register.simple_tag
def badge(value: object, label: object = "") -> SafeString:
    """<span class="badge badge-{value slug}">{label, else value}</span>, escaped."""
    text = str(value) if value is not None else ""
    return mark_safe(
        f'<span class="badge badge-{escape(slugify(text))}">{escape(label or text)}</span>'
    )
