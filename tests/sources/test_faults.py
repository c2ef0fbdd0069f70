"""Faults on the real stack: a Redis server this test starts on its own port, real Celery
worker subprocesses, PostgreSQL. Each test makes one fault happen (broker stopped, worker
SIGKILLed, a message delivered twice) and checks that nothing is lost or done twice, and
that recovery follows the fault at once rather than waiting for the periodic sweep."""

import datetime as dt
import os
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis as redis_client
from django.db.models import Count, Max
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Change, Claim
from claims.services.leases import extraction_locks
from claims.tasks import extract_article
from sources.models import Article
from sources.services import article_ingest
from tests.claims.factories import TORETSK_STORY, UserFactory, russia_ukraine_reference
from tests.realstack import (
    RedisServer,
    Worker,
    app_pointed_at,
    needs_real_stack,
    new_queue,
    redis_server,
    wait_for,
)

pytestmark = pytest.mark.worker


@dataclass
class Stack:
    """Our own Redis (keeping its data across a restart), workers on one queue of it, this
    process's Celery app sending there, and the workers' shared log."""

    redis: RedisServer
    queue: str
    log: Path
    workers: list[Worker] = field(default_factory=list)

    def start_worker(self, pool: str = "solo") -> Worker:
        worker = Worker(broker=self.redis.url, queue=self.queue, log_path=self.log, pool=pool)
        self.workers.append(worker)
        worker.wait_ready()
        return worker


@pytest.fixture
def stack(transactional_db, tmp_path):
    needs_real_stack()
    russia_ukraine_reference()
    (tmp_path / "redis").mkdir()
    with redis_server(data_dir=tmp_path / "redis") as redis:
        stack = Stack(redis=redis, queue=new_queue(), log=tmp_path / "worker.log")
        try:
            with app_pointed_at(broker=redis.url, queue=stack.queue):
                yield stack
        finally:
            for worker in stack.workers:
                worker.stop()


def _story(number: int) -> str:
    return f"{TORETSK_STORY}\n\nUpdate number {number} from the front."


def _long(number: int) -> str:
    """Some seconds of parsing, with the same three claims as the short story."""
    return "\n\n".join([TORETSK_STORY] * 150) + f"\n\nLong update number {number}."


def _pusher() -> APIClient:
    client = APIClient()
    client.force_authenticate(UserFactory.create(is_superuser=True))
    return client


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Article.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _all_extracted(total: int):
    return lambda: Article.objects.filter(status=Article.Status.EXTRACTED).count() == total


def test_pushes_while_the_broker_is_down_are_201_and_extracted_once_it_is_back(stack):
    redis, start_worker, log = stack.redis, stack.start_worker, stack.log
    start_worker()
    client = _pusher()
    redis.stop()
    answers = [
        client.post(
            "/api/v1/articles/",
            {"title": f"Toretsk {n}", "text": _story(n), "published": "2025-02-08"},
            format="json",
        ).status_code
        for n in range(20)
    ]
    assert answers == [201] * 20
    assert Article.objects.filter(status="pending", queued_at__isnull=True).count() == 20

    redis.start()
    back = time.monotonic()
    wait_for(_all_extracted(20), timeout=120, what="extraction after Redis came back", log=log)
    assert time.monotonic() - back < 120
    # One set of claims per article: nothing ran twice into duplicates.
    assert Claim.objects.count() == 20 * 3


def test_a_bulk_ingest_while_the_broker_is_down_loses_no_line(stack):
    redis, start_worker, log = stack.redis, stack.start_worker, stack.log
    redis.stop()
    for n in range(5):
        result = article_ingest(title=f"T{n}", text=_story(n), published=dt.date(2025, 2, 8))
        assert result.created
    # Submitting the same text again while it is still pending queues it again.
    assert not article_ingest(title="T0", text=_story(0)).created
    redis.start()
    start_worker()  # a worker starting up queues what the broker missed, too
    wait_for(_all_extracted(5), timeout=120, what="the five articles", log=log)


def test_a_message_delivered_again_after_its_worker_died_resumes_at_once(stack):
    start_worker, log = stack.start_worker, stack.log
    article = article_ingest(title="T", text=_story(1), published=dt.date(2025, 2, 8)).article
    # The state a worker leaves when it is killed mid-task: extracting, under its lease.
    Article.objects.filter(pk=article.pk).update(status="extracting", lease_token="task-7")
    # Its liveness lock held here, so a worker starting does not hand the article on (it
    # would, were nobody holding it): only the redelivery may take the lease.
    with extraction_locks([article.pk]):
        start_worker()
        extract_article.apply_async(args=[article.pk], task_id="another-task")
        wait_for(lambda: "not claimable" in log.read_text(), timeout=60,
                 what="the stranger to leave the lease alone", log=log)  # fmt: skip
        extract_article.apply_async(args=[article.pk], task_id="task-7")  # the redelivery
        wait_for(_all_extracted(1), timeout=60, what="the redelivered task", log=log)
    assert Claim.objects.filter(article=article).count() == 3


def test_the_same_message_delivered_twice_extracts_once(stack):
    start_worker, log = stack.start_worker, stack.log
    article = article_ingest(title="T", text=_story(2), published=dt.date(2025, 2, 8)).article
    start_worker()
    for _ in range(2):
        extract_article.apply_async(args=[article.pk], task_id="twice")
    wait_for(_all_extracted(1), timeout=60, what="the task", log=log)
    wait_for(lambda: log.read_text().count("succeeded") >= 2, timeout=30, what="both", log=log)
    assert Claim.objects.filter(article=article).count() == 3
    assert _statuses() == {"extracted": 1}


def test_a_pool_process_killed_mid_extraction_is_finished_by_the_next_one(stack):
    start_worker, log = stack.start_worker, stack.log
    long_story = _long(0)
    worker = start_worker(pool="prefork")
    article = article_ingest(title="Long", text=long_story, published=dt.date(2025, 2, 8))
    article = article.article
    wait_for(
        lambda: Article.objects.filter(pk=article.pk, status="extracting").exists(),
        timeout=60,
        what="extraction to start",
        log=log,
    )
    [child] = worker.pool_children()
    os.kill(child, signal.SIGKILL)
    wait_for(_all_extracted(1), timeout=90, what="the task after its process died", log=log)
    assert "signal 9" in log.read_text()  # it did die mid-task, and was redelivered
    assert Claim.objects.filter(article=article).count() == 3


def _wait_extracting(article_id: int, log: Path) -> None:
    wait_for(
        lambda: Article.objects.filter(pk=article_id, status="extracting").exists(),
        timeout=120,
        what=f"article {article_id} to be extracting",
        log=log,
    )


def test_a_whole_worker_killed_mid_extraction_hands_its_article_on_at_once(stack):
    """The dead worker's message waits in Redis's unacked set for the visibility timeout
    (minutes); the next worker to start sees nobody holds the article and queues it."""
    start_worker, log = stack.start_worker, stack.log
    worker = start_worker(pool="prefork")
    article = article_ingest(title="Long", text=_long(1), published=dt.date(2025, 2, 8)).article
    _wait_extracting(article.pk, log)
    worker.kill()
    start_worker()
    wait_for(_all_extracted(1), timeout=90, what="the dead worker's article", log=log)
    assert Claim.objects.filter(article=article).count() == 3


# --- 500 articles through the API, every fault in turn ---------------------------------

# Every fault at a size the suite can afford (about 1.5 minutes here); the size,
# 500 articles, with FAULT_TEST_ARTICLES=500 (about 3.5 minutes on two shared cores).
ARTICLES = int(os.environ.get("FAULT_TEST_ARTICLES", "100"))
OUTAGE_SECONDS = 20
RECOVERY_SECONDS = 120


class _Pusher:
    """Posts numbered stories to the API, as a client would, keeping every answer."""

    def __init__(self):
        self.client = _pusher()
        self.answers: list[int] = []
        self.ids: list[int] = []
        self.posted = 0

    def post(self, count: int, *, long_first: bool = False, until: float | None = None) -> int:
        """Post up to `count` (a long story first if asked), stopping at `until`."""
        for index in range(count):
            if until is not None and time.monotonic() >= until:
                return index
            number = self.posted
            self.posted += 1
            text = _long(number) if long_first and index == 0 else _story(number)
            answer = self.client.post(
                "/api/v1/articles/",
                {"title": f"Toretsk {number}", "text": text, "published": "2025-02-08"},
                format="json",
            )
            self.answers.append(answer.status_code)
            if answer.status_code == 201:
                self.ids.append(answer.json()["id"])
        return count


def _deliver_every_waiting_message_twice(stack: Stack) -> int:
    """Each message waiting on the queue is followed by a copy of itself (same task id,
    same delivery tag), as Redis does when a visibility timeout passes under a slow task.
    One atomic step, so the consuming workers never see the list half rewritten."""
    client = redis_client.Redis.from_url(stack.redis.url)
    doubled = client.eval(
        "local m = redis.call('LRANGE', KEYS[1], 0, -1) "
        "redis.call('DEL', KEYS[1]) "
        "for i = 1, #m do redis.call('RPUSH', KEYS[1], m[i], m[i]) end "
        "return #m",
        1,
        stack.queue,
    )
    return int(doubled)


@pytest.mark.worker
def test_articles_pushed_through_kills_a_broker_outage_and_double_delivery_all_land_once(
    stack,
):
    """(a) a worker's pool process, then the whole worker, SIGKILLed mid-extraction;
    (c) messages delivered twice to two workers at once; (b) Redis stopped for 20 s and
    restarted, with pushes going on throughout. No push answers 5xx, every article ends
    `extracted` with its claims stored exactly once, and the last one lands within two
    minutes of Redis coming back (the periodic sweep never runs here)."""
    log, pusher = stack.log, _Pusher()
    share = max(ARTICLES // 5, 4)

    # (a) One prefork worker: its pool process is killed under a long article, and the
    # message comes back to the fresh pool process at once (reject_on_worker_lost).
    first = stack.start_worker(pool="prefork")
    pusher.post(1, long_first=True)
    _wait_extracting(pusher.ids[-1], log)
    [child] = first.pool_children()
    os.kill(child, signal.SIGKILL)
    wait_for(lambda: "signal 9" in log.read_text(), timeout=30, what="the pool loss", log=log)

    # ... then the whole worker, under another long article (next in line, after the
    # first one's redelivery): its message sits unacked in Redis for the visibility
    # timeout, so the workers starting next hand it on. Pushes go on while none runs.
    pusher.post(1, long_first=True)
    _wait_extracting(pusher.ids[-1], log)
    first.kill()
    pusher.post(2 * share - 2)
    stack.start_worker()
    stack.start_worker()

    # (c) A burst faster than the two workers drain it, then every waiting message twice,
    # side by side, so both workers get the same message at the same moment.
    pusher.post(share)
    doubled = _deliver_every_waiting_message_twice(stack)
    assert doubled > 0, "the burst was drained before it could be doubled"

    # (b) Redis down for 20 s while pushes go on, then back with its data.
    pusher.post(share)
    stack.redis.stop()
    down = time.monotonic()
    pusher.post(share, until=down + OUTAGE_SECONDS)
    time.sleep(max(0.0, down + OUTAGE_SECONDS - time.monotonic()))
    stack.redis.start()
    back = timezone.now()
    pusher.post(ARTICLES - pusher.posted)

    assert pusher.posted == ARTICLES
    assert [code for code in pusher.answers if code >= 500] == []
    assert Counter(pusher.answers) == {201: ARTICLES}
    wait_for(
        _all_extracted(ARTICLES),
        timeout=RECOVERY_SECONDS - (timezone.now() - back).total_seconds(),
        what=lambda: (
            f"all {ARTICLES} articles within {RECOVERY_SECONDS} s of Redis coming"
            f" back (at the time-out: {_statuses()})"
        ),
        log=log,
    )
    last = Article.objects.aggregate(last=Max("extracted_at"))["last"]
    assert last - back < dt.timedelta(seconds=RECOVERY_SECONDS)

    # Exactly once: one stored result per article (the worker logs each store), three
    # claims each, and the change feed saw each claim created once and never rewritten.
    stored = Counter(re.findall(r"article (\d+): \d+ claims", log.read_text()))
    assert sorted(int(i) for i in stored) == sorted(pusher.ids)
    assert set(stored.values()) == {1}
    assert Claim.objects.count() == 3 * ARTICLES
    per_article = Claim.objects.values("article").annotate(n=Count("id"))
    assert {row["n"] for row in per_article} == {3}
    events = Counter(Change.objects.values_list("event", flat=True))
    assert events[Change.Event.CLAIM_CREATED] == 3 * ARTICLES
    assert not events[Change.Event.CLAIM_UPDATED] and not events[Change.Event.CLAIM_REMOVED]
    assert "not claimable" in log.read_text()  # the second copies found the work done
