"""Page speed: p50/p95 of the settlement page at 20, 200 and 2,000 claims, and of the
settlements list and the map data at 20,000 settlements, next to a trivial view (/healthz)
and a trivial page (the sign-in form: the base template, no query) measured in the same
run. Targets (issue #12): within 3x of the trivial view; the
settlement page's p95 at most 150 ms at 2,000 claims.

    .venv/bin/python bench/pages.py                      (embedded SQLite under var/bench)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench .venv/bin/python bench/pages.py

The data is generated into a fresh database (dropped and rebuilt on each run). Requests go
through Django's test client, in process, so the figures are the app's own time without
a network or a web server. Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "false")
# The settings refuse a short key, even for a benchmark.
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CONFLICTWATCH_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ["CELERY_BROKER_URL"] = ""
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

CLAIM_COUNTS = (20, 200, 2000)
LIST_SETTLEMENTS = 20_000
START = dt.date(2024, 1, 1)


def _setup() -> None:
    Path(os.environ["CONFLICTWATCH_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings

    # No setup_test_environment(): its instrumented template rendering would be measured.
    settings.ALLOWED_HOSTS = ["testserver"]
    # Static URLs without a collected manifest: the pages' own work is what is measured.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _fresh_database() -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _generate() -> dict[int, int]:
    """A war with two sides, one settlement per claim count, and LIST_SETTLEMENTS more
    settlements with two claims each and a status row: {claim count: settlement id}."""
    from claims.models import Claim, SettlementStatus
    from gazetteer.models import Conflict, Settlement, Side
    from sources.models import Article, Outlet

    war = Conflict.objects.create(key="russia-ukraine", name="Russia–Ukraine war")
    for key, name in (("russia", "Russia"), ("ukraine", "Ukraine")):
        Side.objects.create(conflict=war, key=key, name=name)
    outlet = Outlet.objects.create(name="Bench Wire")
    text = "Officials spoke on Friday.\n\nRussia said its forces had seized the town. " * 40
    articles = Article.objects.bulk_create(
        Article(
            title=f"Story {i}",
            text=text,
            published=dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=i % 700),
            outlet=outlet,
            content_hash=f"{i:064x}",
            origin=Article.Origin.BULK,
            status=Article.Status.EXTRACTED,
        )  # fmt: skip
        for i in range(max(CLAIM_COUNTS))
    )
    targets = {}
    for count in CLAIM_COUNTS:
        town = Settlement.objects.create(
            name=f"Bench Town {count}", source=Settlement.Source.CURATED,
            curated_key=f"bench-{count}", country="UA", latitude=48.0, longitude=37.0,
        )  # fmt: skip
        Claim.objects.bulk_create(_claims(war, town, articles[:count]))
        targets[count] = town.id
    many = Settlement.objects.bulk_create(
        Settlement(
            name=f"Village {i}",
            normalized_name=f"village {i}",
            source=Settlement.Source.CURATED,
            curated_key=f"village-{i}",
            country="UA",
            region="Donetsk Oblast",
            latitude=46 + (i % 400) / 100,
            longitude=33 + (i // 400) / 10,
            population=i,
        )  # fmt: skip
        for i in range(LIST_SETTLEMENTS)
    )
    claims = []
    for i, village in enumerate(many):
        claims.extend(_claims(war, village, articles[i % 500 : i % 500 + 2]))
    Claim.objects.bulk_create(claims, batch_size=5000)
    _review_thirds()
    SettlementStatus.objects.bulk_create(
        SettlementStatus(
            settlement=v,
            state="controlled" if i % 3 else "unknown",
            side="russia" if i % 3 else "",
            since=START if i % 3 else None,
        )  # fmt: skip
        for i, v in enumerate(many)
    )
    return targets


def _review_thirds() -> None:
    """Of each settlement's claims, in order, the second of every three confirmed and the
    third disputed, as the database allows it: the reviews first, then the status they
    give (claims/append_only.py)."""
    from itertools import groupby

    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from claims.models import Claim, Review

    editor = get_user_model().objects.create(username="bench-editor")
    reviews = []
    rows = Claim.objects.order_by("settlement_id", "id").values_list("settlement_id", "id")
    for _settlement, claims in groupby(rows, key=lambda row: row[0]):
        for i, (_, claim_id) in enumerate(claims):
            verdict = (None, "confirm", "dispute")[i % 3]
            if verdict:
                note = "Footage shows otherwise." if verdict == "dispute" else ""
                reviews.append(Review(claim_id=claim_id, origin_claim_id=claim_id,
                                      verdict=verdict, note=note, reviewer=editor))  # fmt: skip
    Review.objects.bulk_create(reviews, batch_size=5000)
    Claim.objects.filter(Exists(Review.objects.filter(claim=OuterRef("pk")))).status_from_reviews()


def _claims(war, town, articles):
    from claims.models import Claim

    kinds = [("russia", "capture", "russia"), ("ukraine", "denial", "russia"),
             ("ukraine", "contested", ""), ("russia", "advance", "russia")]  # fmt: skip
    rows = []
    for i, article in enumerate(articles):
        by, kind, side = kinds[i % len(kinds)]
        evidence = "Russia said its forces had seized the town."
        rows.append(
            Claim(
                article=article,
                conflict=war,
                settlement=town,
                settlement_mention=town.name,
                claimant_name=f"{by} spokesman",
                claimant_side=by,
                kind=kind,
                side=side,
                evidence=evidence,
                evidence_start=28,
                evidence_end=28 + len(evidence),
                stated_on=article.published.date(),
                confidence=0.9,
                extractor_version="bench",
            )  # fmt: skip
        )
    return rows


def _time(client, url: str, rounds: int) -> tuple[float, float, float]:
    """p50 and p95 of the wall time, and p50 of this process's CPU time: on a machine
    shared with other work the wall time waits for the CPU too, the CPU time does not
    (it leaves out the database server's own time, a few ms of these pages)."""
    client.get(url)  # warm: templates compiled, connection open
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(int(len(times) * 0.95), len(times) - 1)]
    return statistics.median(times), p95, statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    _setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    _fresh_database()
    started = time.perf_counter()
    targets = _generate()
    if connection.vendor == "postgresql":
        # Planner statistics for the rows just bulk-loaded, as autovacuum would gather them on
        # a live database: without them the planner guesses a few dozen rows a settlement.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"database: {connection.vendor}; generated in {time.perf_counter() - started:.1f} s; "
        f"load average {load} on {os.cpu_count()} CPUs"
    )
    client = Client()
    rows = [
        ("trivial view (/healthz)", "/healthz"),
        # The same middleware, base template and context processors as every page, no query.
        ("trivial page (sign-in form)", reverse("login")),
    ]
    rows += [
        (f"settlement page, {n:,} claims", f"/settlements/{targets[n]}/") for n in CLAIM_COUNTS
    ]
    rows += [
        (f"settlements list, {LIST_SETTLEMENTS:,} settlements", "/settlements/"),
        ("settlements list, filtered and sorted", "/settlements/?state=controlled&sort=name"),
        (f"map data, {LIST_SETTLEMENTS:,} settlements", "/api/v1/settlements/map/"),
    ]
    view = page = None
    print(
        f"{'what':40} {'p50 ms':>7} {'p95 ms':>7} {'CPU p50':>8} "
        f"{'/ trivial view':>15} {'/ trivial page':>15}"
    )
    for label, url in rows:
        rounds = args.rounds if "map data" not in label else max(args.rounds // 8, 3)
        p50, p95, cpu = _time(client, url, rounds)
        view = view or p50
        page = page or (p50 if url != "/healthz" else None)
        print(
            f"{label:40} {p50:7.1f} {p95:7.1f} {cpu:8.1f} {p50 / view:14.1f}x "
            f"{p50 / page if page else 0:14.1f}x"
        )


if __name__ == "__main__":
    main()
