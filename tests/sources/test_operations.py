"""What an operator sees: /readyz (database, broker, queue depths, the oldest waiting work),
`manage.py pipeline_status`, and pipeline events logged as JSON lines."""

import datetime as dt
import io
import json
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from conflictwatch.core.logs import JsonFormatter, event
from sources.models import Article, Fetch
from tests.realstack import app_pointed_at, new_queue
from tests.sources.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_readyz_in_embedded_mode_reports_the_pipeline(client):
    ArticleFactory(status=Article.Status.PENDING)
    Article.objects.update(status_changed_at=timezone.now() - dt.timedelta(minutes=5))
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == {"mode": "in-process", "reachable": True, "queues": {}}
    assert body["pipeline"]["articles"]["pending"] == 1
    assert 290 <= body["pipeline"]["oldest_pending_article_seconds"] <= 400
    assert body["pipeline"]["oldest_pending_fetch_seconds"] is None


def test_readyz_counts_the_queues_and_is_503_when_the_broker_is_gone(client, own_redis):
    queue = new_queue()
    with app_pointed_at(broker=own_redis.url, queue=queue):
        from claims.tasks import extract_article

        extract_article.delay(123)
        extract_article.delay(124)
        up = client.get("/readyz")
        own_redis.stop()
        down = client.get("/readyz")
    assert up.status_code == 200
    assert up.json()["broker"]["queues"][queue] == 2
    assert down.status_code == 503
    assert down.json()["broker"]["reachable"] is False
    assert down.json()["status"] == "error"


def test_healthz_stays_cheap_and_up_without_a_broker(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_pipeline_status_prints_states_ages_and_broker(own_redis):
    ArticleFactory(status=Article.Status.FAILED, status_reason="boom")
    Fetch.objects.create(url="https://example.org/a", normalized_url="https://example.org/a")
    out = io.StringIO()
    call_command("pipeline_status", stdout=out)
    text = out.getvalue()
    assert "1 failed" in text and "fetches:  1 pending" in text
    assert "tasks run in-process" in text
    out = io.StringIO()
    call_command("pipeline_status", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["fetches"]["pending"] == 1 and body["articles"]["failed"] == 1
    own_redis.stop()
    with app_pointed_at(broker=own_redis.url, queue=new_queue()), pytest.raises(SystemExit):
        call_command("pipeline_status", stdout=io.StringIO())


def test_pipeline_events_are_json_lines_with_their_ids():
    record = logging.makeLogRecord(
        {"name": "sources", "levelno": logging.INFO, "levelname": "INFO",
         "msg": "article %s ingested", "args": (7,)}
    )  # fmt: skip
    for key, value in event("article.ingested", article_id=7, origin="api").items():
        setattr(record, key, value)
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "article.ingested" and line["article_id"] == 7
    assert line["message"] == "article 7 ingested" and line["level"] == "INFO"


def test_ingesting_logs_an_event_with_the_article_id(caplog):
    from sources.services import article_ingest

    with caplog.at_level(logging.INFO):
        article = article_ingest(title="Т", text="Бої тривають у Торецьку.").article
    events = [r for r in caplog.records if getattr(r, "event", "") == "article.ingested"]
    assert events and events[0].article_id == article.id
