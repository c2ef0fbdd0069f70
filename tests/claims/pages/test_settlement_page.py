"""The settlement page: the status in words, where each side stands, the timeline picture,
claim pairs, its claims page by page, and a bad date."""

import datetime as dt
import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.vocabulary import ClaimKind
from tests.claims.factories import ClaimFactory, SettlementFactory, article_on, extract, found

pytestmark = pytest.mark.django_db


def test_status_says_what_it_means_with_side_names(client, toretsk_story):
    toretsk, *_ = toretsk_story
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    assert "<strong>Held by Russia</strong>, since 2025-02-08" in body
    assert "Claims not yet confirmed conflict with this assessment." in body
    assert "Ukraine" in body and ">russia<" not in body


def test_each_side_shows_its_latest_claim_and_its_latest_capture_and_denial(
    client, war, toretsk_story
):
    toretsk, capture, denial = toretsk_story
    # Later, Ukraine says fighting goes on: its latest claim, with its denial still shown.
    (contested,) = extract(
        article_on(dt.date(2025, 2, 12)), war, [found(toretsk, ClaimKind.CONTESTED, by="ukraine")]
    )
    response = client.get(reverse("settlement-detail", args=[toretsk.id]))
    positions = {p.side: p for p in response.context["positions"]}
    assert positions["ukraine"].latest.id == contested.id
    assert [c.id for c in positions["ukraine"].positions] == [denial.id]
    assert positions["russia"].latest.id == capture.id
    table = response.content.decode().split('class="positions')[1].split("</table>")[0]
    assert "Ukraine" in table and "badge-contested" in table and "badge-denial" in table


def test_timeline_draws_one_linked_mark_per_claim_with_a_title_and_joins_the_denial(
    client, toretsk_story
):
    toretsk, capture, _denial = toretsk_story
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    svg = body.split('<svg class="timeline-svg"')[1].split("</svg>")[0]
    assert svg.count('class="mark-link"') == 2
    assert f'href="{reverse("settlement-claim", args=[toretsk.id, capture.id])}"' in svg
    assert f"<title>#{capture.id}: Russia: capture of russia, stated 2025-02-08" in svg
    assert 'class="join"' in svg
    assert "held by Russia" in svg  # the assessed band
    assert "mark-confirmed" in svg and "mark-unverified" in svg


def test_a_denial_is_shown_beside_the_claim_it_answers_and_the_other_way_round(
    client, toretsk_story
):
    toretsk, capture, denial = toretsk_story
    body = client.get(reverse("settlement-detail", args=[toretsk.id])).content.decode()
    link = reverse("settlement-claim", args=[toretsk.id, capture.id])
    assert f'answers <a href="{link}">' in body
    assert f">#{denial.id}</a></p>" in body and "denied in" in body


def test_claims_come_fifty_a_page_and_a_claims_permalink_finds_its_page(client, war):
    town = SettlementFactory(name="Avdiivka")
    claims = [
        ClaimFactory(settlement=town, conflict=war, article__published=_noon(2024, 1, 1 + i % 28))
        for i in range(55)
    ]
    url = reverse("settlement-detail", args=[town.id])
    first = client.get(url)
    assert len(first.context["claims"]) == 50
    assert "?page=2" in first.content.decode()
    last = max(claims, key=lambda c: (c.stated_on, c.article_id, c.id))
    response = client.get(reverse("settlement-claim", args=[town.id, last.id]))
    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=2#claim-{last.id}"
    assert client.get(reverse("settlement-claim", args=[town.id + 1, last.id])).status_code == 404


def test_the_page_never_loads_article_text(client, toretsk_story):
    toretsk, *_ = toretsk_story
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("settlement-detail", args=[toretsk.id]))
    assert not any('"sources_article"."text"' in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize(
    "as_of",
    ["next tuesday<script>", "2025-13-45", "9" * 5000, "２０２５-０２-０１", "1 лютого 2025", " "],
)
def test_a_bad_as_of_is_400_with_the_message(client, toretsk_story, as_of):
    toretsk, *_ = toretsk_story
    response = client.get(reverse("settlement-detail", args=[toretsk.id]), {"as_of": as_of})
    body = response.content.decode()
    if as_of.strip():
        assert response.status_code == 400
        assert "Give the date as YYYY-MM-DD" in body
        assert "<script>" not in body.split("<main")[1]
    else:
        assert response.status_code == 200


def test_as_of_an_earlier_day_draws_the_claims_stated_by_then(client, war, toretsk_story):
    toretsk, *_ = toretsk_story
    extract(article_on(dt.date(2025, 3, 1)), war, [found(toretsk, ClaimKind.ADVANCE, "russia")])
    url = reverse("settlement-detail", args=[toretsk.id])
    assert len(client.get(url).context["picture"].marks) == 3
    assert len(client.get(url, {"as_of": "2025-02-20"}).context["picture"].marks) == 2


def _noon(year, month, day):
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


def test_a_long_list_of_pages_links_its_first_and_last_page_without_js(rf):
    pages = Paginator(range(2000), 50)
    request = rf.get("/settlements/7/", {"as_of": "2025-02-01", "page": "3"})
    html = render_to_string("includes/pagination.html", {"page_obj": pages.get_page(3)}, request)
    assert "Page 3 of 40" in html
    links = dict(re.findall(r'<a (?:rel="\w+" )?href="([^"]+)">([^<]+)</a>', html))
    assert {text: href.replace("&amp;", "&") for href, text in links.items()} == {
        "« First": "?as_of=2025-02-01&page=1", "← Previous": "?as_of=2025-02-01&page=2",
        "Next →": "?as_of=2025-02-01&page=4", "Last »": "?as_of=2025-02-01&page=40",
    }  # fmt: skip
    second = render_to_string("includes/pagination.html", {"page_obj": pages.get_page(2)}, request)
    assert "« First" not in second and "Last »" in second
