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
  processes (started and warmed up beforehand) drain them; the clock stops when the last
  article is `extracted`.

Queue overhead is 1 worker's time over the in-process time, minus one. Prints figures;
asserts nothing (the targets are in issue #9: 2 workers >= 1.6x of 1; overhead <= 20%).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "sources/data/sample_articles.jsonl"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/cw_bench_ingest"


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


def _store(count: int, run: str) -> list[int]:
    """`count` fresh pending articles (distinct texts and URLs), not queued."""
    from django.utils import timezone

    from claims.models import Claim
    from sources.models import Article
    from sources.services import clean_article_text, content_hash

    Claim.objects.all().delete()
    Article.objects.all().delete()
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
    Article.objects.bulk_create(articles, batch_size=500)
    return list(Article.objects.order_by("id").values_list("id", flat=True))


def _in_process(ids: list[int]) -> float:
    from claims.services import article_extract

    article_extract(article_id=ids[0])  # spaCy and the gazetteer load outside the clock
    start = time.perf_counter()
    for article_id in ids[1:]:
        article_extract(article_id=article_id)
    return (time.perf_counter() - start) * len(ids) / max(len(ids) - 1, 1)


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
        while "ready" not in path.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
    return workers


def _through_workers(ids: list[int], *, workers: int, database_url: str, logdir: Path) -> float:
    from claims.tasks import extract_article
    from sources.models import Article

    redis = _Redis()
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    processes = _start_workers(
        workers, broker=redis.url, queue=queue, database_url=database_url, logdir=logdir
    )
    _point_app(broker_url=redis.url, task_always_eager=False, task_default_queue=queue)
    try:
        # Warm-up: each worker loads spaCy and the gazetteer on its first task.
        for article_id in ids[:workers]:
            extract_article.delay(article_id)
        _wait_extracted(ids[:workers], timeout=300)
        rest = ids[workers:]
        start = time.perf_counter()
        for article_id in rest:
            extract_article.delay(article_id)
        _wait_extracted(rest, timeout=3600)
        elapsed = time.perf_counter() - start
        failed = Article.objects.filter(id__in=ids, status=Article.Status.FAILED).count()
        if failed:
            print(f"  warning: {failed} articles failed", file=sys.stderr)
        return elapsed * len(ids) / max(len(rest), 1)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        redis.stop()
        _point_app(broker_url="", task_always_eager=True)


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


def _wait_extracted(ids: list[int], *, timeout: float) -> None:
    from sources.models import Article

    deadline = time.monotonic() + timeout
    waiting = Article.objects.filter(id__in=ids).exclude(
        status__in=[Article.Status.EXTRACTED, Article.Status.FAILED]
    )
    while waiting.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {waiting.count()} articles still waiting")
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()
    _ensure_database(args.database_url)
    _setup_django(args.database_url)
    count = args.articles
    print(f"{count} articles, {os.cpu_count()} CPUs, PostgreSQL + Redis")

    results: dict[str, float] = {}
    results["in-process"] = _in_process(_store(count, "a"))
    with tempfile.TemporaryDirectory() as logdir:
        for workers in (1, 2):
            ids = _store(count, f"w{workers}")
            results[f"{workers} worker(s)"] = _through_workers(
                ids, workers=workers, database_url=args.database_url, logdir=Path(logdir)
            )

    baseline = results["in-process"]
    for name, seconds in results.items():
        print(
            f"  {name:12} {seconds:8.1f} s  {count / seconds * 60:8.0f} articles/min"
            f"  ({baseline / seconds:.2f}x of in-process)"
        )
    one, two = results["1 worker(s)"], results["2 worker(s)"]
    print(f"  2 workers vs 1: {one / two:.2f}x   (target >= 1.6x)")
    print(f"  queue overhead: {(one / baseline - 1) * 100:+.1f}%   (target <= 20%)")


if __name__ == "__main__":
    main()
