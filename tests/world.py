"""A small, realistic slice of reference data for tests that run the real extractor."""

from claims.models import Actor, ActorAlias, Conflict, Settlement, SettlementAlias, Side

TORETSK_STORY = (
    "KYIV, Feb 8 — Russia's Defence Ministry said on Friday that its forces had captured "
    "Toretsk, which Russia calls Dzerzhinsk.\n\n"
    "Kyiv denied that Russia had full control of the town. A spokesman for the 28th brigade "
    "said Ukrainian troops were holding their positions on the outskirts of Toretsk.\n\n"
    "Shelling killed two civilians in Kramatorsk overnight, regional officials said."
)


def _actor(conflict, side, key, name, kind, aliases):
    actor = Actor.objects.create(key=key, name=name, kind=kind, conflict=conflict, side=side)
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, name=alias)
    return actor


def build_russia_ukraine() -> Conflict:
    conflict = Conflict.objects.create(
        key="russia-ukraine", name="Russia–Ukraine war", countries=["UA", "RU"]
    )
    russia = Side.objects.create(
        conflict=conflict,
        key="russia",
        name="Russia",
        agent_terms=["Russian", "Russia", "Russia's", "Moscow's"],
    )
    ukraine = Side.objects.create(
        conflict=conflict,
        key="ukraine",
        name="Ukraine",
        agent_terms=["Ukrainian", "Ukraine", "Ukraine's", "Kyiv's"],
    )
    _actor(
        conflict,
        russia,
        "ru-mod",
        "Russian Defence Ministry",
        Actor.Kind.MINISTRY,
        ["Russia's Defence Ministry", "Russian defence ministry", "Moscow"],
    )
    _actor(
        conflict,
        ukraine,
        "ua-general-staff",
        "General Staff of Ukraine",
        Actor.Kind.MILITARY,
        ["Ukraine's General Staff", "General Staff", "Kyiv"],
    )
    _actor(
        conflict,
        ukraine,
        "ua-28-brigade",
        "28th Mechanised Brigade",
        Actor.Kind.UNIT,
        ["28th brigade", "Ukraine's 28th brigade"],
    )
    toretsk = Settlement.objects.create(
        name="Toretsk",
        source=Settlement.Source.GEONAMES,
        geonameid=709354,
        country="UA",
        admin1_code="05",
        region="Donetsk Oblast",
        latitude=48.39,
        longitude=37.85,
        population=30914,
    )
    SettlementAlias.objects.create(
        settlement=toretsk, name="Dzerzhinsk", side=russia, kind=SettlementAlias.Kind.PARTY_NAME
    )
    Settlement.objects.create(
        name="Kramatorsk",
        source=Settlement.Source.GEONAMES,
        geonameid=704508,
        country="UA",
        admin1_code="05",
        region="Donetsk Oblast",
        latitude=48.72,
        longitude=37.56,
        population=150000,
    )
    return conflict
