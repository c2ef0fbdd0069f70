"""Reads for the conflict pages: the conflict with its sides, its latest claims, and the
settlements whose status changed most recently."""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from claims.models import Claim
from claims.selectors.claims import claim_list
from gazetteer.models import Conflict, Settlement, Side

LATEST_CLAIMS = 15
RECENTLY_CHANGED = 15


def conflict_list() -> QuerySet[Conflict]:
    """Every conflict with its sides, by name."""
    return Conflict.objects.prefetch_related(
        Prefetch("sides", queryset=Side.objects.order_by("name"))
    ).order_by("name")


def conflict_get(*, key: str) -> Conflict:
    """One conflict with its sides; raises Conflict.DoesNotExist."""
    return conflict_list().get(key=key)


def conflict_latest_claims(*, conflict_id: int, limit: int = LATEST_CLAIMS) -> list[Claim]:
    """The conflict's newest claims, newest first, without their articles' text."""
    rows = (
        claim_list()
        .filter(conflict_id=conflict_id)
        .defer("article__text")
        .order_by("-stated_on", "-id")
    )
    return list(rows[:limit])


def conflict_recently_changed(
    *, conflict_id: int, limit: int = RECENTLY_CHANGED
) -> list[Settlement]:
    """Settlements with claims in the conflict whose stored status was rewritten most
    recently (a claim, review or correction touched them)."""
    in_conflict = Claim.objects.filter(settlement=OuterRef("pk"), conflict_id=conflict_id)
    rows = (
        Settlement.objects.filter(Exists(in_conflict), current_status__isnull=False)
        .select_related("current_status")
        .order_by(F("current_status__updated_at").desc(), "id")
    )
    return list(rows[:limit])
