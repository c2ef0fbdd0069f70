"""Give URLs from the command line: each page is fetched and stored as an article (at once
in embedded mode; by a worker on the fetch queue otherwise)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from conflictwatch.core.exceptions import DomainError
from sources.models import Fetch
from sources.services import url_submit


class Command(BaseCommand):
    help = "Fetch article pages by URL (one per argument, or one per line with '-' for stdin)."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", help="URLs, or - to read them from stdin")
        parser.add_argument("--conflict", default=None, help="conflict key, e.g. sudan")

    def handle(self, *args, urls: list[str], conflict: str | None, verbosity: int, **options):
        if urls == ["-"]:
            urls = [line.strip() for line in sys.stdin if line.strip()]
        refused = 0
        for number, url in enumerate(urls, start=1):
            try:
                submitted = url_submit(url=url, conflict_key=conflict)
            except DomainError as exc:
                refused += 1
                self.stderr.write(f"{number}: {url[:200]!r}: {exc.message}")
                continue
            if verbosity:
                self.stdout.write(f"{number}: {self._outcome(submitted)}")
        if refused == len(urls):
            raise CommandError("no URL could be queued")

    def _outcome(self, submitted) -> str:
        if submitted.fetch is None:
            return f"already stored as article {submitted.article.id}"
        fetch = Fetch.objects.select_related("article").get(id=submitted.fetch.id)
        if fetch.status == Fetch.Status.STORED:
            return f"stored as article {fetch.article_id}"
        if fetch.status == Fetch.Status.FAILED:
            return f"failed: {fetch.error}"
        return f"queued as fetch {fetch.id} ({fetch.status})"
