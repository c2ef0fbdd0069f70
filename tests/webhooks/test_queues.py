"""Webhook sends on their own queue of a real Redis, as docs/scaling.md and docker-compose.yml
say: `deliver` and `dispatch_changes` on `webhooks`, the sweeper with the housekeeping on the
default queue; every routed queue listed in the docs' table and consumed by a service."""

import re
from pathlib import Path

import redis
from django.conf import settings

from tests.realstack import app_pointed_at, new_queue

ROOT = Path(__file__).resolve().parents[2]


def test_webhook_tasks_land_on_the_webhook_queue_and_the_sweeper_on_the_default(own_redis):
    from webhooks.tasks import deliver, dispatch_changes, send_due_deliveries

    housekeeping = new_queue()
    with app_pointed_at(broker=own_redis.url, queue=housekeeping, own_routes=True):
        deliver.delay(1)
        dispatch_changes.delay()
        send_due_deliveries.delay()
    client = redis.Redis.from_url(own_redis.url)
    webhooks = settings.CELERY_WEBHOOK_QUEUE
    queues = (webhooks, settings.CELERY_FETCH_QUEUE, settings.CELERY_EXTRACT_QUEUE)
    assert {q: client.llen(q) for q in (*queues, housekeeping)} == {
        webhooks: 2,
        settings.CELERY_FETCH_QUEUE: 0,
        settings.CELERY_EXTRACT_QUEUE: 0,
        housekeeping: 1,
    }


def test_the_webhook_queue_is_named_by_the_environment_and_its_own():
    assert settings.CELERY_WEBHOOK_QUEUE == "webhooks"
    others = {settings.CELERY_FETCH_QUEUE, settings.CELERY_EXTRACT_QUEUE}
    assert settings.CELERY_WEBHOOK_QUEUE not in others | {settings.CELERY_TASK_DEFAULT_QUEUE}


def _documented_queues() -> dict[str, set[str]]:
    """docs/scaling.md's queue table: queue name -> the task names its row lists."""
    text = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        row = re.match(r"\s*\| `([\w-]+)` \(`CELERY_\w+`\) \| (.+?) \|", line)
        if row:
            table[row.group(1)] = set(re.findall(r"`(\w+)`", row.group(2)))
    return table


def test_every_route_is_in_the_docs_table_under_its_queue():
    table = _documented_queues()
    assert settings.CELERY_WEBHOOK_QUEUE in table
    for task, route in settings.CELERY_TASK_ROUTES.items():
        assert task.rsplit(".", 1)[1] in table.get(route["queue"], set()), task


def test_every_routed_queue_has_a_worker_in_docker_compose():
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    consumed = {q for found in re.findall(r"--queues ([\w,-]+)", compose) for q in found.split(",")}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= consumed


def test_readiness_reports_the_webhook_queue():
    from conflictwatch.core.broker import pipeline_queues

    assert settings.CELERY_WEBHOOK_QUEUE in pipeline_queues()
