"""Sides by their display names, not their keys."""

from django import template

from claims.selectors.sides import THIRD_PARTY_LABEL
from claims.vocabulary import THIRD_PARTY

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
