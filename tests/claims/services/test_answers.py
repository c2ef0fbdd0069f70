"""Which claim a denial answers (Claim.answers): recorded when claims are stored, kept right
when editors correct or merge them, and shown the same way by the API and the change feed."""

import datetime as dt

import pytest

from claims import services
from claims.models import Change, Claim
from claims.services.answers import ANSWER_WINDOW
from claims.vocabulary import ClaimKind
from tests.claims.factories import FEB_8, SettlementFactory, article_on, extract, found

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return FEB_8 + dt.timedelta(days=n)


def test_a_denial_answers_the_opposing_capture_in_its_own_article(story):
    capture, denial = story
    assert denial.answers_id == capture.id
    assert capture.answers_id is None


def test_a_denial_answers_the_latest_capture_of_the_days_before(war, toretsk):
    [early] = extract(article_on(days(0)), war, [found(toretsk, ClaimKind.CAPTURE, "russia")])
    [late] = extract(article_on(days(2)), war, [found(toretsk, ClaimKind.CAPTURE, "russia")])
    [denial] = extract(
        article_on(days(3)), war, [found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine")]
    )
    assert denial.answers_id == late.id != early.id


def test_a_capture_older_than_the_window_or_by_the_same_side_is_not_answered(war, toretsk):
    extract(article_on(days(0)), war, [found(toretsk, ClaimKind.CAPTURE, "russia")])
    ukraine_says = found(toretsk, ClaimKind.CAPTURE, "russia", by="ukraine")
    extract(article_on(days(ANSWER_WINDOW.days + 1)), war, [ukraine_says])
    [denial] = extract(
        article_on(days(ANSWER_WINDOW.days + 2)),
        war,
        [found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine")],
    )
    assert denial.answers_id is None


def test_a_denial_of_another_side_or_place_answers_nothing(war, toretsk):
    elsewhere = SettlementFactory(name="Chasiv Yar")
    claims = extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia"),
        found(toretsk, ClaimKind.DENIAL, "ukraine", by="ukraine"),
        found(elsewhere, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    assert [c.answers_id for c in claims if c.kind == ClaimKind.DENIAL] == [None, None]


def test_a_capture_stored_later_is_answered_by_an_earlier_denial_of_the_same_article(war, toretsk):
    claims = extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        found(toretsk, ClaimKind.CAPTURE, "russia"),
    ])  # fmt: skip
    denial = next(c for c in claims if c.kind == ClaimKind.DENIAL)
    capture = next(c for c in claims if c.kind == ClaimKind.CAPTURE)
    assert denial.answers_id == capture.id


def test_a_correction_of_the_capture_moves_the_answer_with_a_feed_entry(story, desk, toretsk):
    capture, denial = story
    kramatorsk = SettlementFactory(name="Kramatorsk")
    before = Change.objects.order_by("-id").values_list("id", flat=True).first()
    services.claim_correct(
        claim_id=capture.id, editor=desk, settlement_id=kramatorsk.id, note="Wrong town."
    )
    denial.refresh_from_db()
    assert denial.answers_id is None
    entry = Change.objects.filter(
        id__gt=before, entity=Change.Entity.CLAIM, object_id=denial.id
    ).get()
    assert (entry.event, entry.data["answers"]) == (Change.Event.CLAIM_UPDATED, None)


def test_re_extraction_that_drops_the_capture_leaves_the_denial_answering_nothing(
    story, war, toretsk
):
    capture, denial = story
    extract(denial.article, war, [found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine")])
    assert not Claim.objects.filter(pk=capture.pk).exists()
    denial.refresh_from_db()
    assert denial.answers_id is None


def test_the_api_gives_the_claim_a_denial_answers(story, api_client):
    capture, denial = story
    body = api_client.get(f"/api/v1/claims/{denial.id}/").json()
    assert body["answers"] == capture.id
    assert api_client.get(f"/api/v1/claims/{capture.id}/").json()["answers"] is None


def test_the_settlement_page_shows_the_pair_both_ways(story, client, toretsk):
    capture, denial = story
    page = client.get(f"/settlements/{toretsk.id}/").content.decode()
    assert f"claim #{capture.id}</a>" in page
    assert f">#{denial.id}</a>" in page
