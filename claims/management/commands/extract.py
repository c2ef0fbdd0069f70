"""Run the extractor over a JSON Lines file of articles (no database writes)."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.pipeline import extract_many
from claims.vocabulary import THIRD_PARTY

BATCH = 32

# (text, published, conflict key, outlet): what the extractor reads of an article.
Article = tuple[str, dt.date, str | None, str]


def _published(value) -> dt.date:
    if not value:
        return dt.date.today()
    return dt.date.fromisoformat(str(value)[:10])


def _claim_json(claim) -> dict:
    return {
        "settlement": claim.settlement_name,
        "settlement_mention": claim.settlement_mention,
        "claimant": claim.claimant_name,
        "claimant_side": claim.claimant_side or THIRD_PARTY,
        "kind": claim.kind,
        "side": claim.side or None,
        "evidence": claim.evidence,
        "evidence_start": claim.evidence_start,
        "evidence_end": claim.evidence_end,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "confidence": claim.confidence,
    }


class Command(BaseCommand):
    help = (
        "Extract claims from articles in a JSON Lines file (id, title, text, published, "
        "conflict?) into another, one result per input line. Nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="JSON Lines articles")
        parser.add_argument("--output", required=True, type=Path, help="where to write results")

    def handle(self, *args, input: Path, output: Path, verbosity: int, **options):
        try:
            lines = input.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {input}: {exc}") from exc
        # (id, article, error): an article, or the error that kept a line from being one.
        records: list[tuple[object, Article | None, str | None]] = []
        errors = 0
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise ValueError("each line must be an object with a text string")
                item = (
                    row["text"],
                    _published(row.get("published")),
                    row.get("conflict"),
                    str(row.get("outlet") or ""),
                )
                records.append((row.get("id", f"line-{number}"), item, None))
            except ValueError as exc:
                errors += 1
                records.append((f"line-{number}", None, f"line {number}: {exc}"))
        bar = tqdm(total=len(records), unit="article", disable=verbosity == 0, file=sys.stderr)
        with output.open("w", encoding="utf-8") as out:
            for start in range(0, len(records), BATCH):
                chunk = records[start : start + BATCH]
                results = iter(
                    extract_many([item for _, item, _error in chunk if item is not None])
                )
                for rid, _item, error in chunk:
                    row = {"id": rid, "extractor_version": EXTRACTOR_VERSION}
                    if error is not None:
                        row.update(error=error, claims=[])
                    else:
                        result = next(results)
                        row.update(
                            conflict=result.conflict_key,
                            language=result.language,
                            notes=result.notes,
                            claims=[_claim_json(c) for c in result.claims],
                        )
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                bar.update(len(chunk))
        bar.close()
        if errors:
            self.stderr.write(f"{errors} line(s) could not be read; see the error fields")
