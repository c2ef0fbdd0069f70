"""Which claim a denial answers, recorded on the denial (`Claim.answers`), so pages, the API
and the change feed show the pair the same way.

A denial answers a capture claim of the same settlement about the side it denies, made by
another claimant side: the one in the same article when there is one ("Russia says it took
X; Kyiv denies it"), else the latest made at most ANSWER_WINDOW before the denial, in any
article. Superseded claims are never answered. Every service that changes a settlement's
claims (extraction, corrections, merges, provisional settlements resolved) relinks its
denials in the same transaction.
"""

import datetime as dt
from collections.abc import Iterable

from claims.models import Change, Claim
from claims.vocabulary import ClaimKind, ClaimStatus

ANSWER_WINDOW = dt.timedelta(days=7)

_FIELDS = ("id", "article_id", "kind", "side", "claimant_side", "stated_on", "answers_id")


def answer_for(denial: dict, captures: list[dict]) -> int | None:
    """The id of the capture `denial` answers among `captures` (rows with _FIELDS, ordered
    by stated_on then id), or None."""
    opposing = [
        c
        for c in captures
        if c["side"] == denial["side"] and c["claimant_side"] != denial["claimant_side"]
    ]
    same_article = [c for c in opposing if c["article_id"] == denial["article_id"]]
    if same_article:
        return same_article[0]["id"]
    earliest = denial["stated_on"] - ANSWER_WINDOW
    earlier = [c for c in opposing if earliest <= c["stated_on"] <= denial["stated_on"]]
    return earlier[-1]["id"] if earlier else None


def denials_link(*, settlement_ids: Iterable[int]) -> list[int]:
    """Record the claim each live denial of these settlements answers; return the ids of
    the denials whose answer changed (for the caller's change-feed events)."""
    rows = (
        Claim.objects.filter(
            settlement_id__in=set(settlement_ids),
            kind__in=[ClaimKind.CAPTURE, ClaimKind.DENIAL],
        )
        .exclude(status=ClaimStatus.SUPERSEDED)
        .order_by("stated_on", "id")
        .values("settlement_id", *_FIELDS)
    )
    captures: dict[int, list[dict]] = {}
    denials: list[dict] = []
    for row in rows:
        if row["kind"] == ClaimKind.CAPTURE:
            captures.setdefault(row["settlement_id"], []).append(row)
        else:
            denials.append(row)
    changed = [
        Claim(pk=row["id"], answers_id=answer)
        for row in denials
        if (answer := answer_for(row, captures.get(row["settlement_id"], []))) != row["answers_id"]
    ]
    Claim.objects.bulk_update(changed, ["answers"])
    return [claim.pk for claim in changed]


def denials_relink(*, settlement_ids: Iterable[int], events: list[tuple[str, int]]) -> None:
    """denials_link, appending a `claim.updated` event for each denial whose answer changed
    and that `events` does not name already (its own event, created or corrected, stays)."""
    named = {object_id for event, object_id in events if event.startswith("claim.")}
    events.extend(
        (Change.Event.CLAIM_UPDATED, claim_id)
        for claim_id in denials_link(settlement_ids=settlement_ids)
        if claim_id not in named
    )
