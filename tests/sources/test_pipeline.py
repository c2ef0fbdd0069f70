"""An article's way from ingest to claims, in-process (embedded mode) and through a real
Celery worker consuming from Redis."""

import datetime as dt

import pytest
from django.utils import timezone

from claims.models import Claim, Review
from claims.services import article_extract, review_add
from claims.tasks import requeue_stale
from sources.models import Article
from sources.services import article_ingest
from tests.claims.factories import TORETSK_STORY, UserFactory, russia_ukraine_reference
from tests.realstack import wait_for, worker_consuming


def _tuples(article: Article) -> set[tuple[str, str, str, str]]:
    return {
        (c.settlement.name, c.claimant_side, c.kind, c.side)
        for c in article.claims.select_related("settlement")
    }


TORETSK_CLAIMS = {
    ("Toretsk", "russia", "capture", "russia"),
    ("Toretsk", "ukraine", "denial", "russia"),
    ("Toretsk", "ukraine", "contested", ""),
}


@pytest.fixture
def world(db):
    return russia_ukraine_reference()


def _ingest(**overrides):
    fields = {
        "title": "Russia claims Toretsk",
        "text": TORETSK_STORY,
        "published": dt.date(2025, 2, 8),
        "outlet_name": "Steppe Wire",
    }
    return article_ingest(**{**fields, **overrides})


def test_pasted_story_becomes_three_attributed_claims(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = _ingest()
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == Article.Status.EXTRACTED
    assert article.conflict.key == "russia-ukraine"
    assert _tuples(article) == TORETSK_CLAIMS
    capture = article.claims.get(kind="capture")
    assert capture.claimant.key == "ru-mod"
    assert capture.stated_on == dt.date(2025, 2, 8)
    assert capture.event_date == dt.date(2025, 2, 7)  # "on Friday" before Saturday Feb 8
    assert article.text[capture.evidence_start : capture.evidence_end] == capture.evidence
    assert capture.settlement_mention == "Toretsk"


def test_same_story_twice_is_one_article_with_one_set_of_claims(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _ingest()
        again = _ingest(title="Same story, re-pasted", text="  " + TORETSK_STORY.upper() + "\n")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert Claim.objects.count() == 3


def test_running_extraction_twice_changes_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingest().article
    before = sorted(Claim.objects.values_list("id", "kind", "claimant_side", "side"))
    assert article_extract(article_id=article.pk) is None  # already extracted: no work
    article_extract(article_id=article.pk, force=True)
    assert sorted(Claim.objects.values_list("id", "kind", "claimant_side", "side")) == before


def test_reextraction_keeps_reviewed_claims_as_superseded(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingest().article
    capture = article.claims.get(kind="capture")
    review_add(claim_id=capture.id, verdict=Review.Verdict.CONFIRM, reviewer=UserFactory())
    # The story is edited so that the capture sentence is gone, then extracted again.
    Article.objects.filter(pk=article.pk).update(
        text=TORETSK_STORY.split("\n\n", 1)[1].replace("the town", "Toretsk")
    )
    article_extract(article_id=article.pk, force=True)
    capture.refresh_from_db()
    assert capture.status == Claim.Status.SUPERSEDED
    assert capture.reviews.count() == 1
    assert not article.claims.filter(kind="capture", status=Claim.Status.UNVERIFIED).exists()


def test_non_english_article_is_extracted_with_a_note_and_no_claims(
    world, django_capture_on_commit_callbacks
):
    text = "Російські війська заявили про захоплення Торецька. Київ це заперечує."
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingest(text=text, title="Торецьк").article
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    assert article.language == "uk"
    assert "not supported" in article.status_reason
    assert not article.claims.exists()


def test_extraction_failure_is_recorded_with_a_reason(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=False):
        article = _ingest().article

    def broken_extractor(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("claims.services.extraction.extract_many", broken_extractor)
    with pytest.raises(RuntimeError):
        article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.status_reason == "RuntimeError: parser exploded"


def test_stale_articles_are_queued_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        article = _ingest().article  # the broker "lost" the message: still pending
    Article.objects.filter(pk=article.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert requeue_stale() == 1  # in-process in tests: extracts right away
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    assert _tuples(article) == TORETSK_CLAIMS


# --- a real worker ------------------------------------------------------------------------


@pytest.fixture
def redis_worker(transactional_db, tmp_path):
    """A Celery worker process on its own queue of the shared Redis, reading the test
    database."""
    with worker_consuming(log_path=tmp_path / "worker.log") as worker:
        yield worker.log_path


@pytest.mark.worker
def test_real_worker_consumes_the_task_from_redis_and_claims_land(redis_worker):
    russia_ukraine_reference()
    article = _ingest().article  # commits; on_commit sends the task to Redis

    def done() -> bool:
        article.refresh_from_db()
        return article.status in (Article.Status.EXTRACTED, Article.Status.FAILED)

    wait_for(done, timeout=90, what="the worker to extract the article", log=redis_worker)
    assert article.status == Article.Status.EXTRACTED, article.status_reason
    assert _tuples(article) == TORETSK_CLAIMS
    assert "claims.tasks.extract_article" in redis_worker.read_text()
