"""Build a large synthetic claim ledger in PostgreSQL for bench/scale.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench \\
        .venv/bin/python bench/generate.py --claims 100000

Migrates, loads the reference data (the real gazetteer), then writes articles, claims and
reviews with COPY: one article per five claims, reviews on 41% of claims (the issue's
1,000,000 / 200,000 / 411,000), over `--days` days ending today. Settlements are drawn
with a long tail (weight 1/(rank+2), Toretsk first), so the busiest holds about 7% of all
claims, as in the issue. Finally every settlement's stored status and status history are
derived by the same code the services use (claims.status.store), one settlement per
transaction. Existing articles, claims and reviews in that database are deleted first.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = [("capture", 25), ("denial", 20), ("contested", 20), ("withdrawal", 10), ("advance", 25)]
VERDICTS = [("confirm", 70), ("dispute", 20), ("reset", 10)]
CLAIMANTS = ["russia", "ukraine", "third-party"]
SIDES = ["russia", "ukraine"]
PARAGRAPH = (
    "Officials said fighting continued around the town on Friday, and that the situation "
    "could not be independently verified. Residents described shelling overnight. "
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    import django

    django.setup()


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _copy(cursor, table: str, columns: list[str], rows, bar=None) -> int:
    """COPY rows (tuples of Python values) into `table`; None is NULL."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
            if bar is not None and count % 1000 == 0:
                bar.update(1000)
    if bar is not None:
        bar.update(count % 1000)
    return count


def _settlements(count: int) -> list[int]:
    """UA gazetteer settlements, Toretsk first, then the most populous."""
    from gazetteer.models import Settlement

    ua = Settlement.objects.filter(country="UA", merged_into__isnull=True)
    first = list(ua.filter(name="Toretsk").values_list("id", flat=True)[:1])
    rest = ua.exclude(id__in=first).order_by("-population", "id").values_list("id", flat=True)
    return first + list(rest[: count - len(first)])


def generate(*, claims: int, days: int, settlements: int, seed: int) -> dict:
    from django.db import connection, transaction
    from django.db.models import Exists, OuterRef
    from tqdm import tqdm

    from claims import append_only
    from claims.models import Claim, Review
    from gazetteer.models import Conflict
    from sources.models import Article, Outlet

    rng = random.Random(seed)
    places = _settlements(settlements)
    weights = [1 / (rank + 2) for rank in range(len(places))]
    conflict = Conflict.objects.get(key="russia-ukraine")
    outlet, _ = Outlet.objects.get_or_create(name="Bench Wire")
    from django.contrib.auth import get_user_model

    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    today = dt.date.today()
    start = today - dt.timedelta(days=days)
    articles = max(claims // 5, 1)
    with transaction.atomic(), connection.cursor() as cursor:
        # A bench database is scratch: the one place outside tests that may empty the
        # record (claims/append_only.py refuses TRUNCATE of reviews without this).
        cursor.execute(f"SET LOCAL {append_only.ALLOW_TRUNCATE} = 'on'")
        cursor.execute(
            "TRUNCATE claims_review, claims_correction, claims_settlementstatuschange, "
            "claims_settlementstatus, claims_claim, sources_article CASCADE"
        )
        article_table = Article._meta.db_table
        now = dt.datetime.now(dt.UTC)
        published = [
            dt.datetime.combine(start + dt.timedelta(days=rng.randrange(days)), dt.time(9),
                                tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(600))
            for _ in range(articles)
        ]  # fmt: skip
        with tqdm(total=articles, unit="article", file=sys.stderr) as bar:
            _copy(cursor, article_table,
                  ["id", "url", "normalized_url", "title", "published", "outlet_id",
                   "conflict_id", "text",
                   "content_hash", "origin", "language", "status", "status_reason",
                   "extractor_version", "status_changed_at", "lease_token", "extracted_at",
                   "created_at"],
                  ((i + 1, f"https://bench.example/{i + 1}", f"https://bench.example/{i + 1}",
                    f"Bench story {i + 1}",
                    published[i], outlet.id, conflict.id, PARAGRAPH * 8,
                    hashlib.sha256(f"bench-{seed}-{i}".encode()).hexdigest(), "api", "en",
                    "extracted", "", "bench", now, "", now, now)
                   for i in range(articles)), bar)  # fmt: skip
        claim_rows, review_rows = [], []
        claim_id = review_id = 0
        for article in range(articles):
            stated = published[article].date()
            seen = set()
            for _ in range(5):
                place = rng.choices(places, weights=weights)[0]
                kind = _weighted(rng, KINDS)
                side = "" if kind == "contested" else rng.choice(SIDES)
                claimant = rng.choice(CLAIMANTS)
                if (place, claimant, kind, side) in seen:
                    continue
                seen.add((place, claimant, kind, side))
                claim_id += 1
                if rng.random() < 0.41:
                    verdict = _weighted(rng, VERDICTS)
                    review_id += 1
                    reviewed = min(
                        published[article] + dt.timedelta(hours=rng.randrange(1, 240)), now
                    )
                    review_rows.append((
                        review_id, claim_id, claim_id, verdict,
                        "Checked against footage." if verdict == "dispute" else "", "",
                        editor.id, reviewed,
                    ))  # fmt: skip
                event = None
                if rng.random() < 0.7:
                    event = stated - dt.timedelta(days=rng.randrange(0, 5))
                claim_rows.append((
                    claim_id, article + 1, conflict.id, place, "Toretsk", None, "Bench official",
                    claimant, kind, side, PARAGRAPH[:80], 0, 80, stated, event, 0.8, "bench",
                    "unverified", "[]", now, now,
                ))  # fmt: skip
        with tqdm(total=len(claim_rows), unit="claim", file=sys.stderr) as bar:
            _copy(cursor, Claim._meta.db_table,
                  ["id", "article_id", "conflict_id", "settlement_id", "settlement_mention",
                   "claimant_id", "claimant_name", "claimant_side", "kind", "side", "evidence",
                   "evidence_start", "evidence_end", "stated_on", "event_date", "confidence",
                   "extractor_version", "status", "extracted_as", "created_at", "updated_at"],
                  claim_rows, bar)  # fmt: skip
        with tqdm(total=len(review_rows), unit="review", file=sys.stderr) as bar:
            _copy(cursor, Review._meta.db_table,
                  ["id", "claim_id", "origin_claim_id", "verdict", "note", "evidence_url",
                   "reviewer_id", "created_at"],
                  review_rows, bar)  # fmt: skip
        # Claims are written unverified and take their reviews' verdict afterwards: the
        # database accepts no other status (claims/append_only.py).
        has_review = Exists(Review.objects.filter(claim=OuterRef("pk")))
        Claim.objects.filter(has_review).status_from_reviews()
        for model in (Article, Claim, Review):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    return {"articles": articles, "claims": len(claim_rows), "reviews": len(review_rows)}


def derive_statuses() -> int:
    from django.db import connection, transaction
    from django.db.models import Count
    from tqdm import tqdm

    from claims.models import Claim
    from claims.status.store import settlement_status_refresh

    # Smallest first, so the bar moves; the busiest settlements take most of the time.
    ids = list(
        Claim.objects.order_by().values("settlement_id").annotate(n=Count("id"))
        .order_by("n").values_list("settlement_id", flat=True)
    )  # fmt: skip
    with connection.cursor() as cursor:
        # A generated ledger can be generated again: no need to wait for each commit's fsync.
        cursor.execute("SET synchronous_commit TO off")
    batches = [ids[i : i + 50] for i in range(0, len(ids), 50)]
    with tqdm(total=len(ids), unit="settlement", file=sys.stderr) as bar:
        for batch in batches:
            with transaction.atomic():
                for settlement_id in batch:
                    settlement_status_refresh(settlement_ids=[settlement_id], changed_on=None)
            bar.update(len(batch))
    return len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--settlements", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database you mean to fill (it is emptied).")
    _setup_django()
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    print(f"reference data ready in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    began = time.perf_counter()
    counts = generate(
        claims=args.claims, days=args.days, settlements=args.settlements, seed=args.seed
    )
    copied = time.perf_counter() - began
    began = time.perf_counter()
    derived = derive_statuses()
    print(
        f"{counts['articles']:,} articles, {counts['claims']:,} claims, "
        f"{counts['reviews']:,} reviews copied in {copied:.0f} s; status and history of "
        f"{derived:,} settlements derived in {time.perf_counter() - began:.0f} s"
    )


if __name__ == "__main__":
    main()
