"""Recompute settlements' stored status and status history from their full record."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.models import Claim
from claims.status.store import settlement_status_refresh
from gazetteer.models import Settlement


class Command(BaseCommand):
    help = (
        "Rebuild the stored current status and the day-by-day status history (what ?as_of= "
        "reads) of settlements from their claims, reviews and corrections. Safe to run "
        "while editors work: each settlement is rebuilt in its own transaction, locked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "settlements", nargs="*", type=int, help="settlement ids (default: all with claims)"
        )

    def handle(self, *args, settlements, verbosity, **options):
        if settlements:
            known = set(Settlement.objects.filter(pk__in=settlements).values_list("id", flat=True))
            missing = sorted(set(settlements) - known)
            if missing:
                raise CommandError(f"no settlement with id {', '.join(map(str, missing))}")
            ids = sorted(known)
        else:
            ids = list(
                Claim.objects.order_by("settlement_id")
                .values_list("settlement_id", flat=True)
                .distinct()
            )
        for settlement_id in tqdm(ids, unit="settlement", disable=verbosity == 0, file=sys.stderr):
            # No day: the whole history is derived again.
            settlement_status_refresh(settlement_ids=[settlement_id], changed_on=None)
        self.stdout.write(f"rebuilt the status history of {len(ids)} settlement(s)")
