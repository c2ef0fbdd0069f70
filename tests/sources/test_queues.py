"""Fetching and extraction on their own queues of a real Redis, and the spaCy pipeline
loaded once per worker process."""

import pytest
import redis
from django.conf import settings

from claims.extraction.pipeline import get_nlp
from claims.services import article_extract
from conflictwatch import celery as worker_setup
from tests.claims.factories import russia_ukraine_reference
from tests.realstack import RedisServer, app_pointed_at, new_queue, wait_for, worker_consuming
from tests.sources.factories import ArticleFactory

STORY = "Russia's Defence Ministry said its forces had captured Toretsk on Friday."


def depths(server: RedisServer, *queues: str) -> dict[str, int]:
    client = redis.Redis.from_url(server.url)
    return {queue: client.llen(queue) for queue in queues}


def test_each_task_lands_on_its_queue(own_redis):
    from claims.tasks import extract_article, reextract_articles, requeue_stale_articles
    from sources.tasks import fetch_url, poll_feed

    housekeeping = new_queue()
    with app_pointed_at(broker=own_redis.url, queue=housekeeping, own_routes=True):
        extract_article.delay(1)
        reextract_articles.delay()
        fetch_url.delay(2)
        poll_feed.delay(3)
        requeue_stale_articles.delay()
    extract, fetch = settings.CELERY_EXTRACT_QUEUE, settings.CELERY_FETCH_QUEUE
    assert depths(own_redis, extract, fetch, housekeeping) == {
        extract: 2,
        fetch: 2,
        housekeeping: 1,
    }


def test_the_queues_are_named_by_the_environment_and_distinct():
    assert settings.CELERY_EXTRACT_QUEUE == "extract"
    assert settings.CELERY_FETCH_QUEUE == "fetch"
    assert len({settings.CELERY_EXTRACT_QUEUE, settings.CELERY_FETCH_QUEUE,
                settings.CELERY_TASK_DEFAULT_QUEUE}) == 3  # fmt: skip


@pytest.mark.parametrize(
    ("queues", "warms"),
    [
        (None, True),  # no --queues: it consumes every queue
        ("extract,conflictwatch", True),
        (["extract"], True),
        ("fetch", False),
        ("", True),
    ],
)
def test_only_workers_that_extract_load_spacy(queues, warms):
    worker_setup.note_the_queues(options={"queues": queues})
    try:
        assert worker_setup._extracts["yes"] is warms
    finally:
        worker_setup._extracts["yes"] = False


@pytest.mark.django_db
def test_the_warm_up_is_the_only_load_of_the_pipeline():
    russia_ukraine_reference()
    worker_setup._extracts["yes"] = True
    try:
        worker_setup.warm_up_extraction()
    finally:
        worker_setup._extracts["yes"] = False
    loads = get_nlp.cache_info().misses
    article = ArticleFactory(text=STORY, title="Toretsk")
    article_extract(article_id=article.id, force=True)
    article.refresh_from_db()
    assert article.claims.exists()
    assert get_nlp.cache_info().misses == loads
    assert get_nlp.cache_info().currsize == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_prefork_extract_worker_loads_spacy_as_its_process_starts(tmp_path, own_redis):
    log = tmp_path / "worker.log"
    with worker_consuming(broker=own_redis.url, log_path=log, pool="prefork"):
        wait_for(
            lambda: "extraction pipeline loaded in worker process" in log.read_text(),
            timeout=90,
            what="the pool process to load spaCy before any task",
            log=log,
        )
    assert log.read_text().count("extraction pipeline loaded") == 1  # --concurrency 1
