"""Ingestion throughput end to end: articles through real Celery workers (1, then 2
processes) on PostgreSQL + Redis, next to the in-process extractor on the same texts, in
the same run.

    .venv/bin/python bench/ingest.py [--articles 2000] [--database-url postgres://...]

Needs PostgreSQL (a scratch database, created if missing and emptied of articles between
runs) and redis-server on PATH (started here on a free port). Each run stores the same
number of fresh articles (distinct texts, so nothing is deduplicated), then:

- in-process: this process extracts each article in turn (`article_extract`), the work a
  worker does minus the queue;
- N workers: the articles' tasks are sent to Redis and N `celery worker --pool solo`
  processes (started and warmed up beforehand, each set on its own queue) drain them; the
  clock stops when the last article is `extracted`.

The articles are run in rounds (--rounds, 5 by default), each round running the three in
a rotated order on its share of fresh articles, and each configuration's rounds are
summed: on a machine shared with other work, load that comes and goes then falls on all
three alike instead of on whichever ran at that moment, and the database grows under all
three alike.

Queue overhead is 1 worker's time over the in-process time, minus one. Prints figures;
asserts nothing (the targets are in issue #9: 2 workers >= 1.6x of 1; overhead <= 20%).

Beside each wall time it prints what explains it, measured in the same run: the CPU the
extracting processes and their database sessions used per article (the bench process
in-process, the workers' processes otherwise), how many cores that kept busy out of how
many the machine had busy (everyone's work, from /proc/stat: on a shared machine other
tenants take cores too, and what they take a second worker cannot have), and how often a
worker's database session was waiting for a lock (pg_stat_activity sampled while
waiting): two workers storing claims about the same settlements take turns on those
settlements' rows.
"""

import argparse
import dataclasses
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "sources/data/sample_articles.jsonl"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/cw_bench_ingest"


@dataclasses.dataclass
class Phase:
    """One timed run: wall seconds for all the articles, CPU seconds the extracting
    processes used and their PostgreSQL sessions used, cores busy machine-wide, and
    lock-wait samples of worker sessions."""

    seconds: float = 0.0
    cpu: float = 0.0
    busy_core_seconds: float = 0.0
    db_cpu: float = 0.0
    samples: int = 0
    lock_waits: int = 0

    @property
    def busy_cores(self) -> float:
        return self.busy_core_seconds / self.seconds if self.seconds else 0.0


_TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pids: list[int]) -> float:
    """User + system CPU seconds of the processes and their reaped children so far."""
    total = 0.0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime: fields 14-17 of proc(5), counted after the name.
        total += sum(int(value) for value in fields[11:15]) / _TICK
    return total


def _machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies over every core since boot (idle and iowait are not busy)."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class _Clock:
    """Wall time, the given processes' CPU, their database sessions' CPU and the machine's
    busy cores between start() and stop(). `own_session` counts this process's session
    (in-process extraction) instead of the others' (workers; this one only polls)."""

    def __init__(self, pids: list[int], *, own_session: bool = False):
        self.pids = pids
        self.own_session = own_session
        self.sessions: dict[int, list[float]] = {}  # backend pid: [first, last] CPU seen

    def start(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = _process_cpu(self.pids)
        self.machine = _machine_busy()
        self.sample()

    def sample(self) -> None:
        """Read the CPU of the sessions there are now: a session that ends between two
        samples loses at most one interval's CPU from the sum."""
        for pid in _sessions(own=self.own_session):
            try:
                cpu = _process_cpu([pid])
            except OSError:  # gone, or PostgreSQL runs on another machine
                continue
            self.sessions.setdefault(pid, [cpu, cpu])[1] = cpu

    def stop(self, phase: Phase) -> None:
        """Add what passed since start() to the phase."""
        self.sample()
        seconds = time.perf_counter() - self.wall
        phase.seconds += seconds
        phase.cpu += _process_cpu(self.pids) - self.cpu
        phase.db_cpu += sum(last - first for first, last in self.sessions.values())
        busy, total = _machine_busy()
        share = (busy - self.machine[0]) / max(total - self.machine[1], 1)
        phase.busy_core_seconds += share * (os.cpu_count() or 1) * seconds


def _sessions(*, own: bool) -> list[int]:
    """Backend pids of this process's session, or of the other sessions on its database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if own:
            cursor.execute("SELECT pg_backend_pid()")
        else:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
        return [row[0] for row in cursor.fetchall()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference_data", verbosity=0)


def _rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def _clear() -> None:
    from claims.models import Claim
    from sources.models import Article

    Claim.objects.all().delete()
    Article.objects.all().delete()


def _store(count: int, run: str) -> list[int]:
    """`count` fresh pending articles (distinct texts and URLs), not queued."""
    from django.utils import timezone

    from sources.models import Article
    from sources.services import clean_article_text, content_hash

    rows = _rows()
    articles = []
    for number in range(count):
        row = rows[number % len(rows)]
        text = clean_article_text(f"{row['text']}\n\nBench {run} copy {number}.")
        articles.append(
            Article(
                title=row["title"][:500],
                text=text,
                published=timezone.now(),
                content_hash=content_hash(text),
                origin=Article.Origin.BULK,
                # Marked queued: the bench sends the messages itself, and a worker queues
                # unqueued pending articles when it connects.
                queued_at=timezone.now(),
            )
        )
    return [article.id for article in Article.objects.bulk_create(articles, batch_size=500)]


def _in_process(ids: list[int], phase: Phase) -> None:
    from claims.services import article_extract

    clock = _Clock([os.getpid()], own_session=True)
    clock.start()
    for article_id in ids:
        article_extract(article_id=article_id)
    clock.stop(phase)


class _Redis:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.5)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _start_workers(count: int, *, broker: str, queue: str, database_url: str, logdir: Path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        # Extraction has its own queue in production; here it is the bench's queue.
        "CELERY_EXTRACT_QUEUE": queue,
        "LOG_LEVEL": "WARNING",
    }
    workers = []
    for number in range(count):
        log = (logdir / f"worker-{queue}-{number}.log").open("w")
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "conflictwatch",
                    "worker",
                    "--pool",
                    "solo",
                    "--queues",
                    queue,
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "INFO",
                    "--hostname",
                    f"bench{number}-{uuid.uuid4().hex[:6]}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    for number in range(count):
        path = logdir / f"worker-{queue}-{number}.log"
        deadline = time.monotonic() + 120
        while "ready" not in path.read_text():
            if time.monotonic() > deadline:
                raise SystemExit(f"worker {number} did not start:\n{path.read_text()[-2000:]}")
            time.sleep(0.2)
    return workers


class _Workers:
    """N warm `celery worker --pool solo` processes on a queue of their own."""

    def __init__(self, count: int, *, broker: str, database_url: str, logdir: Path):
        self.queue = f"bench-{count}-{uuid.uuid4().hex[:8]}"
        self.processes = _start_workers(
            count, broker=broker, queue=self.queue, database_url=database_url, logdir=logdir
        )

    def run(self, ids: list[int], phase: Phase) -> None:
        from claims.tasks import extract_article

        with _sending_to(self.queue):
            clock = _Clock([p.pid for p in self.processes])
            clock.start()
            for article_id in ids:
                extract_article.delay(article_id)
            _wait_extracted(ids, timeout=3600, phase=phase, clock=clock)
            clock.stop(phase)

    def warm_up(self, ids: list[int]) -> None:
        """Each worker loads spaCy and the gazetteer on its first task, off the clock."""
        self.run(ids, Phase())

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


_broker = {"url": ""}


@contextmanager
def _sending_to(queue: str) -> Iterator[None]:
    from conflictwatch.celery import app

    routes = app.conf.task_routes
    _point_app(
        broker_url=_broker["url"],
        task_always_eager=False,
        task_default_queue=queue,
        task_routes={"claims.tasks.extract_article": {"queue": queue}},
    )
    try:
        yield
    finally:
        _point_app(broker_url="", task_always_eager=True, task_routes=routes)


def _point_app(**conf) -> None:
    """Send this process's tasks elsewhere: Celery caches its queues, router and pools on
    first use (and the pools live in kombu's process-wide registry), so all are dropped."""
    from kombu import pools

    from conflictwatch.celery import app

    app.conf.update(conf)
    for name in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)
    # Celery's private caches (not in its stubs): the only way to make it re-read the conf.
    app.amqp._rtable = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    pools.reset()
    app._pool = None  # type: ignore[attr-defined]


def _wait_extracted(
    ids: list[int], *, timeout: float, phase: Phase | None = None, clock: _Clock | None = None
) -> None:
    from sources.models import Article

    deadline = time.monotonic() + timeout
    waiting = Article.objects.filter(id__in=ids).exclude(
        status__in=[Article.Status.EXTRACTED, Article.Status.FAILED]
    )
    while waiting.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {waiting.count()} articles still waiting")
        if phase is not None:
            _sample_lock_waits(phase)
        if clock is not None:
            clock.sample()
        time.sleep(0.2)


def _sample_lock_waits(phase: Phase) -> None:
    """Count the other sessions on this database that are running a query, and those of
    them waiting for a lock (a row another worker's transaction holds)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock')"
            " FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state = 'active'"
        )
        active, waiting = cursor.fetchone()
    phase.samples += active
    phase.lock_waits += waiting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()
    _ensure_database(args.database_url)
    _setup_django(args.database_url)
    count, rounds = args.articles, max(1, args.rounds)
    print(
        f"{count} articles each, in {rounds} interleaved rounds, {os.cpu_count()} CPUs,"
        " PostgreSQL + Redis"
    )
    from claims.services import article_extract

    _clear()
    redis = _Redis()
    _broker["url"] = redis.url
    results = {name: Phase() for name in ("in-process", "1 worker(s)", "2 worker(s)")}
    pools: list[_Workers] = []
    with tempfile.TemporaryDirectory() as logdir:
        try:
            for number in (1, 2):
                pools.append(
                    _Workers(number, broker=redis.url, database_url=args.database_url,
                             logdir=Path(logdir))
                )  # fmt: skip
            for workers in pools:
                workers.warm_up(_store(len(workers.processes), f"warm-{workers.queue}"))
            [warm] = _store(1, "warm-in-process")
            article_extract(article_id=warm)  # spaCy and the gazetteer load off the clock
            runs = [
                lambda ids, phase: _in_process(ids, phase),
                pools[0].run,
                pools[1].run,
            ]
            names = list(results)
            for number in range(rounds):
                size = count // rounds + (1 if number < count % rounds else 0)
                # Each round in a rotated order, so neither a slowly growing database nor
                # a neighbour's load arriving mid-run favours one configuration.
                for offset in range(3):
                    which = (number + offset) % 3
                    ids = _store(size, f"r{number}-{which}")
                    runs[which](ids, results[names[which]])
                    print(f"  round {number + 1}: {names[which]} done", file=sys.stderr)
        finally:
            for workers in pools:
                workers.stop()
            redis.stop()
    _report(results, count=count)


def _report(results: dict[str, Phase], *, count: int) -> None:
    baseline = results["in-process"].seconds
    cores = os.cpu_count() or 1
    for name, phase in results.items():
        waits = f"{phase.lock_waits / phase.samples * 100:3.0f}%" if phase.samples else "   -"
        print(
            f"  {name:12} {phase.seconds:8.1f} s  {count / phase.seconds * 60:6.0f} articles/min"
            f"  ({baseline / phase.seconds:.2f}x of in-process)"
            f"  cpu {phase.cpu / count * 1000:4.0f} + db {phase.db_cpu / count * 1000:3.0f}"
            f" ms/article  {(phase.cpu + phase.db_cpu) / phase.seconds:.1f} of"
            f" {phase.busy_cores:.1f}/{cores} busy cores  lock waits {waits}"
        )
    one, two = results["1 worker(s)"].seconds, results["2 worker(s)"].seconds
    print(f"  2 workers vs 1: {one / two:.2f}x   (target >= 1.6x)")
    # What two workers could reach if the cores they and PostgreSQL share were theirs
    # alone: the cores over the CPU one article takes (worker + database) per second.
    single = results["1 worker(s)"]
    per_article = (single.cpu + single.db_cpu) / count
    ceiling = min(2.0, cores / per_article / (count / one)) if per_article else 0.0
    print(
        f"  with {cores} cores for the workers and PostgreSQL alone, 2 workers could reach"
        f" at most {ceiling:.2f}x of 1 ({per_article * 1000:.0f} ms CPU per article)"
    )
    print(f"  queue overhead: {(one / baseline - 1) * 100:+.1f}%   (target <= 20%)")


if __name__ == "__main__":
    main()
