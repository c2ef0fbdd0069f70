"""Poll feeds now. Beat does this every minute where a worker runs; in embedded mode (no
broker) this command is how feeds are polled: run it from cron, or by hand."""

from django.core.management.base import BaseCommand

from sources.models import Feed
from sources.services import feed_poll, feeds_due


class Command(BaseCommand):
    help = "Poll the feeds that are due (or --all active feeds) and queue their new entries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everything", help="every active feed, due or not"
        )

    def handle(self, *args, everything: bool = False, verbosity: int = 1, **options):
        ids = (
            list(Feed.objects.filter(active=True).order_by("id").values_list("id", flat=True))
            if everything
            else feeds_due()
        )
        for feed_id in ids:
            result = feed_poll(feed_id=feed_id)
            if verbosity:
                detail = {
                    "new": f"{result.entries} entries, {result.new_fetches} new",
                    "not_modified": "not modified",
                    "failed": f"FAILED: {result.error}",
                }[result.outcome]
                self.stdout.write(f"{result.feed}: {detail}")
        if verbosity and not ids:
            self.stdout.write("no feed is due")
