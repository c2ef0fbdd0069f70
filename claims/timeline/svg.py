"""The timeline picture's repeated elements (marks, joins, band pieces) as SVG markup,
written here rather than in the template: at 2,000 claims the picture has hundreds of each,
and a template variable per coordinate (each one localised and escaped on its own) was most
of the settlement page's time. Coordinates come out with one decimal, text is escaped here.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from claims.timeline.picture import BandPiece, Join, Mark, Picture


def _n(value: float) -> str:
    return f"{value:.1f}"


def mark_markup(mark: Mark, claim_base: str) -> str:
    """One mark linking to its claim: `claim_base` is the claim permalink less the id."""
    return (
        f'<a href="{claim_base}{mark.claim_id}/" class="mark-link">'
        f'<path d="{mark.path}" class="mark {mark.css} kind-{escape(mark.kind)}">'
        f"<title>{escape(mark.title)}</title></path></a>"
    )


def join_markup(join: Join) -> str:
    return (
        f'<line x1="{_n(join.x1)}" y1="{_n(join.y1)}" x2="{_n(join.x2)}" y2="{_n(join.y2)}"'
        ' class="join"/>'
    )


def band_piece_markup(piece: BandPiece, band_y: float) -> str:
    hatch = ' fill="url(#hatch)"' if piece.state == "contested" else ""
    label = (
        f'<text x="{_n(piece.x + 4)}" y="{_n(band_y + 15)}" class="band-label">'
        f"{escape(piece.label)}</text>"
        if piece.label
        else ""
    )
    return (
        f'<g><rect x="{_n(piece.x)}" y="{_n(band_y)}" width="{_n(piece.width)}" height="22"'
        f' class="{piece.css}"{hatch}><title>{escape(piece.title)}</title></rect>{label}</g>'
    )


def marks_svg(picture: Picture, *, claim_base: str) -> SafeString:
    base = escape(claim_base)
    return mark_safe("\n".join(mark_markup(mark, base) for mark in picture.marks))


def joins_svg(picture: Picture) -> SafeString:
    return mark_safe("".join(join_markup(join) for join in picture.joins))


def band_svg(picture: Picture) -> SafeString:
    return mark_safe("\n".join(band_piece_markup(p, picture.band_y) for p in picture.band))
