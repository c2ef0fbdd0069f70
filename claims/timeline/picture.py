"""The timeline picture's geometry: time across, one lane per claimant side (third parties
last), one mark per claim shaped by kind and filled by review status, denials joined to the
claims they answer, and the assessed state as a band under the lanes.

Dense timelines are grouped: above GROUP_ABOVE claims a mark stands for all claims of one
kind by one side on one day (or in one week, over long spans), sized by how many it holds,
so 2,000 claims draw a few hundred marks. Coordinates are in the SVG's viewBox units.
"""

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from claims.status import rules
from claims.timeline.facts import TimelineClaim
from claims.vocabulary import THIRD_PARTY, ClaimKind, ClaimStatus, SettlementState

WIDTH = 960
LABEL_WIDTH = 130
RIGHT_PAD = 24
TOP_PAD = 8
LANE_HEIGHT = 38
BAND_GAP = 10
BAND_HEIGHT = 22
AXIS_HEIGHT = 26
MARK_RADIUS = 7.0
GROUP_ABOVE = 60
WEEKS_ABOVE_DAYS = 180

# Filled marks are confirmed claims; unverified ones are outlines (never colour alone).
STATUS_CLASSES = {status.value: f"mark-{status.value}" for status in ClaimStatus}


@dataclass(frozen=True)
class Lane:
    side: str
    label: str
    y: float


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    path: str
    kind: str
    css: str
    title: str
    claim_id: int
    count: int = 1


@dataclass(frozen=True)
class Join:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class BandPiece:
    x: float
    width: float
    state: str
    side: str
    label: str
    css: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    joins: list[Join]
    band: list[BandPiece]
    band_y: float
    ticks: list[Tick]
    axis_y: float
    grouped_by: str  # "", "day" or "week"
    first: dt.date
    last: dt.date


def shape_path(kind: str, x: float, y: float, r: float) -> str:
    """An SVG path for a kind's mark centred on (x, y): capture ▲, withdrawal ▼, denial ✕,
    contested ◆, advance ►."""
    if kind == ClaimKind.CAPTURE:
        return f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}L{x - r:.1f} {y + r * 0.8:.1f}Z"
    if kind == ClaimKind.WITHDRAWAL:
        return f"M{x:.1f} {y + r:.1f}L{x + r:.1f} {y - r * 0.8:.1f}L{x - r:.1f} {y - r * 0.8:.1f}Z"
    if kind == ClaimKind.DENIAL:
        a, b = r * 0.9, r * 0.35
        return (
            f"M{x - a:.1f} {y - a + b:.1f}L{x - a + b:.1f} {y - a:.1f}L{x:.1f} {y - b:.1f}"
            f"L{x + a - b:.1f} {y - a:.1f}L{x + a:.1f} {y - a + b:.1f}L{x + b:.1f} {y:.1f}"
            f"L{x + a:.1f} {y + a - b:.1f}L{x + a - b:.1f} {y + a:.1f}L{x:.1f} {y + b:.1f}"
            f"L{x - a + b:.1f} {y + a:.1f}L{x - a:.1f} {y + a - b:.1f}L{x - b:.1f} {y:.1f}Z"
        )
    if kind == ClaimKind.CONTESTED:
        return f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}L{x - r:.1f} {y:.1f}Z"
    # advance
    return f"M{x + r:.1f} {y:.1f}L{x - r * 0.8:.1f} {y - r:.1f}L{x - r * 0.8:.1f} {y + r:.1f}Z"


def lane_order(claims: Iterable[TimelineClaim], sides: list[str]) -> list[str]:
    """The conflict's sides that spoke (in the order given), any other claimant sides by
    key, and third parties last."""
    spoke = {c.claimant_side for c in claims}
    ordered = [s for s in sides if s in spoke]
    extra = sorted(spoke - set(ordered) - {THIRD_PARTY})
    return ordered + extra + ([THIRD_PARTY] if THIRD_PARTY in spoke else [])


def assessment_steps(
    claims: Iterable[TimelineClaim], sides: frozenset[str]
) -> list[tuple[dt.date, rules.Assessed]]:
    """The assessed state after each confirmed claim, in the status rules' order (by date,
    then id). Uses the rules' own step function, so the band can never disagree with the
    status block."""
    confirmed = sorted(
        (c for c in claims if c.status == ClaimStatus.CONFIRMED), key=lambda c: (c.date, c.id)
    )
    state = rules.Assessed()
    steps = []
    for claim in confirmed:
        fact = rules.ClaimFact(
            claim.id, 0, claim.claimant_side, claim.kind, claim.side, claim.stated_on,
            claim.event_date,
        )  # fmt: skip
        state = rules._apply(state, fact, sides)
        steps.append((claim.date, state))
    return steps


class _Scale:
    def __init__(self, first: dt.date, last: dt.date):
        self.first = first
        self.days = max((last - first).days, 1)
        self.span = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x(self, day: dt.date) -> float:
        offset = min(max((day - self.first).days, 0), self.days)
        return LABEL_WIDTH + self.span * offset / self.days


def _bucket(day: dt.date, grouped_by: str) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if grouped_by == "week" else day


def _title(claims: list[TimelineClaim], label: str, grouped_by: str) -> str:
    first = claims[0]
    about = f" of {first.side}" if first.side else ""
    if len(claims) == 1:
        event = f", about {first.event_date}" if first.event_date else ""
        return (
            f"#{first.id}: {label}: {first.kind}{about}, stated {first.stated_on}{event} "
            f"({first.status})"
        )
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    when = (
        f"week of {_bucket(first.stated_on, 'week')}"
        if grouped_by == "week"
        else str(first.stated_on)
    )
    tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    return f"{len(claims)} {first.kind} claims{about} by {label}, {when}: {tally}"


def _marks(claims, lanes, labels, scale, grouped_by) -> tuple[list[Mark], dict[int, Mark]]:
    # Each group's claims, under its key: (side, day or week, kind), or the claim alone.
    groups: dict[tuple, list[TimelineClaim]] = {}
    for claim in sorted(claims, key=lambda c: (c.stated_on, c.id)):
        day = _bucket(claim.stated_on, grouped_by)
        key = (claim.claimant_side, day, claim.kind if grouped_by else claim.id)
        groups.setdefault(key, []).append(claim)
    marks: list[Mark] = []
    of_claim: dict[int, Mark] = {}
    # Marks on one day in one lane step aside so that none hides another.
    crowd: dict[tuple[str, dt.date], int] = {}
    for (side, day, _), members in groups.items():
        first = members[0]
        lane = lanes[side]
        nudge = crowd.get((side, day), 0)
        crowd[side, day] = nudge + 1
        x = scale.x(day) + (nudge % 4) * MARK_RADIUS * 1.3
        y = lane.y + LANE_HEIGHT / 2 + (-1) ** nudge * min(nudge, 1) * 5
        radius = (
            MARK_RADIUS + min(math.log2(len(members)), 5) * 1.5
            if len(members) > 1
            else (MARK_RADIUS)
        )
        statuses = {c.status for c in members}
        css = STATUS_CLASSES.get(first.status, "") if len(statuses) == 1 else "mark-mixed"
        mark = Mark(
            x=round(x, 1),
            y=round(y, 1),
            path=shape_path(first.kind, x, y, radius),
            kind=first.kind,
            css=css,
            title=_title(members, labels.get(first.claimant_side, first.claimant_side), grouped_by),
            claim_id=first.id,
            count=len(members),
        )
        marks.append(mark)
        for claim in members:
            of_claim[claim.id] = mark
    return marks, of_claim


def _band(claims, sides: list[str], labels, scale, last) -> list[BandPiece]:
    # Consecutive steps that leave the same state and side are one span, merged before any
    # piece is drawn: at 2,000 claims most confirmed claims restate what holds already.
    spans: list[tuple[dt.date, rules.Assessed]] = []
    for day, state in assessment_steps(claims, frozenset(sides)):
        if not spans or (spans[-1][1].state, spans[-1][1].side) != (state.state, state.side):
            spans.append((day, state))
    pieces = []
    for i, (day, state) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else last
        if end < day:
            continue
        x1, x2 = scale.x(day), scale.x(end)
        name = labels.get(state.side, state.side)
        if state.state == SettlementState.CONTROLLED:
            # Sides take palette colours by their place in the conflict (CSS knows 6).
            hue = sides.index(state.side) % 6 if state.side in sides else 0
            label, css = f"held by {name}", f"band-controlled band-c{hue}"
        elif state.state == SettlementState.CONTESTED:
            label, css = f"contested (last held by {name})", "band-contested"
        else:
            label, css = "unknown", "band-unknown"
        until = f" until {end}" if i + 1 < len(spans) else ""
        pieces.append(
            BandPiece(
                x=round(x1, 1),
                width=round(max(x2 - x1, 2.0), 1),
                state=state.state,
                side=state.side,
                label=label if x2 - x1 > 8 * len(label) * 0.6 else "",
                css=css,
                title=f"Assessed {label} from {day}{until}",
            )
        )
    return pieces


def _ticks(first: dt.date, last: dt.date, scale: _Scale) -> list[Tick]:
    days = (last - first).days
    if days <= 45:
        step = max(days // 6, 1)
        return [
            Tick(round(scale.x(first + dt.timedelta(days=d)), 1), str(first + dt.timedelta(d)))
            for d in range(0, days + 1, step)
        ]
    months = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    every = max(math.ceil(len(months) / 8), 1)
    return [Tick(round(scale.x(m), 1), m.strftime("%Y-%m")) for m in months[::every]]


def layout(
    claims: list[TimelineClaim],
    *,
    sides: list[str],
    labels: dict[str, str],
    pairs: dict[int, int],
) -> Picture | None:
    """The picture of `claims`, or None when there is nothing to draw. `sides` are the
    conflict's side keys in display order, `labels` their names, `pairs` denial -> the
    claim it answers (claims.timeline.pairs)."""
    claims = [c for c in claims if c.status != ClaimStatus.SUPERSEDED]
    if not claims:
        return None
    first = min(c.stated_on for c in claims)
    latest = max(c.stated_on for c in claims)
    # A little room after the last claim, so its mark is not cut by the edge.
    last = latest + dt.timedelta(days=max((latest - first).days // 30, 1))
    scale = _Scale(first, last)
    order = lane_order(claims, sides)
    lanes = {
        side: Lane(side, labels.get(side, side), TOP_PAD + i * LANE_HEIGHT)
        for i, side in enumerate(order)
    }
    grouped_by = ""
    if len(claims) > GROUP_ABOVE:
        grouped_by = "week" if (last - first).days > WEEKS_ABOVE_DAYS else "day"
    marks, of_claim = _marks(claims, lanes, labels, scale, grouped_by)
    joins = {
        (of_claim[d].x, of_claim[d].y, of_claim[c].x, of_claim[c].y)
        for d, c in pairs.items()
        if d in of_claim and c in of_claim and of_claim[d] is not of_claim[c]
    }
    band_y = TOP_PAD + len(order) * LANE_HEIGHT + BAND_GAP
    axis_y = band_y + BAND_HEIGHT + 6
    return Picture(
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        lanes=list(lanes.values()),
        marks=marks,
        joins=[Join(*j) for j in sorted(joins)],
        band=_band(claims, sides, labels, scale, last),
        band_y=band_y,
        ticks=_ticks(first, last, scale),
        axis_y=axis_y,
        grouped_by=grouped_by,
        first=first,
        last=last,
    )
