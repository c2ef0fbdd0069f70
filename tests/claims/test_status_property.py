"""Property: whatever editors and the extractor do, in any order, the stored status equals
a from-scratch derivation; the status as of any past day (the stored history) equals what
was stored at the end of that day and a from-scratch derivation for every day; and the
status on any event date equals its from-scratch derivation.

Claims are added through the extraction write path to articles published on the day they
are added (a story is extracted the day it runs), reviews and corrections through the
services with the test's clock; nothing sleeps.
"""

import contextlib
import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import selectors, services
from claims.models import Claim, SettlementStatus
from claims.status import history, rules
from claims.vocabulary import THIRD_PARTY, ClaimKind, ClaimStatus, ReviewVerdict
from conflictwatch.core.exceptions import DomainError
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    SideFactory,
    UserFactory,
    article_on,
    extract,
    found,
)

START = dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC)
KINDS = [
    ClaimKind.CAPTURE,
    ClaimKind.DENIAL,
    ClaimKind.CONTESTED,
    ClaimKind.WITHDRAWAL,
    ClaimKind.ADVANCE,
]

sides = st.sampled_from(["russia", "ukraine"])
claimant_sides = st.sampled_from(["russia", "ukraine", THIRD_PARTY])
claim_op = st.tuples(
    st.just("claim"), st.integers(0, 1), st.integers(0, 1), claimant_sides,
    st.sampled_from(KINDS), sides, st.one_of(st.none(), st.integers(0, 4)),
)  # fmt: skip
review_op = st.tuples(
    st.just("review"),
    st.integers(0, 50),
    st.sampled_from([ReviewVerdict.CONFIRM, ReviewVerdict.DISPUTE, ReviewVerdict.RESET]),
)
correct_op = st.tuples(
    st.just("correct"), st.integers(0, 50), st.one_of(st.none(), st.sampled_from(KINDS)), sides,
    st.one_of(st.none(), claimant_sides), st.one_of(st.none(), st.integers(0, 1)),
)  # fmt: skip
# An article published days ago and extracted now: it changes what the history says for
# the days since it was published, which the store rebuilds.
late_op = st.tuples(
    st.just("late"), st.integers(1, 3), st.integers(0, 1), claimant_sides,
    st.sampled_from(KINDS), sides,
)  # fmt: skip
bulk_op = st.tuples(st.just("bulk"), st.lists(st.integers(0, 50), max_size=3))
next_day_op = st.tuples(st.just("next-day"), st.integers(1, 3))
# A claim first: reviews and corrections of nothing prove nothing.
operations = st.tuples(
    claim_op,
    st.lists(
        st.one_of(
            claim_op, review_op, review_op, correct_op, correct_op, bulk_op, next_day_op, late_op
        ),
        max_size=25,
    ),
).map(lambda first_and_rest: [first_and_rest[0], *first_and_rest[1]])


class World:
    def __init__(self, third_side: bool):
        self.conflict = ConflictFactory(russia_ukraine=True)
        if third_side:
            SideFactory(conflict=self.conflict, key="wagner")
        self.places = [
            SettlementFactory.create(name="Toretsk"),
            SettlementFactory.create(name="Pokrovsk"),
        ]
        self.editor = UserFactory()
        self.now = START
        self.articles: dict[tuple[dt.date, int], tuple] = {}
        self.snapshots: dict[dt.date, dict[int, dict]] = {}
        self.event_days: set[dt.date] = {START.date()}
        # After a late article, what was stored at the end of a day is no longer what the
        # history says of it (it now knows of the article): snapshots stop being the oracle.
        self.late = False

    def tick(self):
        self.now += dt.timedelta(minutes=7)

    def live_claim(self, pick: int) -> Claim | None:
        claims = list(Claim.objects.exclude(status=ClaimStatus.SUPERSEDED).order_by("id"))
        return claims[pick % len(claims)] if claims else None

    def run(self, op):
        name, *args = op
        if name == "next-day":
            self.snapshot()
            day = self.now.date() + dt.timedelta(days=args[0])
            self.now = dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC)
            return
        self.tick()
        self.event_days.add(self.now.date())
        if name == "late":
            days_ago, place, by, kind, side = args
            day = self.now.date() - dt.timedelta(days=days_ago)
            self.late = True
            self.event_days.add(day)
            side = "" if kind == ClaimKind.CONTESTED else side
            extract(article_on(day), self.conflict, [found(self.places[place], kind, side, by=by)])
        elif name == "claim":
            slot, place, by, kind, side, days_before = args
            key = (self.now.date(), slot)
            if key not in self.articles:
                self.articles[key] = (article_on(self.now.date()), [])
            article, items = self.articles[key]
            event = self.now.date() - dt.timedelta(days=days_before) if days_before else None
            if event:
                self.event_days.add(event)
            items.append(
                found(
                    self.places[place],
                    kind,
                    "" if kind == ClaimKind.CONTESTED else side,
                    by=by,
                    event_date=event,
                )
            )
            extract(article, self.conflict, items)
        elif name == "review":
            claim = self.live_claim(args[0])
            if claim:
                services.review_add(claim_id=claim.id, reviewer=self.editor, verdict=args[1],
                                    note="checked", at=self.now)  # fmt: skip
        elif name == "bulk":
            ids = [c.id for c in map(self.live_claim, args[0]) if c]
            services.reviews_confirm_bulk(claim_ids=ids, reviewer=self.editor, at=self.now)
        elif name == "correct":
            claim = self.live_claim(args[0])
            kind, side, claimant_side, place = args[1:]
            changes = {"claimant_side": claimant_side, "kind": kind}
            if kind:
                changes["side"] = "" if kind == ClaimKind.CONTESTED else side
            if place is not None:
                changes["settlement_id"] = self.places[place].id
            # A refused correction (nothing to change) changes nothing; the checks still hold.
            with contextlib.suppress(DomainError):
                if claim:
                    services.claim_correct(claim_id=claim.id, editor=self.editor, at=self.now,
                                           **changes)  # fmt: skip

    def stored(self) -> dict[int, dict]:
        rows = {r.settlement_id: r for r in SettlementStatus.objects.all()}
        return {p.id: selectors.stored_status_json(rows.get(p.id)) for p in self.places}

    def days(self) -> list[dt.date]:
        """Each day something happened or a claim is dated, and the day before it: between
        two of these every answer is that of the earlier one, so this is every day."""
        days = {d + dt.timedelta(days=k) for d in self.event_days for k in (-1, 0)}
        return sorted(days | {self.now.date() + dt.timedelta(days=1)})

    def snapshot(self):
        self.snapshots[self.now.date()] = self.stored()


@pytest.mark.django_db
@settings(
    max_examples=45,
    database=None,  # no .hypothesis directory in the shared tree
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, third_side=st.booleans())
def test_stored_status_matches_derivation_now_and_as_of_every_past_day(ops, third_side):
    with transaction.atomic():
        world = World(third_side)
        for op in ops:
            world.run(op)
            for place, stored in world.stored().items():
                derived = rules.status_json(services.settlement_status_compute(settlement_id=place))
                assert stored == derived, (op, place)
        world.snapshot()
        for day, statuses in world.snapshots.items() if not world.late else ():
            for place, then in statuses.items():
                as_of = selectors.settlement_status(settlement_id=place, as_of=day)
                assert {**as_of, "as_of": None, "on": None} == {**then, "as_of": None, "on": None}
        for day in world.days():
            for place in world.places:
                stored = history.status_as_of(settlement_id=place.id, day=day)
                derived = history.status_as_of_recompute(settlement_id=place.id, day=day)
                assert rules.status_json(stored) == rules.status_json(derived), (day, place)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(
    max_examples=25,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, third_side=st.booleans())
def test_status_on_an_event_date_matches_derivation_from_every_claim(ops, third_side):
    with transaction.atomic():
        world = World(third_side)
        for op in ops:
            world.run(op)
        for day in world.days():
            for place in world.places:
                on = history.status_on(settlement_id=place.id, day=day)
                derived = history.status_on_recompute(settlement_id=place.id, day=day)
                assert rules.status_json(on) == rules.status_json(derived), (day, place)
        transaction.set_rollback(True)
