"""Re-extraction with a new extractor version keeps editors' work and is idempotent."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, Review
from claims.services import review_add
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict
from sources.models import Article
from sources.services import article_ingest
from tests.claims.factories import TORETSK_STORY, UserFactory, russia_ukraine_reference


@pytest.fixture
def extracted_article(db, django_capture_on_commit_callbacks):
    russia_ukraine_reference()
    with django_capture_on_commit_callbacks(execute=True):
        result = article_ingest(
            title="Toretsk", text=TORETSK_STORY, published=dt.date(2025, 2, 8), outlet_name="W"
        )
    return Article.objects.get(pk=result.article.pk)


def _reextract(*args: str) -> str:
    out = StringIO()
    call_command("reextract", *args, stdout=out, stderr=StringIO(), verbosity=1)
    return out.getvalue()


def test_articles_read_by_an_older_version_are_read_again(extracted_article):
    Article.objects.filter(pk=extracted_article.pk).update(extractor_version="0.0.1")
    Claim.objects.update(extractor_version="0.0.1")
    assert "re-extracted 1 article(s)" in _reextract()
    extracted_article.refresh_from_db()
    assert extracted_article.extractor_version == EXTRACTOR_VERSION
    assert set(Claim.objects.values_list("extractor_version", flat=True)) == {EXTRACTOR_VERSION}


def test_a_second_run_changes_nothing(extracted_article):
    Article.objects.filter(pk=extracted_article.pk).update(extractor_version="0.0.1")
    _reextract()
    before = sorted(Claim.objects.values_list("id", "kind", "status", "updated_at"))
    assert "nothing to re-extract" in _reextract()
    assert sorted(Claim.objects.values_list("id", "kind", "status", "updated_at")) == before


def test_reviews_survive_and_lost_reviewed_claims_are_superseded(extracted_article):
    capture = extracted_article.claims.get(kind=ClaimKind.CAPTURE)
    contested = extracted_article.claims.get(kind=ClaimKind.CONTESTED)
    editor = UserFactory()
    for claim in (capture, contested):
        review_add(claim_id=claim.id, verdict=ReviewVerdict.CONFIRM, reviewer=editor)
    # The stored text loses its capture sentence, as if a new extractor no longer found it.
    text = TORETSK_STORY.split("\n\n", 1)[1].replace("the town", "Toretsk")
    Article.objects.filter(pk=extracted_article.pk).update(text=text, extractor_version="0.0.1")
    _reextract()
    capture.refresh_from_db()
    contested.refresh_from_db()
    assert capture.status == ClaimStatus.SUPERSEDED
    assert contested.status == ClaimStatus.CONFIRMED  # still found: kept with its review
    assert Review.objects.count() == 2


def test_filters_by_conflict_and_date(extracted_article):
    Article.objects.filter(pk=extracted_article.pk).update(extractor_version="0.0.1")
    assert "nothing to re-extract" in _reextract("--since", "2025-03-01")
    assert "re-extracted 1" in _reextract("--conflict", "russia-ukraine", "--since", "2025-02-01")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "last tuesday"], "is not a date"),
        (["--conflict", "atlantis"], "unknown conflict"),
    ],
)
def test_bad_options_get_a_clear_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        _reextract(*args)
