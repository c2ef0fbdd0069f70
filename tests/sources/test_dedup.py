"""One page is one article, and a near-copy of a story is kept and linked, not dropped."""

import datetime as dt

import pytest

from sources.models import Article
from sources.services import article_ingest

pytestmark = pytest.mark.django_db

WIRE = (
    "Russia's defence ministry said on Monday that its forces had captured the town of "
    "Toretsk in the Donetsk region after weeks of fighting. Kyiv denied that Russia had "
    "full control of the town, and a Ukrainian brigade said it was holding positions on "
    "the outskirts. Neither claim could be independently verified. " * 3
)
DAY = dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC)


def ingest(text: str, **fields):
    return article_ingest(title=fields.pop("title", "Toretsk"), text=text, published=DAY, **fields)


def test_the_same_url_with_tracking_parameters_is_the_same_article():
    first = ingest(WIRE, url="https://Example.org/world/toretsk/?utm_source=rss")
    again = ingest(WIRE + " Updated.", url="https://example.org/world/toretsk#comments")
    assert not again.created and again.article.id == first.article.id
    assert first.article.normalized_url == "https://example.org/world/toretsk"


def test_a_lightly_edited_copy_from_another_outlet_is_kept_and_linked():
    original = ingest(WIRE, outlet_name="Meridian Wire").article
    copy_text = WIRE.replace("on Monday", "on Monday, 10 February").replace(
        "Neither claim", "Neither of the claims"
    )
    copy = ingest(copy_text, outlet_name="Donbas Courier", url="https://courier.example/t").article
    assert Article.objects.count() == 2
    copy.refresh_from_db()
    assert copy.near_duplicate_of_id == original.id
    assert copy.near_duplicate_score >= 90
    assert original.near_duplicates.get() == copy


def test_a_different_story_on_the_same_town_is_not_linked():
    ingest(WIRE)
    other = ingest(
        "Ukrainian forces said on Monday they had pushed Russian troops back from the "
        "western edge of Toretsk and retaken two streets, while Moscow said fighting "
        "continued in the town centre and its drones had struck a command post. " * 3
    ).article
    other.refresh_from_db()
    assert other.near_duplicate_of is None


def test_a_copy_published_weeks_later_is_not_compared():
    ingest(WIRE)
    late = article_ingest(
        title="Toretsk", text=WIRE + " (archive)", published=DAY + dt.timedelta(days=30)
    ).article
    late.refresh_from_db()
    assert late.near_duplicate_of is None


@pytest.mark.parametrize(
    "text",
    ["Бойові дії тривають у Торецьку. " * 20, "القتال مستمر في الفاشر. " * 20, "<b>x</b> " * 300],
)
def test_non_english_and_markup_heavy_texts_link_like_any_other(text):
    first = ingest(text).article
    second = ingest(text + " !").article
    second.refresh_from_db()
    assert second.near_duplicate_of_id == first.id
