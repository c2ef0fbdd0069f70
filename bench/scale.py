"""Read latencies and status write costs on a generated ledger (bench/generate.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench .venv/bin/python bench/scale.py

Starts gunicorn (2 sync workers, DEBUG off) on a free port against DATABASE_URL and times
each request `--rounds` times after one warm-up, printing p50/p95 next to the same figures
for a trivial endpoint (/healthz) measured in the same run, interleaved with the others, so a
busy machine slows both. Then times, in this process and rolled back each time, the status
write of one review and of a 500-claim bulk confirm on the busiest settlement, next to the
from-scratch derivation those writes used to run. Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# Production settings, with a throwaway key: the session cookie below is signed with it.
SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "CELERY_BROKER_URL": "",
}


def _setup_django() -> None:
    os.environ.update(SERVER_ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _editor_cookie() -> str:
    """A logged-in editor's session, for the review queue."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from conflictwatch.core.roles import roles_ensure

    roles_ensure()
    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    user.groups.add(Group.objects.get(name="editor"))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


class Server:
    def __init__(self, port: int):
        env = {**os.environ, **SERVER_ENV}
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "conflictwatch.wsgi:application",
             "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
             "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def get(self, path: str, cookie: str = "") -> tuple[int, float, int]:
        began = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": cookie} if cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, (time.perf_counter() - began) * 1000, len(body)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _targets() -> tuple[list[tuple[str, str]], int]:
    from django.db.models import Count

    from claims.models import Claim

    busiest = Claim.objects.values("settlement_id").annotate(n=Count("id")).order_by("-n").first()
    if busiest is None:
        sys.exit("The database holds no claims; fill it with bench/generate.py first.")
    sid = busiest["settlement_id"]
    today = dt.date.today()
    recent, back = today - dt.timedelta(days=7), today - dt.timedelta(days=300)
    total = Claim.objects.count()
    deep = max(1, total // 50 // 2)
    cursor = _cursor_at(deep * 50)
    word = "withdrew"
    return [
        ("status now (busiest)", f"/api/v1/settlements/{sid}/status/"),
        ("status ?as_of= last week", f"/api/v1/settlements/{sid}/status/?as_of={recent}"),
        ("status ?as_of= 300 days back", f"/api/v1/settlements/{sid}/status/?as_of={back}"),
        ("status ?on= last week", f"/api/v1/settlements/{sid}/status/?on={recent}"),
        ("status ?on= 300 days back", f"/api/v1/settlements/{sid}/status/?on={back}"),
        ("settlements list page (HTML)", "/settlements/"),
        ("settlements list API", "/api/v1/settlements/"),
        ("search ?q=Toretsk", "/api/v1/settlements/?q=Toretsk"),
        ("search ?q=a", "/api/v1/settlements/?q=a"),
        ("settlement detail API (busiest)", f"/api/v1/settlements/{sid}/"),
        ("claims list, first page", "/api/v1/claims/"),
        (f"claims list, page {deep} (OFFSET)", f"/api/v1/claims/?page={deep}"),
        (f"claims list, cursor at page {deep}", f"/api/v1/claims/?cursor={cursor}"),
        # The generated text is one paragraph throughout: a word in none, a word in all.
        (f"claims ?q={word} (evidence, none)", f"/api/v1/claims/?q={word}"),
        ("claims ?q=officials (evidence, all)", "/api/v1/claims/?q=officials"),
        ("articles ?q=Toretsk (text, none)", "/api/v1/articles/?q=Toretsk"),
        ("articles ?q=shelling (text, all)", "/api/v1/articles/?q=shelling"),
        ("search ?q=Toretks (typo)", "/api/v1/settlements/?q=Toretks"),
        ("claims of the busiest", f"/api/v1/claims/?settlement={sid}"),
        ("map API now", "/api/v1/settlements/map/"),
        ("map API ?as_of= last week", f"/api/v1/settlements/map/?as_of={recent}"),
        ("map API ?as_of= 300 days back", f"/api/v1/settlements/map/?as_of={back}"),
        ("settlement page (HTML, busiest)", f"/settlements/{sid}/"),
        ("review queue (HTML, editor)", "/review/"),
    ], sid


def _cursor_at(offset: int) -> str:
    """The cursor `next` would carry after `offset` claims of the unfiltered list."""
    from claims.api.pagination import ClaimPagination
    from claims.selectors import claim_list

    paginator = ClaimPagination()
    queryset = claim_list()
    paginator.key = ("stated_on", "article_id", "evidence_start", "id"), False
    row = queryset[offset - 1 : offset].get()
    return paginator._encode(row, backwards=False)


def reads(rounds: int, skip: list[str], only: list[str]) -> int:
    targets, sid = _targets()
    targets = [(label, path) for label, path in targets if not any(s in label for s in skip)]
    if only:
        targets = [(label, path) for label, path in targets if any(s in label for s in only)]
    cookie = _editor_cookie()
    server = Server(_free_port())
    try:
        print(f"{'request':<34} {'p50 ms':>8} {'p95 ms':>8}   {'/healthz p50':>12} {'p95':>6}  "
              f"{'status':>6} {'KB':>7}")  # fmt: skip
        for label, path in targets:
            use = cookie if path.startswith("/review/") else ""
            server.get(path, use)  # warm-up: connections, caches
            server.get("/healthz")
            timed, trivial, code, size = [], [], 0, 0
            for _ in range(rounds):
                code, ms, size = server.get(path, use)
                timed.append(ms)
                trivial.append(server.get("/healthz")[1])
            p50, p95 = _percentiles(timed)
            t50, t95 = _percentiles(trivial)
            print(f"{label:<34} {p50:>8.1f} {p95:>8.1f}   {t50:>12.1f} {t95:>6.1f}  "
                  f"{code:>6} {size / 1024:>7.0f}")  # fmt: skip
    finally:
        server.stop()
    return sid


def writes(settlement_id: int, rounds: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from claims import services
    from claims.models import Claim
    from claims.status.derive import status_compute, status_derive
    from claims.status.store import settlement_status_refresh
    from claims.vocabulary import ClaimStatus

    editor = get_user_model().objects.get(username="bench-editor")
    unverified = list(
        Claim.objects.filter(settlement_id=settlement_id, status=ClaimStatus.UNVERIFIED)
        .order_by("-stated_on")
        .values_list("id", flat=True)[: 500 + rounds]
    )
    live = Claim.objects.filter(settlement_id=settlement_id).exclude(status="superseded").count()
    figures: dict[str, list[float]] = {
        k: [] for k in ("review", "refresh", "bulk", "full", "derive")
    }
    for i in range(rounds):
        with transaction.atomic():
            began = time.perf_counter()
            services.review_add(claim_id=unverified[i], reviewer=editor, verdict="confirm")
            figures["review"].append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            settlement_status_refresh(settlement_ids=[settlement_id], changed_on=dt.date.today())
            figures["refresh"].append((time.perf_counter() - began) * 1000)
            transaction.set_rollback(True)
        began = time.perf_counter()
        status_derive(settlement_id=settlement_id)
        figures["derive"].append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        status_compute(settlement_id=settlement_id)
        figures["full"].append((time.perf_counter() - began) * 1000)
    for _ in range(max(2, rounds // 4)):
        with transaction.atomic():
            began = time.perf_counter()
            services.reviews_confirm_bulk(claim_ids=unverified[:500], reviewer=editor)
            figures["bulk"].append((time.perf_counter() - began) * 1000)
            transaction.set_rollback(True)
    labels = {
        "review": "one review (whole service call)",
        "refresh": "its status + history update alone",
        "bulk": "500-claim bulk confirm (whole call)",
        "derive": "derivation from a few lookups",
        "full": "baseline: derivation from scratch",
    }
    print(f"\nwrites on the busiest settlement (#{settlement_id}, {live:,} live claims), "
          "rolled back")  # fmt: skip
    for key, label in labels.items():
        p50, p95 = _percentiles(figures[key])
        print(f"{label:<40} p50 {p50:>8.1f} ms   p95 {p95:>8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out requests whose label has this"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="time only requests whose label has this"
    )
    parser.add_argument("--no-writes", action="store_true", help="leave out the write costs")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database bench/generate.py filled.")
    _setup_django()
    from claims.models import Claim, Review
    from sources.models import Article

    print(f"{Claim.objects.count():,} claims, {Article.objects.count():,} articles, "
          f"{Review.objects.count():,} reviews; {os.cpu_count()} CPUs")  # fmt: skip
    from django.core.management import call_command

    # DEBUG off serves hashed static files: the pages need the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    settlement_id = reads(args.rounds, args.skip, args.only)
    if not args.no_writes:
        writes(settlement_id, args.rounds)


if __name__ == "__main__":
    main()
