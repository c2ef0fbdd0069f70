"""Webhook dispatch and sending speed.

    .venv/bin/python bench/webhooks.py [--entries 20000] [--subscriptions 20]

Uses its own PostgreSQL database (default cw_webhooks_bench; made if missing, emptied of
webhook rows each run). Writes --entries change feed entries (claims about 200 settlements of
one conflict) by SQL, and --subscriptions subscriptions (a third to everything, a third to the
conflict, a third each to one settlement) pointing at a local receiver started here. Then
times the dispatcher over the whole feed (entries/s, deliveries/s) and one process sending
the first 1,000 deliveries to the receiver (deliveries/s, signing included). Prints figures;
asserts nothing.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SETTLEMENTS = 200
SENDS = 1000


def _setup(database_url: str) -> None:
    import psycopg

    admin, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        DATABASE_URL=database_url, CELERY_BROKER_URL="", DEBUG="false", ALLOWED_HOSTS="localhost",
        OUTBOUND_ALLOWED_HOSTS="127.0.0.1",
    )  # fmt: skip
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(entries: int, subscriptions: int, url: str) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from gazetteer.models import Conflict
    from webhooks.models import Subscription
    from webhooks.signing import secret_new

    conflict, _ = Conflict.objects.get_or_create(key="bench", defaults={"name": "Bench war"})
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE webhooks_deliveryattempt, webhooks_delivery, "
            "webhooks_subscription, webhooks_dispatchcursor, claims_change CASCADE"
        )
        cur.execute(f"""
            INSERT INTO claims_settlement (name, normalized_name, source, curated_key, country,
                admin1_code, region, created_at)
            SELECT 'Place ' || g, 'place ' || g, 'curated', 'wh-bench-' || g, 'UA', '05', '', now()
            FROM generate_series(1, {SETTLEMENTS}) g ON CONFLICT DO NOTHING""")
        cur.execute(
            "SELECT id FROM claims_settlement WHERE curated_key LIKE 'wh-bench-%%' ORDER BY id"
        )
        settlement_ids = [row[0] for row in cur.fetchall()]
        cur.execute(f"""
            INSERT INTO claims_change (entity, object_id, event, data, created_at)
            SELECT 'claim', g, 'claim.created',
                   jsonb_build_object('id', g, 'conflict', 'bench', 'settlement',
                                      (ARRAY{settlement_ids})[1 + g % {SETTLEMENTS}],
                                      'evidence', 'Forces said they took the town.'),
                   now()
            FROM generate_series(1, {entries}) g""")  # fmt: skip
    owner, _ = get_user_model().objects.get_or_create(username="bench-webhooks")
    for i in range(subscriptions):
        scope = {0: {}, 1: {"conflict": conflict}}.get(
            i % 3, {"settlement_id": settlement_ids[i % SETTLEMENTS]}
        )
        Subscription.objects.create(owner=owner, url=url, secret=secret_new(), **scope)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--subscriptions", type=int, default=20)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/cw_webhooks_bench"
    )
    args = parser.parse_args()
    _setup(args.database_url)
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    receiver.start()
    _fill(args.entries, args.subscriptions, receiver.url)

    from webhooks.models import Delivery
    from webhooks.services.dispatch import changes_dispatch
    from webhooks.services.sending import delivery_send

    started = time.perf_counter()
    made = []
    while True:
        ids, more = changes_dispatch()
        made += ids
        if not more:
            break
    took = time.perf_counter() - started
    print(
        f"dispatch: {args.entries:,} entries × {args.subscriptions} subscriptions -> "
        f"{len(made):,} deliveries in {took:.2f} s "
        f"({args.entries / took:,.0f} entries/s, {len(made) / took:,.0f} deliveries/s)"
    )
    started = time.perf_counter()
    for delivery_id in sorted(made)[:SENDS]:
        delivery_send(delivery_id=delivery_id)
    took = time.perf_counter() - started
    sent = Delivery.objects.filter(status=Delivery.Status.DELIVERED).count()
    print(
        f"sending: {sent:,} delivered by one process in {took:.2f} s "
        f"({sent / took:,.0f} deliveries/s, each a signed POST to 127.0.0.1 and its log row)"
    )
    receiver.stop()


if __name__ == "__main__":
    main()
