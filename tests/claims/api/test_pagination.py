"""The claims list's pages: keyset cursors that cost the same at any depth, and a count
that is PostgreSQL's estimate unfiltered on a large table, else exact."""

import datetime as dt

import pytest
from django.db import connection

from claims.vocabulary import ClaimKind
from tests.claims.factories import ClaimFactory
from tests.problems import named

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/claims/"


def analyze_claims() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")


def test_a_large_unfiltered_list_reports_the_planners_estimate(api_client, settings):
    ClaimFactory.create_batch(3)
    analyze_claims()
    settings.ESTIMATED_COUNT_FROM = 1
    body = api_client.get(CLAIMS).json()
    assert body["count"] == 3  # ANALYZE just counted them: the estimate is exact here
    assert len(body["results"]) == 3


def test_a_filtered_list_counts_exactly(api_client, settings):
    ClaimFactory.create_batch(2)
    ClaimFactory(kind=ClaimKind.ADVANCE)
    analyze_claims()
    settings.ESTIMATED_COUNT_FROM = 1
    assert api_client.get(CLAIMS, {"kind": "advance"}).json()["count"] == 1


def test_a_small_table_counts_exactly(api_client):
    ClaimFactory.create_batch(2)
    analyze_claims()
    assert api_client.get(CLAIMS).json()["count"] == 2


# Keyset pages: `next` is a cursor, read from the list's index at any depth


def walk(client, url, params=None) -> tuple[list[int], int]:
    ids, pages = [], 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        pages += 1
        if not body["next"]:
            return ids, pages
        response = client.get(body["next"])


@pytest.fixture
def ledger():
    """23 claims on a handful of days, several sharing a day and an article: ties the key
    must break."""
    claims = []
    for n in range(23):
        claims.append(ClaimFactory(stated_on=dt.date(2025, 2, 1 + n % 4)))
    return claims


def in_list_order(claims) -> list[int]:
    key = lambda c: (c.stated_on, c.article_id, c.evidence_start, c.id)  # noqa: E731
    return [c.id for c in sorted(claims, key=key)]


def test_following_next_visits_every_claim_once_in_order(api_client, ledger):
    ids, pages = walk(api_client, CLAIMS, {"page_size": 5})
    assert ids == in_list_order(ledger)
    assert pages == 5


def test_previous_goes_back_to_the_same_page(api_client, ledger):
    first = api_client.get(CLAIMS, {"page_size": 5}).json()
    assert first["previous"] is None
    second = api_client.get(first["next"]).json()
    back = api_client.get(second["previous"]).json()
    assert [c["id"] for c in back["results"]] == [c["id"] for c in first["results"]]
    assert back["previous"] is None and back["next"]


def test_cursor_pages_keep_the_filters_and_the_count(api_client, ledger):
    day = dt.date(2025, 2, 2)
    ClaimFactory(stated_on=day, kind=ClaimKind.ADVANCE)
    wanted = [c for c in ledger if c.kind == ClaimKind.CAPTURE]
    first = api_client.get(CLAIMS, {"kind": "capture", "page_size": 4}).json()
    second = api_client.get(first["next"]).json()
    assert second["count"] == first["count"] == len(wanted)
    ids, _ = walk(api_client, CLAIMS, {"kind": "capture", "page_size": 4})
    assert ids == in_list_order(wanted)


def test_a_claim_added_while_walking_does_not_shift_the_pages(api_client, ledger):
    first = api_client.get(CLAIMS, {"page_size": 5}).json()
    ClaimFactory(stated_on=dt.date(2025, 1, 1))  # sorts before everything already seen
    second = api_client.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == in_list_order(ledger)[5:10]


def test_the_changed_since_order_pages_by_keyset_too(api_client, ledger):
    since = min(c.updated_at for c in ledger).isoformat()
    ids, _ = walk(api_client, CLAIMS, {"updated_since": since, "page_size": 6})
    expected = [c.id for c in sorted(ledger, key=lambda c: (c.updated_at, c.id))]
    assert ids == expected


def test_page_numbers_still_work_and_link_on_by_cursor(api_client, ledger):
    third = api_client.get(CLAIMS, {"page_size": 5, "page": 3}).json()
    assert [c["id"] for c in third["results"]] == in_list_order(ledger)[10:15]
    fourth = api_client.get(third["next"]).json()
    assert "cursor=" in third["next"] and "page=" not in third["next"]
    assert [c["id"] for c in fourth["results"]] == in_list_order(ledger)[15:20]


def test_a_deep_page_costs_the_queries_of_the_first(api_client, ledger, django_assert_num_queries):
    body = api_client.get(CLAIMS, {"page_size": 2}).json()
    for _ in range(5):
        body = api_client.get(body["next"]).json()
    with django_assert_num_queries(2):  # the count and the page
        response = api_client.get(body["next"])
    assert response.status_code == 200 and response["Link"]


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not-a-cursor",
        "x" * 5000,
        "Торецьк",
        "<script>alert(1)</script>",
        "eyJrIjpbMSwyXX0",  # {"k":[1,2]}: the wrong number of values
        "eyJrIjpbImEiLCJiIiwiYyIsImQiXX0",  # {"k":["a","b","c","d"]}: not a date or ids
        "eyJrIjpudWxsfQ",  # {"k":null}
        "bnVsbA",  # null
    ],
)
def test_a_malformed_or_hostile_cursor_is_400_naming_it(api_client, ledger, cursor):
    response = api_client.get(CLAIMS, {"cursor": cursor})
    assert response.status_code == 400
    assert named(response) == {"cursor"}


def test_the_settlements_list_takes_no_cursor(api_client, ledger):
    response = api_client.get("/api/v1/settlements/", {"cursor": "abc"})
    assert response.status_code == 400 and named(response) == {"cursor"}


def test_articles_page_by_keyset_newest_first(api_client, ledger):
    from sources.models import Article

    ids, _ = walk(api_client, "/api/v1/articles/", {"page_size": 4})
    assert ids == list(Article.objects.order_by("-published", "-id").values_list("id", flat=True))
