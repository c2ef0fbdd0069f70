"""Editors' verdicts through the services: review_add and reviews_confirm_bulk move the
claim's status and its settlement's stored status; bad input is refused naming the field."""

import pytest

from claims import selectors, services
from claims.models import Claim, Review
from claims.services.reviews import NOTE_MAX_CHARS
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict, SettlementState
from conflictwatch.core.exceptions import ConflictError, DomainError
from tests.claims.factories import FEB_8, at, extract, found, stored, supersede

pytestmark = pytest.mark.django_db


def test_confirm_sets_the_claim_status_and_the_settlement_status(story, toretsk, desk):
    capture, _ = story
    review = services.review_add(
        claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9)
    )
    assert review.created_at == at(9)
    capture.refresh_from_db()
    assert capture.status == ClaimStatus.CONFIRMED
    row = stored(toretsk.id)
    assert (row.state, row.side, row.since) == (SettlementState.CONTROLLED, "russia", FEB_8)


def test_reset_puts_the_claim_back_to_unverified(story, toretsk, desk):
    capture, _ = story
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9))
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.RESET, at=at(10))
    capture.refresh_from_db()
    assert capture.status == ClaimStatus.UNVERIFIED
    assert stored(toretsk.id).state == SettlementState.UNKNOWN
    assert [r.verdict for r in selectors.review_list(claim_id=capture.id)] == [
        ReviewVerdict.CONFIRM,
        ReviewVerdict.RESET,
    ]


def test_dispute_requires_a_note(story, desk):
    with pytest.raises(DomainError) as refused:
        services.review_add(
            claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.DISPUTE, note="  "
        )
    assert refused.value.field == "note"
    assert "note" in refused.value.message
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("javascript:alert(1)", "evidence_url"),
        ("ftp://example.org/file", "evidence_url"),
        ("not a url", "evidence_url"),
        ("https://example.org/" + "a" * 2000, "evidence_url"),
    ],
)
def test_bad_evidence_urls_are_refused(story, desk, url, field):
    with pytest.raises(DomainError) as refused:
        services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.CONFIRM,
                            evidence_url=url)  # fmt: skip
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("verdict", "note", "field"),
    [
        ("approve", "", "verdict"),
        (ReviewVerdict.DISPUTE, "x" * (NOTE_MAX_CHARS + 1), "note"),
        (ReviewVerdict.DISPUTE, "bad\x00byte", "note"),
    ],  # fmt: skip
)
def test_bad_review_input_is_refused_naming_the_field(story, desk, verdict, note, field):
    with pytest.raises(DomainError) as refused:
        services.review_add(claim_id=story[0].id, reviewer=desk, verdict=verdict, note=note)
    assert refused.value.field == field


def test_non_english_notes_are_kept(story, desk):
    note = "Геолокація не підтверджує захоплення; 未经证实"
    review = services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.DISPUTE,
                                 note=note)  # fmt: skip
    assert Review.objects.get(pk=review.pk).note == note


def test_superseded_claims_cannot_be_reviewed_or_corrected(story, desk):
    services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    supersede(story[0])
    with pytest.raises(ConflictError, match="superseded"):
        services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    with pytest.raises(ConflictError, match="superseded"):
        services.claim_correct(claim_id=story[0].id, editor=desk, kind=ClaimKind.ADVANCE)


def test_bulk_confirm_confirms_only_unverified_claims(story, toretsk, desk):
    capture, denial = story
    services.review_add(
        claim_id=denial.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE, note="No."
    )
    assert services.reviews_confirm_bulk(
        claim_ids=[capture.id, denial.id, 987654], reviewer=desk
    ) == 1  # fmt: skip
    assert Claim.objects.get(pk=denial.pk).status == ClaimStatus.DISPUTED
    assert stored(toretsk.id).state == SettlementState.CONTROLLED
    assert services.reviews_confirm_bulk(claim_ids=[capture.id], reviewer=desk) == 0


def test_a_superseded_claim_found_again_takes_its_latest_verdict(story, war, toretsk, desk):
    capture, _ = story
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9))
    services.review_add(
        claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE, note="No.", at=at(10)
    )
    denial_only = [found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine")]
    extract(capture.article, war, denial_only)  # a newer extractor no longer finds it
    assert Claim.objects.get(pk=capture.pk).status == ClaimStatus.SUPERSEDED
    extract(capture.article, war, [found(toretsk, ClaimKind.CAPTURE, "russia"), *denial_only])
    assert Claim.objects.get(pk=capture.pk).status == ClaimStatus.DISPUTED
