"""Reference data for extraction tests: the real conflicts, sides and actors, and a small
hand-made gazetteer of real places (rough coordinates) across the six conflicts."""

import pytest
from django.db import transaction

from gazetteer.models import Settlement, SettlementAlias, Side
from gazetteer.services import reference_data_load

# (name, country, latitude, longitude, population)
SETTLEMENTS = [
    # Ukraine
    ("Kupiansk", "UA", 49.7106, 37.6156, 27_000),
    ("Lyman", "UA", 48.9886, 37.8022, 20_000),
    ("Siversk", "UA", 48.8667, 38.1000, 11_000),
    ("Kostiantynivka", "UA", 48.5277, 37.7069, 67_000),
    ("Huliaipole", "UA", 47.6628, 36.2561, 13_000),
    ("Orikhiv", "UA", 47.5675, 35.7853, 14_000),
    ("Kurakhove", "UA", 47.9836, 37.2836, 18_000),
    ("Velyka Novosilka", "UA", 47.8441, 36.8286, 5_000),
    ("Vovchansk", "UA", 50.2906, 36.9411, 17_000),
    ("Kreminna", "UA", 49.0486, 38.2176, 18_000),
    ("Svatove", "UA", 49.4100, 38.1500, 16_000),
    ("Borova", "UA", 49.3790, 37.6240, 5_000),
    ("Pokrovsk", "UA", 48.2820, 37.1758, 60_000),
    ("Myrnohrad", "UA", 48.3022, 37.2636, 46_000),
    ("Toretsk", "UA", 48.3977, 37.8472, 31_000),
    ("Chasiv Yar", "UA", 48.5867, 37.8353, 12_000),
    ("Kramatorsk", "UA", 48.7233, 37.5563, 150_000),
    ("Kyiv", "UA", 50.4501, 30.5234, 2_900_000),
    # Russia: the capital and Kursk-region villages
    ("Moscow", "RU", 55.7558, 37.6173, 12_000_000),
    ("Sudzha", "RU", 51.1917, 35.2719, 5_500),
    ("Korenevo", "RU", 51.4103, 34.9089, 5_000),
    ("Malaya Loknya", "RU", 51.2390, 35.2220, 1_000),
    ("Plekhovo", "RU", 51.1300, 35.1800, 300),
    # Sudan
    ("Khartoum", "SD", 15.5518, 32.5324, 1_970_000),
    ("Port Sudan", "SD", 19.6158, 37.2164, 490_000),
    ("El Fasher", "SD", 13.6279, 25.3494, 250_000),
    ("Omdurman", "SD", 15.6445, 32.4777, 2_400_000),
    ("Wad Madani", "SD", 14.4012, 33.5199, 330_000),
    ("Sennar", "SD", 13.5500, 33.6000, 130_000),
    ("El Obeid", "SD", 13.1843, 30.2167, 390_000),
    ("Babanusa", "SD", 11.3333, 27.8167, 50_000),
    ("Bara", "SD", 13.7000, 30.3667, 40_000),
    # Myanmar
    ("Naypyitaw", "MM", 19.7450, 96.1297, 925_000),
    ("Lashio", "MM", 22.9359, 97.7498, 130_000),
    ("Hsipaw", "MM", 22.6167, 97.3000, 25_000),
    ("Kyaukme", "MM", 22.5333, 97.0333, 40_000),
    ("Sittwe", "MM", 20.1500, 92.9000, 150_000),
    ("Bhamo", "MM", 24.2667, 97.2333, 100_000),
    # DR Congo
    ("Kinshasa", "CD", -4.3276, 15.3136, 15_000_000),
    ("Goma", "CD", -1.6792, 29.2228, 670_000),
    ("Sake", "CD", -1.5733, 29.0450, 70_000),
    ("Bukavu", "CD", -2.5083, 28.8608, 870_000),
    ("Uvira", "CD", -3.3953, 29.1378, 590_000),
    ("Masisi", "CD", -1.4000, 28.8167, 40_000),
    # Syria
    ("Damascus", "SY", 33.5102, 36.2913, 2_500_000),
    ("Aleppo", "SY", 36.2021, 37.1343, 1_800_000),
    ("Hama", "SY", 35.1318, 36.7578, 700_000),
    ("Homs", "SY", 34.7324, 36.7137, 650_000),
    ("Manbij", "SY", 36.5281, 37.9549, 100_000),
    ("Tal Rifaat", "SY", 36.4735, 37.0972, 20_000),
    # Mali
    ("Bamako", "ML", 12.6392, -8.0029, 2_700_000),
    ("Kidal", "ML", 18.4411, 1.4078, 26_000),
    ("Tessalit", "ML", 20.2011, 1.0111, 8_000),
    ("Gao", "ML", 16.2666, -0.0400, 87_000),
    ("Menaka", "ML", 15.9182, 2.4022, 20_000),
]

# (settlement, alias, conflict key, side key): names one party uses for a place.
PARTY_NAMES = [
    ("Kupiansk", "Kupyansk", "russia-ukraine", "russia"),
    ("Toretsk", "Dzerzhinsk", "russia-ukraine", "russia"),
]


def _gazetteer_rows() -> dict[str, Settlement]:
    reference_data_load(gazetteer=False, progress=lambda _msg: None)
    rows = {}
    for i, (name, country, lat, lon, population) in enumerate(SETTLEMENTS):
        rows[name] = Settlement.objects.create(
            name=name,
            source=Settlement.Source.GEONAMES,
            geonameid=9_900_000 + i,
            country=country,
            latitude=lat,
            longitude=lon,
            population=population,
        )
    for settlement, alias, conflict, side in PARTY_NAMES:
        SettlementAlias.objects.create(
            settlement=rows[settlement],
            name=alias,
            kind=SettlementAlias.Kind.PARTY_NAME,
            side=Side.objects.get(conflict__key=conflict, key=side),
        )
    return rows


@pytest.fixture(scope="module")
def _module_gazetteer(django_db_setup, django_db_blocker):
    # Loading the actor registry takes over a second; a module's tests share one load, made
    # inside a transaction that is rolled back when the module ends, so no other test sees it.
    with django_db_blocker.unblock(), transaction.atomic():
        yield _gazetteer_rows()
        transaction.set_rollback(True)


@pytest.fixture
def gazetteer(_module_gazetteer, db):
    """Conflicts, sides and actors as shipped, plus the settlements above; name -> row."""
    return _module_gazetteer
