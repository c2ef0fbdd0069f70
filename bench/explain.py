"""EXPLAIN ANALYZE of the queries the status reads, lists and writes make, on a generated
ledger (bench/generate.py), written to bench/explain/<name>.txt with a note each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench \
        .venv/bin/python bench/explain.py [name…]

The queries are taken from the selectors themselves (str(queryset.query) is not valid SQL
for every parameter, so each is compiled with its parameters and run through EXPLAIN).
"""

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "explain"

NOTES = {
    "status_as_of": "?as_of=D: the history row with the greatest known_from <= D. Expect an "
    "Index Scan Backward on settlementstatuschange_unique_day, Limit 1: one probe.",
    "status_window": "The assessment's window: confirmed claims of the settlement dated from "
    "the last confirmed capture on, with their latest review time. Expect claim_status_window_idx "
    "(settlement, status, kind, date).",
    "last_capture": "The last confirmed capture's date: an index-only read of "
    "claim_status_window_idx, not a scan of the settlement's claims.",
    "claimed_latest": "One claimant side's latest claim: claim_claimant_idx read backwards, "
    "Limit 1.",
    "flag_exists": "The disputed-claims flag: EXISTS over unverified captures/denials of "
    "the settlement. "
    "Here PostgreSQL picked claim_timeline_idx (settlement, stated_on) and stops at the first "
    "match; claim_status_window_idx serves the dated form derive.py sends.",
    "settlements_list": "The settlements list: settlements joined to their stored status, "
    "most claims first; the claim count is a column of the status row, not a count of claims.",
    "search_trigram": "?q=Toretsk: names and aliases that contain it or are similar to it. "
    "Expect Bitmap Index Scans on settlement_name_trgm_idx and settlementalias_trgm_idx (the "
    "LIKE and the % operator), hashed into two id lists; the settlements are then filtered "
    "against those lists (cost bounded by the gazetteer, not the claims).",
    "search_typo": "?q=Toretks (a typo): the same plan; the % (similarity) half finds it.",
    "articles_text_search": "Articles ?q=: Bitmap Index Scan on article_text_fts_idx, the "
    "GIN index on to_tsvector('simple', title || ' ' || text).",
    "claims_evidence_search": "Claims ?q=: Bitmap Index Scan on claim_evidence_fts_idx, the "
    "GIN index on to_tsvector('simple', evidence), then the list order.",
    "claims_deep_cursor": "The claims list's page from a cursor half-way down: the row "
    "comparison (stated_on, article_id, evidence_start, id) > (…) is an Index Cond on "
    "claim_list_order_idx, read in order from there, Limit 51: no OFFSET, the same cost as "
    "the first page at any depth.",
    "map_as_of": "The map ?as_of=D: settlements joined to their stored status row (those "
    "with live claims now), and per settlement an Index Scan Backward on "
    "settlementstatuschange_unique_day (Limit 1) for each status column and a count of its "
    "claims by D: no rules run, no claims or reviews loaded; cost grows with the settlements "
    "on the map, not with their claims.",
}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    import django

    django.setup()


def _explain(queryset) -> str:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _after_half(queryset):
    """The claims list from the cursor after half of it, as KeysetPagination reads it."""
    from django.db.models import F
    from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan

    key = ("stated_on", "article_id", "evidence_start", "id")
    half = queryset.values_list(*key)[queryset.count() // 2]
    return queryset.filter(TupleGreaterThan(Tuple(*(F(k) for k in key)), half))[:51]


def queries() -> tuple[dict, int]:
    from django.db.models import Count, Max

    from claims import selectors
    from claims.models import Claim, SettlementStatusChange
    from claims.selectors.maps import _placed
    from claims.status.facts import CLAIM_DATE, live_claims
    from claims.vocabulary import ClaimKind, ClaimStatus
    from sources.selectors import article_list

    busiest = Claim.objects.values("settlement_id").annotate(n=Count("id")).order_by("-n").first()
    if busiest is None:
        sys.exit("The database holds no claims; fill it with bench/generate.py first.")
    sid = busiest["settlement_id"]
    live = live_claims(settlement_id=sid)
    confirmed = live.filter(status=ClaimStatus.CONFIRMED).exclude(kind=ClaimKind.ADVANCE)
    last = confirmed.filter(kind=ClaimKind.CAPTURE).aggregate(day=Max(CLAIM_DATE))["day"]
    day = dt.date.today() - dt.timedelta(days=30)
    return {
        "status_as_of": SettlementStatusChange.objects.filter(
            settlement_id=sid, known_from__lte=day
        ).order_by("-known_from")[:1],
        "last_capture": confirmed.filter(kind=ClaimKind.CAPTURE)
        .annotate(day=CLAIM_DATE)
        .order_by("-day")
        .values("day")[:1],
        "status_window": confirmed.filter(date__gte=last or dt.date.min).annotate(
            confirmed_at=Max("reviews__created_at")
        ),
        "claimed_latest": live.filter(claimant_side="russia")
        .annotate(day=CLAIM_DATE)
        .order_by("-stated_on", "-day", "-id")[:1],
        "flag_exists": live.filter(
            status=ClaimStatus.UNVERIFIED, kind=ClaimKind.CAPTURE, side="ukraine"
        ).values("id")[:1],
        "settlements_list": selectors.settlement_list()[:50],
        "search_trigram": selectors.settlement_list(q="Toretsk")[:50],
        "search_typo": selectors.settlement_list(q="Toretks")[:50],
        "articles_text_search": article_list(q="Toretsk captured")[:50],
        "claims_evidence_search": selectors.claim_list(q="withdrew")[:50],
        "map_as_of": _placed(conflict_key=None, as_of=day),
        "claims_deep_cursor": _after_half(selectors.claim_list()),
        "claims_first_page": selectors.claim_list()[:50],
    }, sid


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database bench/generate.py filled.")
    _setup_django()
    from claims.models import Claim

    OUT.mkdir(exist_ok=True)
    found, sid = queries()
    total = Claim.objects.count()
    only = set(sys.argv[1:])
    for name, queryset in found.items():
        if only and name not in only:
            continue
        plan = _explain(queryset)
        (OUT / f"{name}.txt").write_text(
            f"-- {NOTES[name]}\n-- {total:,} claims; busiest settlement #{sid}; "
            f"{dt.date.today()}\n\n{plan}\n",
            encoding="utf-8",
        )
        print(f"{name}: {plan.splitlines()[-1].strip()}")


if __name__ == "__main__":
    main()
