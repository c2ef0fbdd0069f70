import datetime as dt

import factory
from factory.django import DjangoModelFactory

from sources.models import Article, Outlet


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Wire Service {n}")


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Fighting around the front, day {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    published = factory.Sequence(
        lambda n: dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=n % 300)
    )
    outlet = factory.SubFactory(OutletFactory)
    text = "Russia said its forces had seized Toretsk.\n\nKyiv denied it."
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    origin = Article.Origin.PASTE
    status = Article.Status.EXTRACTED
    extractor_version = "test-1"
