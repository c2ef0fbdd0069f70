"""factory_boy factories for the claims app, and the stories tests tell with them.

Per conflict, a trait gives its real key and sides (`ConflictFactory(russia_ukraine=True)`)
and a helper its reference slice for the real extractor (`russia_ukraine_reference()`).
The Toretsk story helpers at the end write claims through the extraction write path
(claims_replace_for_article), so the stored settlement status is kept as in production.
"""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.db import transaction
from factory.django import DjangoModelFactory, Password

from claims.extraction.types import ExtractedClaim
from claims.models import Claim, SettlementStatus
from claims.services import claims_replace_for_article, review_add
from claims.status.store import settlement_status_refresh
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict
from gazetteer.models import Actor, ActorAlias, Conflict, Settlement, SettlementAlias, Side
from sources.models import Article
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
        # The sides a trait adds are rows of their own; the conflict needs no second save.
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"conflict-{n}")
    name = factory.LazyAttribute(lambda c: c.key.replace("-", " ").title())
    countries = factory.LazyFunction(lambda: ["UA", "RU"])

    class Params:
        # The Russia–Ukraine war and its two sides, with the words that name each as an agent.
        russia_ukraine = factory.Trait(
            key="russia-ukraine",
            name="Russia–Ukraine war",
            russia=factory.RelatedFactory(
                "tests.claims.factories.SideFactory",
                factory_related_name="conflict",
                key="russia",
                name="Russia",
                agent_terms=["Russian", "Russia", "Russia's", "Moscow's"],
            ),
            ukraine=factory.RelatedFactory(
                "tests.claims.factories.SideFactory",
                factory_related_name="conflict",
                key="ukraine",
                name="Ukraine",
                agent_terms=["Ukrainian", "Ukraine", "Ukraine's", "Kyiv's"],
            ),
        )


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
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"actor-{n}")
    name = factory.Sequence(lambda n: f"Ministry {n}")
    kind = Actor.Kind.MINISTRY
    side = factory.SubFactory(SideFactory)
    conflict = factory.SelfAttribute("side.conflict")

    @factory.post_generation
    def aliases(actor, create, names, **kwargs):
        """`aliases=["Moscow", ...]`: the names the actor is also known by."""
        for name in names or ():
            ActorAlias.objects.create(actor=actor, name=name)


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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the extraction write path does: the settlement's stored status (and its count,
        # which the settlements list reads) follows the claim in the same transaction.
        # A claim is written unverified and `status` reached the way production reaches it
        # (a review, or re-extraction): the database refuses a status its reviews don't give.
        status = kwargs.pop("status")
        claim = super()._create(model_class, *args, **kwargs)
        settlement_status_refresh(settlement_ids=[claim.settlement_id], changed_on=claim.stated_on)
        if status in STATUS_VERDICT:
            review_add(
                claim_id=claim.id,
                reviewer=UserFactory(username="factory-desk"),
                verdict=STATUS_VERDICT[status],
                note="Checked against the brigade's own statement.",
            )
        elif status == ClaimStatus.SUPERSEDED:
            review_add(
                claim_id=claim.id,
                reviewer=UserFactory(username="factory-desk"),
                verdict=ReviewVerdict.CONFIRM,
            )
            supersede(claim)
        claim.refresh_from_db()
        return claim


# The review that gives each reviewed status (the inverse of claims.status.rules).
STATUS_VERDICT = {
    ClaimStatus.CONFIRMED: ReviewVerdict.CONFIRM,
    ClaimStatus.DISPUTED: ReviewVerdict.DISPUTE,
}


def supersede(claim: Claim) -> None:
    """Supersede a reviewed claim as re-extraction does: while its article is `extracting`,
    with the settlement's stored status following."""
    article = Article.objects.filter(pk=claim.article_id)
    was = article.get().status
    article.update(status=Article.Status.EXTRACTING)
    Claim.objects.filter(pk=claim.pk).supersede()
    article.update(status=was)
    settlement_status_refresh(settlement_ids=[claim.settlement_id], changed_on=claim.stated_on)
    claim.refresh_from_db()


class ExtractedClaimFactory(factory.Factory):
    """What the extractor reports for one claim about `settlement` (a row), said by the side
    `by`; build() only, it is no model."""

    class Meta:
        model = ExtractedClaim

    class Params:
        settlement = factory.SubFactory(SettlementFactory)
        by = "russia"

    settlement_id = factory.SelfAttribute("settlement.id")
    settlement_name = factory.SelfAttribute("settlement.name")
    settlement_mention = factory.SelfAttribute("settlement.name")
    country = "UA"
    claimant_actor_id = None
    claimant_name = factory.LazyAttribute(lambda c: f"a {c.by} spokesman")
    claimant_side = factory.SelfAttribute("by")
    kind = ClaimKind.CAPTURE
    side = ""
    evidence = factory.LazyAttribute(
        lambda c: f"{c.by} says {c.kind} {c.side} of {c.settlement.name}."
    )
    evidence_start = 0
    evidence_end = factory.LazyAttribute(lambda c: max(len(c.evidence), 1))
    event_date = None
    confidence = 0.9


# Russia–Ukraine: the reference slice and the story the real extractor is tested on.

TORETSK_STORY = (
    "KYIV, Feb 8 — Russia's Defence Ministry said on Friday that its forces had captured "
    "Toretsk, which Russia calls Dzerzhinsk.\n\n"
    "Kyiv denied that Russia had full control of the town. A spokesman for the 28th brigade "
    "said Ukrainian troops were holding their positions on the outskirts of Toretsk.\n\n"
    "Shelling killed two civilians in Kramatorsk overnight, regional officials said."
)


def russia_ukraine_reference() -> Conflict:
    """A small, realistic slice of reference data for tests that run the real extractor:
    the war and its sides, the three speakers of TORETSK_STORY, Toretsk (which Russia calls
    Dzerzhinsk) and Kramatorsk."""
    conflict = ConflictFactory.create(russia_ukraine=True)
    russia, ukraine = (conflict.sides.get(key=key) for key in ("russia", "ukraine"))
    ActorFactory(
        key="ru-mod", name="Russian Defence Ministry", kind=Actor.Kind.MINISTRY, side=russia,
        aliases=["Russia's Defence Ministry", "Russian defence ministry", "Moscow"],
    )  # fmt: skip
    ActorFactory(
        key="ua-general-staff", name="General Staff of Ukraine", kind=Actor.Kind.MILITARY,
        side=ukraine, aliases=["Ukraine's General Staff", "General Staff", "Kyiv"],
    )  # fmt: skip
    ActorFactory(
        key="ua-28-brigade", name="28th Mechanised Brigade", kind=Actor.Kind.UNIT, side=ukraine,
        aliases=["28th brigade", "Ukraine's 28th brigade"],
    )  # fmt: skip
    toretsk = SettlementFactory(
        name="Toretsk", geonameid=709354, admin1_code="05", latitude=48.39, longitude=37.85,
        population=30914,
    )  # fmt: skip
    SettlementAliasFactory(
        settlement=toretsk, name="Dzerzhinsk", side=russia, kind=SettlementAlias.Kind.PARTY_NAME
    )
    SettlementFactory(
        name="Kramatorsk", geonameid=704508, admin1_code="05", latitude=48.72, longitude=37.56,
        population=150000,
    )  # fmt: skip
    return conflict


# The Toretsk story as the verification tests tell it: claims written through the
# extraction write path on the days the articles ran, reviews on a February 2025 clock.

FEB_8 = dt.date(2025, 2, 8)


def at(day: int, hour: int = 12) -> dt.datetime:
    """`hour` o'clock UTC on a day of February 2025, the month of the Toretsk story."""
    return dt.datetime(2025, 2, day, hour, tzinfo=dt.UTC)


def article_on(day: dt.date, **kwargs) -> Article:
    """An article published at noon (UTC) on `day`."""
    published = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return ArticleFactory.create(published=published, **kwargs)


def found(settlement: Settlement, kind: str, side: str = "", **kwargs) -> ExtractedClaim:
    """What the extractor found: a claim of `kind` about `side` (`by`: the claimant side)."""
    return ExtractedClaimFactory.build(settlement=settlement, kind=kind, side=side, **kwargs)


def extract(article: Article, conflict: Conflict, items: list[ExtractedClaim]) -> list[Claim]:
    """Store what 'the extractor' found, as the extraction task does: one transaction, with
    the article held `extracting` meanwhile (the only state claims are superseded in)."""
    rows = Article.objects.filter(pk=article.pk)
    with transaction.atomic():
        was = rows.values_list("status", flat=True).get()
        rows.update(status=Article.Status.EXTRACTING)
        claims_replace_for_article(article=article, conflict=conflict, found=items)
        rows.update(status=was)
    return list(Claim.objects.filter(article=article).order_by("id"))


def stored(settlement_id: int) -> SettlementStatus:
    """The settlement's stored current status row."""
    return SettlementStatus.objects.get(settlement_id=settlement_id)
