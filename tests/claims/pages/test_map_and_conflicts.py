"""The map page and the conflict pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_the_map_page_ships_leaflet_and_the_land_outlines_from_our_own_static_files(client):
    body = client.get(reverse("map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in body
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in body
    assert 'data-land-url="/static/map/land-50m.geojson"' in body
    assert 'data-points-url="/api/v1/settlements/map/"' in body
    assert "https://" not in body.split("<body>")[0]
    assert 'data-tile-url=""' in body
    assert "The map needs JavaScript." in body  # and says where to go without it


def test_the_map_keeps_its_filters_and_date_in_the_url(client, toretsk_story):
    body = client.get(
        reverse("map"), {"conflict": "russia-ukraine", "state": "controlled", "as_of": "2025-02-09"}
    ).content.decode()
    assert 'data-query="conflict=russia-ukraine&amp;state=controlled&amp;as_of=2025-02-09"' in body
    assert "Map as of 2025-02-09" in body
    assert 'data-first="2025-02-08"' in body


def test_a_bad_map_date_is_reported_and_left_out_of_the_query(client, toretsk_story):
    body = client.get(reverse("map"), {"as_of": "soon<script>"}).content.decode()
    assert "Give the date as YYYY-MM-DD" in body and 'data-query=""' in body
    assert "soon<script>" not in body


@override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_an_operator_may_set_a_tile_url(client):
    body = client.get(reverse("map")).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in body


def test_the_conflict_page_shows_sides_latest_claims_recent_changes_and_its_map(
    client, toretsk_story
):
    _toretsk, capture, denial = toretsk_story
    response = client.get(reverse("conflict-detail", args=["russia-ukraine"]))
    body = response.content.decode()
    assert "Russia · Ukraine" in body
    assert [c.id for c in response.context["latest_claims"]] == [denial.id, capture.id]
    assert [s.name for s in response.context["recently_changed"]] == ["Toretsk"]
    assert 'data-query="conflict=russia-ukraine"' in body
    assert 'name="conflict" value="russia-ukraine"' in body


def test_the_conflict_list_and_an_unknown_conflict(client, toretsk_story):
    assert "Russia–Ukraine war" in client.get(reverse("conflict-list")).content.decode()
    assert client.get("/conflicts/no-such-war/").status_code == 404
    assert client.get("/conflicts/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/").status_code == 404


def test_conflict_and_map_page_query_counts_do_not_grow_with_rows(
    client, toretsk_story, war, django_assert_num_queries
):
    url = reverse("conflict-detail", args=[war.key])
    # conflict, sides, latest claims, recently changed, date range (2), side names (2), conflicts
    with django_assert_num_queries(9):
        client.get(url)
    for _ in range(30):
        ClaimFactory(conflict=war)
    with django_assert_num_queries(9):
        client.get(url)
    with django_assert_num_queries(4):
        client.get(reverse("map"))
