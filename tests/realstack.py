"""The real stack as subprocesses a test starts and stops: a Redis server on its own port,
Celery workers reading the test database, and the test process's Celery app pointed at
them. Nothing here is a mock; faults are made by stopping and killing these processes.
Shared by every app's tests (`own_redis` in tests/conftest.py, `worker_consuming`)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from conflictwatch.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def wait_for(
    check: Callable[[], bool],
    *,
    timeout: float,
    what: str | Callable[[], str],
    log: Path | None = None,
):
    """Until `check()` holds; else fail saying `what` (called then, if a callable, so it
    can describe the state at the time-out) and the tail of `log`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    tail = log.read_text()[-4000:] if log and log.exists() else ""
    said = what() if callable(what) else what
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {said}\n{tail}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on 127.0.0.1:<port>; start/stop at will. With `data_dir`
    it keeps its data across a stop and start (an append-only file synced on every
    write, as a production Redis configured not to lose its queue); without, a restart
    starts empty."""

    def __init__(self, port: int, *, data_dir: Path | None = None):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.data_dir = data_dir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        keep = (
            ["--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.data_dir)]
            if self.data_dir
            else ["--appendonly", "no"]
        )
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--maxmemory", "256mb", *keep],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, timeout=10, what=f"redis on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


class Worker:
    """`celery worker` on one queue, logging to a file the test can read."""

    def __init__(self, *, broker: str, queue: str, log_path: Path, pool: str = "solo"):
        self.log_path = log_path
        self.ready_before = log_path.read_text().count(" ready.") if log_path.exists() else 0
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            # Extraction and webhook sends have their own queues in production; a test
            # worker takes them on its own.
            "CELERY_EXTRACT_QUEUE": queue,
            "CELERY_WEBHOOK_QUEUE": queue,
        }
        with log_path.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "conflictwatch", "worker", "--pool", pool,
                 "--concurrency", "1", "--queues", queue, "--without-heartbeat",
                 "--without-gossip", "--without-mingle", "--loglevel", "INFO",
                 "--hostname", f"{queue}-{uuid.uuid4().hex[:6]}@%h"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_ready(self) -> None:
        """Until this worker says it is ready (other workers may share the log)."""
        wait_for(
            lambda: self.log_path.read_text().count(" ready.") > self.ready_before,
            timeout=90,
            what="the worker to start",
            log=self.log_path,
        )

    def pool_children(self) -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in found.stdout.split()]

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool), as the OOM killer would."""
        children = self.pool_children()  # before the main process, which could fork more
        for pid in [self.process.pid, *children]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def app_pointed_at(*, broker: str, queue: str, own_routes: bool = False) -> Iterator[None]:
    """The test process's Celery app sends to `broker`/`queue` instead of running eagerly;
    extraction and webhook sends, routed to their own queues in production, go to `queue`
    too unless `own_routes` keeps the settings' routes."""
    keys = ("broker_url", "task_always_eager", "task_default_queue", "task_routes")
    saved = {k: celery_app.conf[k] for k in keys}
    routes = {
        name: (
            {"queue": queue}
            if route["queue"] in (settings.CELERY_EXTRACT_QUEUE, settings.CELERY_WEBHOOK_QUEUE)
            and not own_routes
            else route
        )
        for name, route in saved["task_routes"].items()
    }
    celery_app.conf.update(
        broker_url=broker, task_always_eager=False, task_default_queue=queue, task_routes=routes
    )
    _forget_broker_setup()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _forget_broker_setup()


def _forget_broker_setup() -> None:
    """Celery caches its queues and connection pools on first use; the test process may
    have made them for the in-process (eager) setup, so they are dropped and rebuilt."""
    for name in ("queues", "default_queue", "router"):
        celery_app.amqp.__dict__.pop(name, None)
    # Celery's private caches, which its stubs leave out.
    celery_app.amqp._rtable = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]
    # The app's pool is an entry of kombu's process-wide registry, keyed by broker URL:
    # closing it without clearing the registry left a closed pool there, and every later
    # in-process enqueue (Celery acquires a producer even when eager) failed quietly.
    pools.reset()
    celery_app._pool = None  # type: ignore[attr-defined]


@contextmanager
def redis_server(*, data_dir: Path | None = None) -> Iterator[RedisServer]:
    """A Redis server of the test's own on a free loopback port, stopped at the end."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer(free_port(), data_dir=data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def shared_broker_url() -> str:
    """The Redis `make test` names for this checkout (tests use a queue of their own)."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@contextmanager
def worker_consuming(
    *, log_path: Path, broker: str | None = None, pool: str = "solo"
) -> Iterator[Worker]:
    """A real Celery worker on a queue of its own (on `broker`, else the shared Redis),
    with this process's Celery app sending there; stopped (killed if it will not stop)
    at the end. Environment variables set before entering reach the worker."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker test needs PostgreSQL (make test sets DATABASE_URL)")
    broker = broker or shared_broker_url()
    queue = new_queue()
    worker = Worker(broker=broker, queue=queue, log_path=log_path, pool=pool)
    try:
        with app_pointed_at(broker=broker, queue=queue):
            worker.wait_ready()
            yield worker
    finally:
        worker.stop()


def needs_real_stack() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (make test sets DATABASE_URL)")
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH")


def new_queue() -> str:
    return f"cw-test-{uuid.uuid4().hex[:10]}"
