"""Settlement search against a trivial endpoint, at 20,000 settlements (issue #11: `?q=a`
must stay within 3x of a trivial request, so search can't be used to hog workers).

    .venv/bin/python bench/search.py                      (a fresh SQLite file under var/bench)
    DATABASE_URL=postgres://.../cw_bench .venv/bin/python bench/search.py   (PostgreSQL)

The database given is filled with synthetic settlements (and two aliases each) once, if it
holds fewer than --settlements; use a database of its own. Prints the median time per
request of each URL next to the trivial one's, measured in the same run; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
os.environ.setdefault("CONFLICTWATCH_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("CELERY_BROKER_URL", "")
# The limits under test are the search's own, not the throttles'.
for scope in ("ANON", "USER", "TOKEN", "WRITE"):
    os.environ.setdefault(f"THROTTLE_{scope}", "1000000/minute")

SYLLABLES = ["to", "re", "ka", "po", "av", "di", "iv", "ba", "kh", "mu", "no", "vo", "se", "lo"]


def _name(n: int) -> str:
    parts = []
    while True:
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if not n:
            break
    return "".join(parts).capitalize() + "ivka"


def _fill(count: int) -> None:
    from gazetteer.models import Settlement, SettlementAlias

    have = Settlement.objects.count()
    if have >= count:
        return
    print(f"creating {count - have:,} settlements ...", flush=True)
    batch = [
        Settlement(
            name=_name(i),
            normalized_name=_name(i).lower(),
            source=Settlement.Source.GEONAMES,
            geonameid=10_000_000 + i,
            country="UA",
            population=i % 50_000,
        )
        for i in range(have, count)
    ]
    created = Settlement.objects.bulk_create(batch, batch_size=2000)
    aliases = [
        SettlementAlias(
            settlement=s,
            name=f"{s.name}{suffix}",
            normalized=f"{s.normalized_name}{suffix}",
            kind=SettlementAlias.Kind.TRANSLITERATION,
        )
        for s in created
        for suffix in ("a", "e")
    ]
    SettlementAlias.objects.bulk_create(aliases, batch_size=5000)


def _median_ms(client, url: str, rounds: int) -> tuple[float, int]:
    status = client.get(url).status_code  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settlements", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    _fill(args.settlements)
    some = connection.cursor()
    some.execute("SELECT MIN(id) FROM claims_settlement")
    first_id = some.fetchone()[0]

    client = Client(HTTP_HOST="localhost")
    trivial = f"/api/v1/settlements/{first_id}/"
    base, _ = _median_ms(client, trivial, args.rounds)
    print(f"{connection.vendor}, {args.settlements:,} settlements, median of {args.rounds}")
    print(f"{'trivial ' + trivial:<44} {base:8.1f} ms   1.0x")
    for q in ("a", "to", "tor", "torekaivka", "zzz"):
        url = f"/api/v1/settlements/?q={q}"
        ms, status = _median_ms(client, url, args.rounds)
        print(f"{url + f' ({status})':<44} {ms:8.1f} ms {ms / base:6.1f}x")


if __name__ == "__main__":
    main()
