"""Data API speed and memory at scale, next to a trivial endpoint in the same run.

    .venv/bin/python bench/api.py [--claims 1000000] [--database-url postgres://...]

Fills its own PostgreSQL database (default cw_api_bench; made if missing, filled once) with
--claims claims over claims/5 articles and 2,000 settlements, written by SQL (the ORM would
take an hour), with a change-feed entry per claim. Then, through Django's test client (no
network, so the figures are the app's own): p50/p95 of the trivial /healthz, the change feed
(first page, and a cursor deep in the feed), the claim and settlement lists, status now /
as_of; the claims CSV export (rows/s, and peak RSS after a tenth and after all of it: flat
memory means the two are close) and the GeoJSON export. Prints figures; asserts nothing.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REPEATS = 30
SETTLEMENTS = 2000
CLAIMS_PER_ARTICLE = 5


def _setup(database_url: str) -> None:
    import psycopg

    admin, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        DATABASE_URL=database_url, CELERY_BROKER_URL="", DEBUG="false", ALLOWED_HOSTS="localhost"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    # The timings under test are the endpoints', not the throttles'.
    for scope in ("ANON", "USER", "TOKEN", "WRITE"):
        os.environ.setdefault(f"THROTTLE_{scope}", "1000000/minute")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(claims: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from claims import append_only
    from claims.models import Claim
    from gazetteer.models import Conflict, Side

    if Claim.objects.count() >= claims:
        return
    print(f"filling: {claims:,} claims ...", flush=True)
    started = time.perf_counter()
    conflict, _ = Conflict.objects.get_or_create(key="bench", defaults={"name": "Bench war"})
    for key in ("north", "south"):
        Side.objects.get_or_create(conflict=conflict, key=key, defaults={"name": key.title()})
    articles = claims // CLAIMS_PER_ARTICLE
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    with connection.cursor() as cur:
        # A bench database is scratch: the one place outside tests that may empty the
        # record (claims/append_only.py refuses TRUNCATE of reviews without this).
        cur.execute(f"SET {append_only.ALLOW_TRUNCATE} = 'on'")
        cur.execute("TRUNCATE claims_change, claims_review, claims_claim, sources_article, "
                    "claims_settlementstatus CASCADE")  # fmt: skip
        cur.execute(f"RESET {append_only.ALLOW_TRUNCATE}")
        cur.execute(f"""
            INSERT INTO claims_settlement (name, normalized_name, source, curated_key, country,
                admin1_code, region, latitude, longitude, population, created_at)
            SELECT 'Place ' || g, 'place ' || g, 'curated', 'bench-' || g, 'UA', '05', 'Donetsk',
                   47 + (g % 300) / 100.0, 36 + (g % 400) / 100.0, 1000 + g, now()
            FROM generate_series(1, {SETTLEMENTS}) g
            ON CONFLICT DO NOTHING""")
        cur.execute("INSERT INTO sources_outlet (name, url, created_at) VALUES "
                    "('Bench Wire', '', now()) ON CONFLICT DO NOTHING")  # fmt: skip
        cur.execute(f"""
            INSERT INTO sources_article (url, normalized_url, title, published, outlet_id, text,
                content_hash, origin, language, status, status_reason, extractor_version,
                status_changed_at, lease_token, created_at)
            SELECT 'https://news.example.org/' || g, 'https://news.example.org/' || g,
                   'Story ' || g,
                   timestamp '2024-01-01' + (g % 700) * interval '1 day',
                   (SELECT id FROM sources_outlet WHERE name = 'Bench Wire'),
                   'North said its forces had taken Place ' || g || ', a town near the front.',
                   md5(g::text) || md5((g + 1)::text), 'bulk', 'en', 'extracted', '', 'bench',
                   now(), '', now()
            FROM generate_series(1, {articles}) g""")
        kinds = "ARRAY['capture','denial','contested','withdrawal','advance']"
        cur.execute(f"""
            INSERT INTO claims_claim (article_id, conflict_id, settlement_id, settlement_mention,
                claimant_name, claimant_side, kind, side, evidence, evidence_start, evidence_end,
                stated_on, event_date, confidence, extractor_version, status, extracted_as,
                created_at, updated_at)
            SELECT a.id, {conflict.id}, s.first + (a.id * 7 + k) % {SETTLEMENTS},
                   'Place', 'a north spokesman', 'north', ({kinds})[k + 1],
                   CASE WHEN k = 2 THEN '' ELSE 'north' END, a.text, 0, 40,
                   a.published::date, NULL, 0.8, 'bench',
                   'unverified', '[]', now(), now()
            FROM sources_article a, generate_series(0, {CLAIMS_PER_ARTICLE - 1}) k,
                 (SELECT min(id) AS first FROM claims_settlement WHERE source = 'curated') s""")
        # A tenth confirmed, as the database allows it: a review first, then the status it
        # gives (claims/append_only.py).
        cur.execute(f"""
            INSERT INTO claims_review (claim_id, origin_claim_id, created_at, verdict, note,
                evidence_url, reviewer_id)
            SELECT id, id, now(), 'confirm', '', '', {editor.id} FROM claims_claim
            WHERE article_id % 10 = 0""")
        cur.execute("UPDATE claims_claim SET status = 'confirmed' WHERE article_id % 10 = 0")
        cur.execute("""
            INSERT INTO claims_settlementstatus (settlement_id, state, side, basis, claimed,
                flags, updated_at, claim_count)
            SELECT s.id, 'unknown', '', '[]', '[]', '[]', now(),
                   (SELECT count(*) FROM claims_claim c WHERE c.settlement_id = s.id)
            FROM claims_settlement s""")
        cur.execute("""
            INSERT INTO claims_change (entity, object_id, event, data, created_at)
            SELECT 'claim', id, 'claim.created',
                   jsonb_build_object('id', id, 'article', article_id, 'settlement',
                       settlement_id, 'kind', kind, 'side', side, 'evidence', evidence,
                       'status', status, 'stated_on', stated_on),
                   now()
            FROM claims_claim ORDER BY id""")
        cur.execute("ANALYZE")
    print(f"filled in {time.perf_counter() - started:.0f} s", flush=True)


def _timed(client, url: str, **headers) -> tuple[float, float]:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url, **headers)
        body = response.streaming_content if response.streaming else [response.content]
        for _chunk in body:
            pass
        assert response.status_code == 200, (url, response.status_code)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _export(client, url: str) -> tuple[int, float, float]:
    started, rows = time.perf_counter(), 0
    response = client.get(url)
    for chunk in response.streaming_content:
        rows += chunk.count(b"\r\n")
    return rows - 2, time.perf_counter() - started, _rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/cw_api_bench")
    args = parser.parse_args()
    _setup(args.database_url)
    _fill(args.claims)
    from django.http import StreamingHttpResponse
    from django.test import Client

    from claims.api.changes import cursor_encode
    from claims.models import Change
    from gazetteer.models import Settlement

    client = Client(HTTP_HOST="localhost")
    deep = Change.objects.order_by("-id").values_list("id", flat=True)[100]
    curated = Settlement.objects.filter(source="curated").order_by("id").first()
    if curated is None:
        sys.exit("The database holds no curated settlement; run load_reference_data first.")
    place = curated.id
    endpoints = [
        ("trivial /healthz", "/healthz"),
        ("changes, first page", "/api/v1/changes/"),
        ("changes, deep cursor", f"/api/v1/changes/?after={cursor_encode(deep)}"),
        ("claims list", "/api/v1/claims/"),
        ("claims updated_since", "/api/v1/claims/?updated_since=2020-01-01T00:00:00Z"),
        ("settlements list", "/api/v1/settlements/"),
        ("status now", f"/api/v1/settlements/{place}/status/"),
        ("status as_of", f"/api/v1/settlements/{place}/status/?as_of=2024-06-01"),
    ]
    print(f"\n{'endpoint':28} {'p50 ms':>9} {'p95 ms':>9} {'p95 / trivial':>14}")
    baseline = None
    for label, url in endpoints:
        p50, p95 = _timed(client, url)
        baseline = baseline or p95
        print(f"{label:28} {p50 * 1000:9.1f} {p95 * 1000:9.1f} {p95 / baseline:13.1f}x")
    print()
    for label, url in [
        ("CSV, confirmed (a tenth)", "/api/v1/claims/?format=csv&status=confirmed"),
        ("CSV, every claim", "/api/v1/claims/?format=csv"),
    ]:
        rows, seconds, rss = _export(client, url)
        print(f"{label:28} {rows:>10,} rows {seconds:7.1f} s {rows / seconds:10,.0f} rows/s "
              f"peak RSS {rss:7.0f} MB")  # fmt: skip
    started = time.perf_counter()
    geojson = client.get("/api/v1/settlements/?format=geojson")
    if not isinstance(geojson, StreamingHttpResponse):
        sys.exit("The GeoJSON export was not streamed.")
    body = b"".join(geojson.streaming_content)
    print(f"{'GeoJSON, every settlement':28} {body.count(b'Feature') - 1:>10,} features "
          f"{time.perf_counter() - started:7.2f} s peak RSS {_rss_mb():7.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
