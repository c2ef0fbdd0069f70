"""The change feed keeps a consumer's copy equal to ours while writes happen.

Two writer processes (tests/claims/api/sync_writer.py) extract, review, correct, merge and
supersede claims against the real PostgreSQL at the same time, while this process pages
/api/v1/changes/ a few entries at a time and replays each entry; at the end the replayed
claims, reviews and statuses equal the server's, row by row.
"""

import subprocess
import sys
import time

import pytest
from rest_framework.test import APIClient

from claims.services.changes import claim_states, review_states, status_states
from tests.claims.factories import ConflictFactory, SettlementFactory
from tests.realstack import ROOT, _database_url, needs_real_stack

pytestmark = pytest.mark.django_db(transaction=True)


def replay(copy: dict, page: dict) -> None:
    for entry in page["changes"]:
        table = copy.setdefault(entry["entity"], {})
        if entry["data"] is None:
            table.pop(entry["object_id"], None)
        else:
            table[entry["object_id"]] = entry["data"]


def test_a_consumer_paging_during_writes_ends_with_our_rows():
    needs_real_stack()
    conflict = ConflictFactory(russia_ukraine=True)
    places = [SettlementFactory(name=name) for name in ("Toretsk", "Pokrovsk", "Chasiv Yar")]
    env = {"DATABASE_URL": _database_url(), "ROUNDS": "5", "PATH": "/usr/bin:/bin"}
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.claims.api.sync_writer",
                name,
                str(conflict.id),
                *(str(p.id) for p in places),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for name in ("north", "south")
    ]
    client, copy, cursor, pages = APIClient(), {}, None, 0
    while True:
        running = any(w.poll() is None for w in writers)
        params = {"limit": 7, **({"after": cursor} if cursor else {})}
        page = client.get("/api/v1/changes/", params).json()
        replay(copy, page)
        cursor, pages = page["next"], pages + 1
        if not page["has_more"]:
            if not running:
                break
            time.sleep(0.05)
    for writer in writers:
        output = writer.communicate(timeout=60)[0]
        assert writer.returncode == 0, output
    assert pages > 10  # the copy really was built while the writers wrote
    assert copy["claim"] == claim_states(claim_ids=None)
    assert copy["review"] == review_states(review_ids=None)
    assert copy["settlement-status"] == status_states(settlement_ids=None)
    assert len(copy["claim"]) == 2 * 5 * 4
