"""Faults on the real stack: a Redis server this test starts on its own port, real Celery
worker subprocesses, PostgreSQL. Each test makes one fault happen (broker stopped, worker
SIGKILLed, a message delivered twice) and checks that nothing is lost or done twice, and
that recovery follows the fault at once rather than waiting for the periodic sweep."""

import datetime as dt
import os
import signal
import time

import pytest
from rest_framework.test import APIClient

from claims.models import Claim
from claims.tasks import extract_article
from sources.models import Article
from sources.services import article_ingest
from tests.claims.factories import UserFactory
from tests.sources.realstack import (
    RedisServer,
    Worker,
    app_pointed_at,
    free_port,
    needs_real_stack,
    new_queue,
    wait_for,
)
from tests.world import TORETSK_STORY, build_russia_ukraine

pytestmark = pytest.mark.worker


@pytest.fixture
def stack(transactional_db, tmp_path):
    """Our own Redis, a worker on it, and this process's Celery app sending to it."""
    needs_real_stack()
    build_russia_ukraine()
    redis = RedisServer(free_port())
    redis.start()
    queue = new_queue()
    workers: list[Worker] = []

    def start_worker(pool: str = "solo") -> Worker:
        worker = Worker(broker=redis.url, queue=queue, log_path=tmp_path / "worker.log", pool=pool)
        workers.append(worker)
        worker.wait_ready()
        return worker

    try:
        with app_pointed_at(broker=redis.url, queue=queue):
            yield redis, start_worker, tmp_path / "worker.log"
    finally:
        for worker in workers:
            worker.stop()
        redis.stop()


def _story(number: int) -> str:
    return f"{TORETSK_STORY}\n\nUpdate number {number} from the front."


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
    redis, start_worker, log = stack
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


def test_a_bulk_ingest_while_the_broker_is_down_loses_no_line(stack, tmp_path):
    redis, start_worker, log = stack
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
    _, start_worker, log = stack
    article = article_ingest(title="T", text=_story(1), published=dt.date(2025, 2, 8)).article
    # The state a worker leaves when it is killed mid-task: extracting, under its lease.
    Article.objects.filter(pk=article.pk).update(status="extracting", lease_token="task-7")
    start_worker()
    extract_article.apply_async(args=[article.pk], task_id="another-task")
    extract_article.apply_async(args=[article.pk], task_id="task-7")  # the redelivery
    wait_for(_all_extracted(1), timeout=60, what="the redelivered task", log=log)
    assert "not claimable" in log.read_text()  # the stranger left the lease alone
    assert Claim.objects.filter(article=article).count() == 3


def test_the_same_message_delivered_twice_extracts_once(stack):
    _, start_worker, log = stack
    article = article_ingest(title="T", text=_story(2), published=dt.date(2025, 2, 8)).article
    start_worker()
    for _ in range(2):
        extract_article.apply_async(args=[article.pk], task_id="twice")
    wait_for(_all_extracted(1), timeout=60, what="the task", log=log)
    wait_for(lambda: log.read_text().count("succeeded") >= 2, timeout=30, what="both", log=log)
    assert Claim.objects.filter(article=article).count() == 3
    assert _statuses() == {"extracted": 1}


def test_a_pool_process_killed_mid_extraction_is_finished_by_the_next_one(stack):
    _, start_worker, log = stack
    long_story = "\n\n".join([TORETSK_STORY] * 260)  # some seconds of parsing
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
