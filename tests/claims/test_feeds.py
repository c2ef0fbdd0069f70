"""Atom feeds per settlement and per conflict: the latest claims and status changes, text
from articles escaped, linked from the pages."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def story(db):
    war, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    (capture,) = extract(article_on(dt.date(2025, 2, 8)), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia",
              evidence="Russia said <script>alert('x')</script> it took Торецьк & more."),
    ])  # fmt: skip
    review_add(claim_id=capture.id, reviewer=UserFactory(), verdict=ReviewVerdict.CONFIRM)
    return war, toretsk, capture


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, root.findall(f"{ATOM}entry")


def test_a_settlement_feed_has_its_claims_and_status_changes(client, story):
    _, toretsk, capture = story
    root, entries = _entries(client.get(f"/settlements/{toretsk.id}/feed.atom"))
    assert "Toretsk" in root.find(f"{ATOM}title").text
    ids = {e.find(f"{ATOM}id").text for e in entries}
    assert f"urn:conflictwatch:claim:{capture.id}" in ids
    assert any(i.startswith(f"urn:conflictwatch:status:{toretsk.id}:") for i in ids)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert f"http://testserver/claims/{capture.id}/" in links


def test_article_text_is_escaped_so_readers_show_it_as_text(client, story):
    _, toretsk, _ = story
    _, entries = _entries(client.get(f"/settlements/{toretsk.id}/feed.atom"))
    summaries = [e.find(f"{ATOM}summary").text for e in entries]
    claim_summary = next(s for s in summaries if "Торецьк" in s)
    # The summary is html: after XML decoding the markup must still be escaped.
    assert "<script>" not in claim_summary
    assert "&lt;script&gt;" in claim_summary and "&amp; more" in claim_summary


def test_a_conflict_feed_has_its_claims(client, story):
    war, _, capture = story
    SettlementFactory(name="Elsewhere")
    _, entries = _entries(client.get(f"/conflicts/{war.key}/feed.atom"))
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert f"urn:conflictwatch:claim:{capture.id}" in ids


@pytest.mark.parametrize(
    "path", ["/settlements/999999/feed.atom", "/conflicts/no-such-war/feed.atom",
             "/conflicts/%D1%82%D0%BE/feed.atom"],
)  # fmt: skip
def test_unknown_places_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_an_empty_settlement_has_an_empty_feed(client, db):
    town = SettlementFactory(name="Quiet")
    _, entries = _entries(client.get(f"/settlements/{town.id}/feed.atom"))
    assert entries == []


def test_the_pages_link_their_feeds(client, story):
    war, toretsk, _ = story
    settlement_page = client.get(f"/settlements/{toretsk.id}/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in settlement_page
    assert f"/settlements/{toretsk.id}/feed.atom" in settlement_page
    conflict_page = client.get(f"/conflicts/{war.key}/").content.decode()
    assert f"/conflicts/{war.key}/feed.atom" in conflict_page


def test_feeds_keep_their_query_count(client, story, django_assert_max_num_queries):
    war, toretsk, _ = story
    with django_assert_max_num_queries(4):
        client.get(f"/settlements/{toretsk.id}/feed.atom")
    with django_assert_max_num_queries(4):
        client.get(f"/conflicts/{war.key}/feed.atom")
