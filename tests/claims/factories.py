import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory, Password

from claims.models import Actor, Claim, Conflict, Settlement, SettlementAlias, Side
from claims.vocabulary import ClaimKind, ClaimStatus
from tests.sources.factories import ArticleFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = Password("correct horse battery staple")


class ConflictFactory(DjangoModelFactory):
    class Meta:
        model = Conflict
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"conflict-{n}")
    name = factory.LazyAttribute(lambda c: c.key.replace("-", " ").title())
    countries = factory.LazyFunction(lambda: ["UA", "RU"])


class SideFactory(DjangoModelFactory):
    class Meta:
        model = Side
        django_get_or_create = ("conflict", "key")

    conflict = factory.SubFactory(ConflictFactory)
    key = factory.Sequence(lambda n: f"side-{n}")
    name = factory.LazyAttribute(lambda s: s.key.title())


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    key = factory.Sequence(lambda n: f"actor-{n}")
    name = factory.Sequence(lambda n: f"Ministry {n}")
    kind = Actor.Kind.MINISTRY
    side = factory.SubFactory(SideFactory)
    conflict = factory.SelfAttribute("side.conflict")


class SettlementFactory(DjangoModelFactory):
    class Meta:
        model = Settlement

    name = factory.Sequence(lambda n: f"Settlement {n}")
    source = Settlement.Source.GEONAMES
    geonameid = factory.Sequence(lambda n: 700_000 + n)
    country = "UA"
    admin1_code = "14"
    region = "Donetsk Oblast"
    latitude = 48.3972
    longitude = 37.8475
    population = 31_000


class SettlementAliasFactory(DjangoModelFactory):
    class Meta:
        model = SettlementAlias

    settlement = factory.SubFactory(SettlementFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    kind = SettlementAlias.Kind.TRANSLITERATION
    language = ""
    side = None


class ClaimFactory(DjangoModelFactory):
    """A capture claim whose evidence sentence is really in its article's text."""

    class Meta:
        model = Claim

    conflict = factory.SubFactory(ConflictFactory)
    settlement = factory.SubFactory(SettlementFactory)
    settlement_mention = factory.SelfAttribute("settlement.name")
    evidence = factory.LazyAttribute(
        lambda c: f"Russia said its forces had seized {c.settlement_mention}."
    )
    article = factory.SubFactory(
        ArticleFactory,
        text=factory.LazyAttribute(
            lambda a: f"Officials spoke on Friday.\n\n{a.factory_parent.evidence} Kyiv denied it."
        ),
    )
    claimant = None
    claimant_name = "Russia's defence ministry"
    claimant_side = "russia"
    kind = ClaimKind.CAPTURE
    side = "russia"
    evidence_start = factory.LazyAttribute(lambda c: max(c.article.text.find(c.evidence), 0))
    evidence_end = factory.LazyAttribute(lambda c: c.evidence_start + len(c.evidence))
    stated_on = factory.LazyAttribute(lambda c: c.article.published.date())
    event_date = None
    confidence = 0.9
    extractor_version = "test-1"
    status = ClaimStatus.UNVERIFIED
