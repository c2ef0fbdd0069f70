"""Re-run the current extractor over stored articles, keeping editors' reviews."""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.extraction import EXTRACTOR_VERSION
from claims.services.extraction import articles_for_reextraction, articles_reextract
from gazetteer.models import Conflict


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--since {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        f"Re-extract stored articles with extractor {EXTRACTOR_VERSION}: claims still found "
        "keep their reviews, reviewed claims no longer found become superseded. Articles "
        "this version already read are skipped unless --all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--conflict", help="only articles of this conflict (key)")
        parser.add_argument("--since", type=_date, help="only articles published on or after")
        parser.add_argument("--all", action="store_true", help="also articles this version read")

    def handle(self, *args, conflict, since, all, verbosity, **options):
        if conflict and not Conflict.objects.filter(key=conflict).exists():
            keys = ", ".join(Conflict.objects.values_list("key", flat=True))
            raise CommandError(f"unknown conflict {conflict!r}; known: {keys}")
        total = articles_for_reextraction(
            conflict_key=conflict, since=since, everything=all
        ).count()
        if total == 0:
            self.stdout.write(
                f"nothing to re-extract: every article was read by {EXTRACTOR_VERSION}"
            )
            return
        with tqdm(total=total, unit="article", disable=verbosity == 0, file=sys.stderr) as bar:
            report = articles_reextract(
                conflict_key=conflict, since=since, everything=all, progress=bar.update
            )
        self.stdout.write(f"re-extracted {report.articles} article(s); {report.failed} failed")
        if report.failed:
            raise CommandError("some articles failed; their reasons are on their pages")
