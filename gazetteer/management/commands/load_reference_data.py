from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conflictwatch.core.exceptions import DomainError
from gazetteer.services import REFERENCE_DIR, reference_data_load


class Command(BaseCommand):
    help = "Load conflicts, sides, actors and the gazetteer from gazetteer/reference/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Reload even if the data files are unchanged."
        )
        parser.add_argument(
            "--directory", type=Path, default=REFERENCE_DIR, help="Where the YAML files are."
        )

    def handle(self, *args, force: bool, directory: Path, verbosity: int, **options):
        def progress(message: str) -> None:
            if verbosity:
                self.stdout.write(message)

        try:
            report = reference_data_load(directory=directory, force=force, progress=progress)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if verbosity and not report.skipped:
            summary = ", ".join(f"{k}={v:,}" for k, v in report.counts.items())
            self.stdout.write(self.style.SUCCESS(f"reference data loaded: {summary}"))
