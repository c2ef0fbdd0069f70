"""The timeline picture's marks, joins and band, as markup built in Python
(claims.timeline.svg): one tag per element kind, however many elements."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from claims.timeline import svg
from claims.timeline.picture import Picture

register = template.Library()


@register.simple_tag
def timeline_marks(picture: Picture, settlement_id: int) -> SafeString:
    # One reverse for all marks (claim 0's link, less its "0/"): a url tag per mark was a
    # fifth of the page's time at 2,000 claims.
    claim_base = reverse("settlement-claim", args=[settlement_id, 0])[:-2]
    return svg.marks_svg(picture, claim_base=claim_base)


@register.simple_tag
def timeline_joins(picture: Picture) -> SafeString:
    return svg.joins_svg(picture)


@register.simple_tag
def timeline_band(picture: Picture) -> SafeString:
    return svg.band_svg(picture)
