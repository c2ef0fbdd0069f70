"""Reads of a settlement's status in time.

- as of a date (what we knew then): the stored history's row for that day, one probe of
  its unique index (claims.status.store keeps it).
- on a date (event time: who held it then, by what we know now): claims.status.derive
  over the claims dated on or before the day, a few index lookups whatever the
  settlement's size.
"""

import datetime as dt

from claims.models import SettlementStatusChange
from claims.status import rules
from claims.status.derive import status_compute, status_derive
from claims.status.facts import history_load


def status_as_of(*, settlement_id: int, day: dt.date) -> rules.Status:
    """The status as it stood at the end of `day` (UTC)."""
    row = (
        SettlementStatusChange.objects.filter(settlement_id=settlement_id, known_from__lte=day)
        .order_by("-known_from")
        .first()
    )
    return row.as_status() if row else rules.Status()


def status_on(*, settlement_id: int, day: dt.date) -> rules.Status:
    """The status from the live claims dated on or before `day` and all reviews to date."""
    return status_derive(settlement_id=settlement_id, on=day)


def status_as_of_recompute(*, settlement_id: int, day: dt.date) -> rules.Status:
    """`status_as_of` from the full record, ignoring the stored history: what the history
    must equal (tests) and a check for an operator who doubts it."""
    return rules.as_of(**history_load(settlement_id=settlement_id), day=day)


def status_on_recompute(*, settlement_id: int, day: dt.date) -> rules.Status:
    """`status_on` from every claim and review (tests)."""
    return status_compute(settlement_id=settlement_id, on=day)
