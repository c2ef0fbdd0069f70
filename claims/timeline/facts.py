"""One claim as the timeline needs it: a few fields, no article, no evidence text."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TimelineClaim:
    id: int
    claimant_side: str
    kind: str
    side: str
    stated_on: dt.date
    event_date: dt.date | None
    status: str
    # For a denial, the claim it answers (Claim.answers).
    answers_id: int | None = None

    @property
    def date(self) -> dt.date:
        """When the claim says it happened, else when it was stated (as the status rules)."""
        return self.event_date or self.stated_on


# The columns a TimelineClaim is built from, for `.values_list(*FIELDS)`.
FIELDS = (
    "id", "claimant_side", "kind", "side", "stated_on", "event_date", "status", "answers_id",
)  # fmt: skip
