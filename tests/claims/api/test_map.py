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


@pytest.fixture
def front(editor):
    """Five towns, each captured, confirmed and contested on its own days of February 2025."""
    war = ConflictFactory(russia_ukraine=True)
    towns = []
    for n in range(5):
        town = SettlementFactory(name=f"Front {n}", latitude=48 + n / 10, longitude=37.5)
        capture, *_ = extract(
            article_on(dt.date(2025, 2, 2 + n)), war, [found(town, ClaimKind.CAPTURE, "russia")]
        )
        review_add(
            claim_id=capture.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM,
            at=dt.datetime(2025, 2, 4 + n, 9, tzinfo=dt.UTC),
        )  # fmt: skip
        extract(article_on(dt.date(2025, 2, 10 + n)), war, [found(town, ClaimKind.CONTESTED)])
        towns.append(town)
    return towns


def test_the_map_as_of_any_day_agrees_with_each_settlements_status_as_of(api_client, front):
    for day in range(1, 17):
        as_of = dt.date(2025, 2, day).isoformat()
        features = api_client.get(MAP, {"as_of": as_of}).json()["features"]
        shown = {f["id"]: (f["properties"]["state"], f["properties"]["since"]) for f in features}
        expected = {}
        for town in front:
            status = api_client.get(f"/api/v1/settlements/{town.id}/status/", {"as_of": as_of})
            assessed = status.json()["assessed"]
            if town.claims.filter(stated_on__lte=as_of).exists():
                expected[town.id] = (assessed["state"], assessed["since"])
        assert shown == expected, as_of


def test_the_map_as_of_a_day_shows_the_stored_history_not_a_recomputation(api_client, held):
    # The history row is what the as-of read serves (claims.status.history); the map
    # must show the same row, so a rebuilt history is what both see.
    from claims.models import SettlementStatusChange

    row = SettlementStatusChange.objects.filter(settlement=held).order_by("-known_from").first()
    SettlementStatusChange.objects.filter(pk=row.pk).update(state="contested")
    feature = api_client.get(MAP, {"as_of": "2025-03-01"}).json()["features"][0]
    assert feature["properties"]["state"] == "contested"


@pytest.mark.parametrize("as_of", [None, "2025-02-09", "2025-02-12", "2026-01-01"])
def test_the_map_costs_the_same_queries_for_one_town_or_many(
    api_client, front, as_of, django_assert_num_queries
):
    params = {"as_of": as_of} if as_of else {}
    # The points with their status (now: the stored row; as of a day: the history's row,
    # one probe each, in the same query), and the side names.
    with django_assert_num_queries(2):
        response = api_client.get(MAP, params)
    assert response.status_code == 200


def test_the_map_now_counts_from_the_stored_status_and_by_conflict_when_filtered(api_client, front):
    goma = SettlementFactory(name="Goma", latitude=-1.68, longitude=29.22)
    ClaimFactory.create_batch(3, settlement=goma, conflict=ConflictFactory(key="drc"))
    counts = {
        f["properties"]["name"]: f["properties"]["claim_count"]
        for f in api_client.get(MAP).json()["features"]
    }
    assert counts == {**{t.name: 2 for t in front}, "Goma": 3}
    drc = api_client.get(MAP, {"conflict": "drc"}).json()["features"]
    assert [(f["properties"]["name"], f["properties"]["claim_count"]) for f in drc] == [("Goma", 3)]
