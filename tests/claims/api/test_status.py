"""The settlement status endpoint: as_of, unknown settlements, closed reads, query counts."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from claims.vocabulary import ClaimKind, SettlementState
from tests.claims.api.clients import member_of, token_client
from tests.claims.factories import ConflictFactory, SettlementFactory, article_on, extract, found
from tests.problems import errors_of, named

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("as_of", ["yesterday", "2025-13-01", "2025-02-30", "'; drop", "9" * 500])
def test_a_bad_as_of_is_400_with_the_format(story, as_of):
    response = APIClient().get(f"/api/v1/settlements/{story['toretsk'].id}/status/",
                               {"as_of": as_of})  # fmt: skip
    assert response.status_code == 400
    assert errors_of(response, "as_of") == ["Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."]


def test_a_future_as_of_answers_with_what_is_known_now(story):
    url = f"/api/v1/settlements/{story['toretsk'].id}/status/"
    now, future = APIClient().get(url).json(), APIClient().get(url, {"as_of": "2999-01-01"}).json()
    assert future["as_of"] == "2999-01-01"
    assert {**future, "as_of": None} == now


def test_status_of_an_unknown_settlement_is_404():
    assert APIClient().get("/api/v1/settlements/987654/status/").status_code == 404
    response = APIClient().get("/api/v1/settlements/987654/status/", {"as_of": "2025-01-01"})
    assert response.status_code == 404


def test_reads_close_when_public_read_is_off(story, settings):
    settings.PUBLIC_READ = False
    url = f"/api/v1/settlements/{story['toretsk'].id}/status/"
    assert APIClient().get(url).status_code == 403
    assert token_client(member_of("analyst", "reader")).get(url).status_code == 200


def test_settlement_list_with_status_keeps_its_query_count(django_assert_max_num_queries):
    conflict = ConflictFactory(russia_ukraine=True)
    for i in range(10):
        town = SettlementFactory(name=f"Town {i}")
        extract(
            article_on(dt.date(2025, 2, 8)), conflict, [found(town, ClaimKind.CAPTURE, "russia")]
        )
    with django_assert_max_num_queries(2):
        body = APIClient().get("/api/v1/settlements/").json()
    assert {s["status"]["state"] for s in body["results"]} == {SettlementState.UNKNOWN}


@pytest.mark.parametrize(
    "on", ["yesterday", "2025-13-01", "'; drop table claims_claim", "9" * 5000,
           "٢٠٢٥-٠٢-٠١", "1 февраля 2025", "2025-02-01T00:00:00Z"],
)  # fmt: skip
def test_a_bad_on_is_400_with_the_format(story, on):
    response = APIClient().get(f"/api/v1/settlements/{story['toretsk'].id}/status/", {"on": on})
    assert response.status_code == 400
    assert errors_of(response, "on") == ["Give on as a date, YYYY-MM-DD (e.g. 2025-02-01)."]


def test_an_empty_on_is_named_like_every_empty_parameter(story):
    # `?on=` is a 400 naming it, as on every endpoint: give a value or leave it out.
    url = f"/api/v1/settlements/{story['toretsk'].id}/status/"
    response = APIClient().get(url, {"on": ""})
    assert response.status_code == 400
    assert named(response) == {"on"}


def test_as_of_and_on_together_are_refused(story):
    response = APIClient().get(
        f"/api/v1/settlements/{story['toretsk'].id}/status/",
        {"as_of": "2025-02-08", "on": "2025-02-08"},
    )
    assert response.status_code == 400
    assert "not both" in errors_of(response, "on")[0]


def test_on_an_event_date_answers_by_event_time(story):
    url = f"/api/v1/settlements/{story['toretsk'].id}/status/"
    before = APIClient().get(url, {"on": "2025-02-07"}).json()
    then = APIClient().get(url, {"on": "2025-02-08"}).json()
    assert (before["on"], before["claimed"]) == ("2025-02-07", [])
    assert [c["side"] for c in then["claimed"]] == ["russia", "ukraine"]
    assert then["as_of"] is None


def test_status_on_keeps_its_query_count(story, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = APIClient().get(
            f"/api/v1/settlements/{story['toretsk'].id}/status/", {"on": "2025-02-08"}
        )
    assert response.status_code == 200
