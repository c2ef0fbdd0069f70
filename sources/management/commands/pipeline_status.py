"""What the ingestion pipeline holds right now: for an operator at a terminal (or --json
for a monitoring script)."""

import json

from django.core.management.base import BaseCommand

from conflictwatch.core.broker import broker_state
from sources.selectors import pipeline_counts


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "none waiting"
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


class Command(BaseCommand):
    help = "Articles, fetches and feeds by state, queue depths and the oldest waiting work."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="one JSON object on stdout"
        )

    def handle(self, *args, as_json: bool = False, **options):
        counts = pipeline_counts()
        broker = broker_state()
        if as_json:
            self._write_json(counts, broker)
        else:
            self._write_text(counts, broker)
        # Non-zero when the broker is away, so a cron job or probe can act on it.
        if not broker.reachable:
            raise SystemExit(1)

    def _write_json(self, counts, broker):
        body = {
            **counts,
            "broker": {
                "mode": broker.mode,
                "reachable": broker.reachable,
                "queues": broker.queue_depths,
                "error": broker.error,
            },
        }
        self.stdout.write(json.dumps(body, indent=2))

    def _write_text(self, counts, broker):
        line = ", ".join
        self.stdout.write("articles: " + line(f"{n} {s}" for s, n in counts["articles"].items()))
        self.stdout.write("fetches:  " + line(f"{n} {s}" for s, n in counts["fetches"].items()))
        self.stdout.write("feeds:    " + line(f"{n} {h}" for h, n in counts["feeds"].items()))
        self.stdout.write(
            f"oldest waiting article: {_age(counts['oldest_pending_article_seconds'])}; "
            f"fetch: {_age(counts['oldest_pending_fetch_seconds'])}"
        )
        if broker.mode == "in-process":
            self.stdout.write("broker:   none (tasks run in-process)")
        elif broker.reachable:
            depths = line(f"{q} {n}" for q, n in broker.queue_depths.items())
            self.stdout.write(f"broker:   reachable; queued: {depths}")
        else:
            self.stdout.write(self.style.ERROR(f"broker:   UNREACHABLE ({broker.error})"))
