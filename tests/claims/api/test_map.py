"""GET /api/v1/settlements/map/: settlements with claims as GeoJSON points with their
assessed state, now or as of a date, filtered."""

import datetime as dt

import pytest

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import (
    ClaimFactory,
    ConflictFactory,
    SettlementFactory,
    article_on,
    extract,
    found,
)
from tests.problems import named

pytestmark = pytest.mark.django_db
MAP = "/api/v1/settlements/map/"


@pytest.fixture
def held(editor):
    """Toretsk held by Russia since 2025-02-08 (confirmed 2025-02-10); Kyiv's denial waits."""
    war = ConflictFactory(russia_ukraine=True)
    toretsk = SettlementFactory(name="Toretsk", latitude=48.39, longitude=37.85)
    capture, _ = extract(
        article_on(dt.date(2025, 2, 8)),
        war,
        [
            found(toretsk, ClaimKind.CAPTURE, "russia"),
            found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        ],
    )
    review_add(
        claim_id=capture.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM,
        at=dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    return toretsk


def test_points_are_geojson_with_the_assessed_state(api_client, held):
    body = api_client.get(MAP).json()
    assert body["type"] == "FeatureCollection" and body["as_of"] is None
    (point,) = body["features"]
    assert point["geometry"] == {"type": "Point", "coordinates": [37.85, 48.39]}
    props = point["properties"]
    assert (props["state"], props["side"], props["side_name"]) == ("controlled", "russia", "Russia")
    assert props["since"] == "2025-02-08" and props["flags"] == ["disputed-claims"]
    assert props["claim_count"] == 2 and props["url"] == f"/settlements/{held.id}/"


def test_as_of_a_day_before_the_confirmation_the_state_is_unknown(api_client, held):
    body = api_client.get(MAP, {"as_of": "2025-02-09"}).json()
    assert body["as_of"] == "2025-02-09"
    assert body["features"][0]["properties"]["state"] == "unknown"
    assert api_client.get(MAP, {"as_of": "2025-02-01"}).json()["features"] == []


def test_filters_by_conflict_state_side_and_flag(api_client, held):
    ClaimFactory(settlement=SettlementFactory(name="Goma"), conflict=ConflictFactory(key="drc"))
    assert len(api_client.get(MAP).json()["features"]) == 2
    for params, expected in [
        ({"conflict": "russia-ukraine"}, ["Toretsk"]),
        ({"state": "unknown"}, ["Goma"]),
        ({"side": "russia"}, ["Toretsk"]),
        ({"disputed": "true"}, ["Toretsk"]),
        ({"disputed": "false"}, ["Goma"]),
    ]:
        features = api_client.get(MAP, params).json()["features"]
        assert [f["properties"]["name"] for f in features] == expected, params


def test_settlements_without_coordinates_are_left_out(api_client, held):
    ClaimFactory(settlement=SettlementFactory(name="Nowhere", latitude=None, longitude=None))
    names = [f["properties"]["name"] for f in api_client.get(MAP).json()["features"]]
    assert names == ["Toretsk"]


@pytest.mark.parametrize(
    "params",
    [
        {"as_of": "next tuesday"},
        {"as_of": "9" * 5000},
        {"state": "<script>"},
        {"disputed": "perhaps"},
        {"side": "росія"},
        {"conflict": "x" * 1000},
    ],
)
def test_malformed_huge_and_hostile_parameters_are_400_naming_the_parameter(
    api_client, held, params
):
    response = api_client.get(MAP, params)
    assert response.status_code == 400
    assert named(response) & set(params)


def test_empty_parameters_are_named_like_on_every_list_endpoint(api_client, held):
    # The map page leaves unchosen filters out of the query it gives the map script; a
    # client that sends `?state=` is told to give a value or leave it out.
    response = api_client.get(MAP, {"conflict": "", "state": "", "side": "", "as_of": ""})
    assert response.status_code == 400
    assert named(response) == {"conflict", "state", "side", "as_of"}


def test_no_parameters_mean_no_filter(api_client, held):
    response = api_client.get(MAP)
    assert response.status_code == 200
    assert len(response.json()["features"]) == 1
