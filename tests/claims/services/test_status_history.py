"""The stored status history (claims.status.store) and the reads in time (history)."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from claims import services
from claims.models import SettlementStatusChange
from claims.status import history, rules
from claims.vocabulary import ClaimKind, ReviewVerdict, SettlementState
from tests.claims.factories import FEB_8, article_on, at, extract, found, stored

pytestmark = pytest.mark.django_db


def days_of(settlement) -> list[dt.date]:
    return list(
        SettlementStatusChange.objects.filter(settlement=settlement).values_list(
            "known_from", flat=True
        )
    )


def test_a_review_adds_one_row_from_its_day_and_as_of_reads_it(story, toretsk, desk):
    assert days_of(toretsk) == [FEB_8]
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict="confirm", at=at(10))
    assert days_of(toretsk) == [FEB_8, dt.date(2025, 2, 10)]
    before = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 9))
    after = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 10))
    assert before.assessed.state == SettlementState.UNKNOWN
    assert (after.assessed.state, after.assessed.side) == (SettlementState.CONTROLLED, "russia")


def test_as_of_is_one_query_whatever_the_settlement_holds(
    story, toretsk, desk, war, django_assert_num_queries
):
    for day in range(9, 20):
        extract(article_on(dt.date(2025, 2, day)), war, [
            found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        ])  # fmt: skip
    with django_assert_num_queries(1):
        history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 15))


def test_a_review_that_changes_nothing_adds_no_row(story, toretsk, desk):
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict="reset", at=at(10))
    assert days_of(toretsk) == [FEB_8]


def test_two_reviews_on_one_day_leave_one_row_saying_the_later(story, toretsk, desk):
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict="confirm", at=at(10, 9))
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.DISPUTE,
                        note="Footage is older.", at=at(10, 15))  # fmt: skip
    assert days_of(toretsk) == [FEB_8, dt.date(2025, 2, 10)]
    then = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 10))
    assert then.assessed.state == SettlementState.UNKNOWN
    assert [c.status for c in then.claimed] == ["disputed", "unverified"]


def test_an_old_article_read_late_rewrites_the_history_from_its_day(story, toretsk, desk, war):
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict="confirm", at=at(12))
    [late] = extract(article_on(dt.date(2025, 2, 10)), war, [
        found(toretsk, ClaimKind.CONTESTED, by="ukraine"),
    ])  # fmt: skip
    for day in (9, 10, 11, 12, 13):
        stored_then = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, day))
        derived = history.status_as_of_recompute(
            settlement_id=toretsk.id, day=dt.date(2025, 2, day)
        )
        assert rules.status_json(stored_then) == rules.status_json(derived), day
    feb_10 = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 10))
    assert late.id in [c.claim for c in feb_10.claimed]


def test_on_an_event_date_reads_who_held_it_then_by_todays_reviews(toretsk, desk, war):
    [capture, withdrawal] = extract(article_on(dt.date(2025, 2, 20)), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="ukraine", event_date=dt.date(2025, 2, 3)),
        found(toretsk, ClaimKind.WITHDRAWAL, "russia", by="russia",
              event_date=dt.date(2025, 2, 15)),
    ])  # fmt: skip
    services.reviews_confirm_bulk(claim_ids=[capture.id, withdrawal.id], reviewer=desk)
    on_2 = history.status_on(settlement_id=toretsk.id, day=dt.date(2025, 2, 2))
    on_10 = history.status_on(settlement_id=toretsk.id, day=dt.date(2025, 2, 10))
    on_16 = history.status_on(settlement_id=toretsk.id, day=dt.date(2025, 2, 16))
    assert on_2.assessed.state == SettlementState.UNKNOWN
    assert (on_10.assessed.side, on_10.assessed.since) == ("russia", dt.date(2025, 2, 3))
    assert (on_16.assessed.side, on_16.assessed.since) == ("ukraine", dt.date(2025, 2, 15))
    # As of the 10th nothing had been stated yet.
    as_of_10 = history.status_as_of(settlement_id=toretsk.id, day=dt.date(2025, 2, 10))
    assert as_of_10 == rules.Status()


def test_a_review_costs_the_same_queries_with_ten_or_a_hundred_claims(
    toretsk, desk, war, django_assert_max_num_queries
):
    def claims_over(days: range) -> list:
        made = []
        for day in days:
            made += extract(article_on(dt.date(2025, 1, 1) + dt.timedelta(days=day)), war, [
                found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
                found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
            ])  # fmt: skip
        return made

    few = claims_over(range(5))
    with django_assert_max_num_queries(30) as small:
        services.review_add(claim_id=few[-1].id, reviewer=desk, verdict="confirm")
    many = claims_over(range(5, 50))
    with django_assert_max_num_queries(30) as large:
        services.review_add(claim_id=many[-1].id, reviewer=desk, verdict="confirm")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_rebuild_status_restores_a_lost_history(story, toretsk, desk, capsys):
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict="confirm", at=at(10))
    kept = list(SettlementStatusChange.objects.values_list("known_from", "state", "claimed"))
    SettlementStatusChange.objects.all().delete()
    call_command("rebuild_status", verbosity=0)
    assert (
        list(SettlementStatusChange.objects.values_list("known_from", "state", "claimed")) == kept
    )
    assert "1 settlement" in capsys.readouterr().out
    assert stored(toretsk.id).state == SettlementState.CONTROLLED


@pytest.mark.parametrize("ids", [["987654"], ["-1"]])
def test_rebuild_status_names_unknown_settlements(ids):
    with pytest.raises(CommandError, match="no settlement"):
        call_command("rebuild_status", *ids, verbosity=0)
