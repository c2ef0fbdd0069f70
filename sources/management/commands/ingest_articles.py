"""Bulk ingest: a JSON Lines file of articles, each saved and queued like a pasted one."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from conflictwatch.core.exceptions import DomainError
from sources.models import Article
from sources.services import article_ingest


def _published(value) -> dt.date | dt.datetime | None:
    if not value:
        return None
    text = str(value)
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError as exc:
        raise DomainError(f"published {text[:40]!r} is not an ISO date") from exc


class Command(BaseCommand):
    help = (
        "Ingest articles from a JSON Lines file: one object per line with title, text and "
        "optionally published, url, outlet, conflict. Already-stored texts are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, verbosity: int, **options):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        created = existing = 0
        problems: list[str] = []
        for number, line in enumerate(
            tqdm(lines, unit="line", disable=verbosity == 0, file=sys.stderr), start=1
        ):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise DomainError("expected a JSON object")
                result = article_ingest(
                    title=str(row.get("title") or ""),
                    text=str(row.get("text") or ""),
                    published=_published(row.get("published")),
                    url=str(row.get("url") or ""),
                    outlet_name=str(row.get("outlet") or ""),
                    conflict_key=row.get("conflict") or None,
                    origin=Article.Origin.BULK,
                )
            except (ValueError, DomainError) as exc:
                problems.append(f"line {number}: {getattr(exc, 'message', exc)}")
                continue
            created += result.created
            existing += not result.created
        for problem in problems:
            self.stderr.write(problem)
        if verbosity:
            self.stdout.write(
                f"{created} new article(s), {existing} already stored, {len(problems)} refused"
            )
        if problems and not created and not existing:
            raise CommandError("no article could be ingested")
