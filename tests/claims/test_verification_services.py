"""Reviews, corrections, merges and provisional settlements, through the services."""

import datetime as dt

import pytest

from claims import selectors, services
from claims.models import Claim, Correction, Review, Settlement, SettlementStatus
from claims.services.reviews import NOTE_MAX_CHARS
from claims.status import MERGED_FROM
from claims.vocabulary import (
    DISPUTED_CLAIMS,
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
)
from conflictwatch.core.exceptions import ConflictError, DomainError
from tests.claims.factories import SideFactory, UserFactory
from tests.claims.story import article_on, extract, found, settlement, two_sided_war

pytestmark = pytest.mark.django_db

FEB_8 = dt.date(2025, 2, 8)


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2025, 2, day, hour, tzinfo=dt.UTC)


@pytest.fixture
def war():
    return two_sided_war()


@pytest.fixture
def toretsk():
    return settlement("Toretsk")


@pytest.fixture
def desk():
    return UserFactory(username="desk")


@pytest.fixture
def story(war, toretsk):
    """Moscow's capture and Kyiv's denial of Toretsk, one article of 8 February."""
    return extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip


def stored(settlement_id: int) -> SettlementStatus:
    return SettlementStatus.objects.get(settlement_id=settlement_id)


def test_extraction_write_path_stores_the_status(story, toretsk):
    row = stored(toretsk.id)
    assert row.state == SettlementState.UNKNOWN
    assert [c["claim"] for c in row.claimed] == [story[0].id, story[1].id]
    assert row.flags == [DISPUTED_CLAIMS]


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
    Claim.objects.filter(pk=story[0].pk).update(status=ClaimStatus.SUPERSEDED)
    with pytest.raises(ConflictError, match="superseded"):
        services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    with pytest.raises(ConflictError, match="superseded"):
        services.claim_correct(claim_id=story[0].id, editor=desk, kind=ClaimKind.ADVANCE)


def test_reviews_and_corrections_are_append_only(story, desk):
    review = services.review_add(claim_id=story[0].id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    services.claim_correct(
        claim_id=story[1].id, editor=desk, kind=ClaimKind.ADVANCE, side="ukraine"
    )
    correction = Correction.objects.get()
    for row in (review, correction):
        row.note = "rewritten"
        with pytest.raises(PermissionError):
            row.save()
        with pytest.raises(PermissionError):
            row.delete()


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


def test_a_correction_is_recorded_and_moves_the_status(story, war, toretsk, desk):
    capture, _ = story
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9))
    kramatorsk = settlement("Kramatorsk")
    survivor = services.claim_correct(
        claim_id=capture.id, editor=desk, settlement_id=kramatorsk.id, note="Wrong town.", at=at(10)
    )
    assert survivor.pk == capture.pk and survivor.settlement_id == kramatorsk.id
    [correction] = selectors.correction_list(claim_id=capture.id)
    assert correction.changes == {"settlement_id": [toretsk.id, kramatorsk.id]}
    assert (correction.editor, correction.created_at) == (desk, at(10))
    assert stored(toretsk.id).state == SettlementState.UNKNOWN
    assert (stored(kramatorsk.id).state, stored(kramatorsk.id).side) == (
        SettlementState.CONTROLLED,
        "russia",
    )
    # As of the day before the correction, the capture was still Toretsk's.
    then = selectors.settlement_status(settlement_id=toretsk.id, as_of=dt.date(2025, 2, 9))
    assert then["assessed"]["state"] == SettlementState.CONTROLLED
    assert selectors.settlement_status(
        settlement_id=kramatorsk.id, as_of=dt.date(2025, 2, 9)
    )["assessed"]["state"] == SettlementState.UNKNOWN  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"side": "rsf"}, "side"),
        ({"claimant_side": "nobody"}, "claimant_side"),
        ({"kind": ClaimKind.CONTESTED, "side": "russia"}, "side"),
        ({"kind": "annexation"}, "kind"),
        ({"settlement_id": 987654}, "settlement"),
    ],
)
def test_bad_corrections_are_refused_naming_the_field(story, desk, changes, field):
    with pytest.raises(DomainError) as refused:
        services.claim_correct(claim_id=story[0].id, editor=desk, **changes)
    assert refused.value.field == field
    assert not Correction.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(story, desk):
    with pytest.raises(DomainError, match="changes nothing"):
        services.claim_correct(claim_id=story[0].id, editor=desk, kind=ClaimKind.CAPTURE)


def test_contested_correction_clears_the_side_and_third_party_may_claim(story, desk):
    claim = services.claim_correct(claim_id=story[0].id, editor=desk, kind=ClaimKind.CONTESTED,
                                   claimant_side=THIRD_PARTY)  # fmt: skip
    assert (claim.kind, claim.side, claim.claimant_side) == (ClaimKind.CONTESTED, "", THIRD_PARTY)


def test_a_correction_making_two_claims_identical_merges_them(story, toretsk, desk):
    capture, denial = story
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9))
    services.review_add(
        claim_id=denial.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE, note="x", at=at(10)
    )
    # Kyiv's line was really a Russian claim: now identical to the capture claim.
    survivor = services.claim_correct(claim_id=denial.id, editor=desk, kind=ClaimKind.CAPTURE,
                                      claimant_side="russia", at=at(11))  # fmt: skip
    assert survivor.pk == capture.pk
    assert not Claim.objects.filter(pk=denial.pk).exists()
    assert [(r.verdict, r.origin_claim_id) for r in survivor.reviews.order_by("created_at")] == [
        (ReviewVerdict.CONFIRM, capture.id), (ReviewVerdict.DISPUTE, denial.id)
    ]  # fmt: skip
    corrections = list(selectors.correction_list(claim_id=capture.id))
    assert corrections[0].changes == {"kind": [ClaimKind.DENIAL, ClaimKind.CAPTURE],
                                      "claimant_side": ["ukraine", "russia"]}  # fmt: skip
    assert corrections[1].changes[MERGED_FROM][0]["id"] == denial.id
    # Its latest review (the dispute) is the survivor's status now.
    assert Claim.objects.get(pk=capture.pk).status == ClaimStatus.DISPUTED
    assert stored(toretsk.id).state == SettlementState.UNKNOWN
    # Before the merge both claims are seen, each with its own reviews.
    then = selectors.settlement_status(settlement_id=toretsk.id, as_of=dt.date(2025, 2, 10))
    assert then["assessed"]["state"] == SettlementState.CONTROLLED
    assert sorted((c["claim"], c["status"]) for c in then["claimed"]) == [
        (capture.id, ClaimStatus.CONFIRMED), (denial.id, ClaimStatus.DISPUTED)
    ]  # fmt: skip


def test_reextraction_keeps_a_corrected_claim(story, war, toretsk, desk):
    capture, denial = story
    services.claim_correct(claim_id=denial.id, editor=desk, kind=ClaimKind.CONTESTED)
    original = [found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
                found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine")]  # fmt: skip
    claims = extract(capture.article, war, original)
    assert [(c.id, c.kind) for c in claims] == [
        (capture.id, ClaimKind.CAPTURE),
        (denial.id, ClaimKind.CONTESTED),
    ]


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


def test_resolving_a_provisional_settlement_moves_and_merges_its_claims(war, toretsk, desk):
    provisional = services.settlement_provisional_get_or_create(name="Dzerzhynsk", country="UA")
    article = article_on(FEB_8)
    on_toretsk, on_provisional, moved = extract(article, war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(provisional, ClaimKind.CAPTURE, "russia", by="russia"),
        found(provisional, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    services.review_add(
        claim_id=on_provisional.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9)
    )
    assert stored(provisional.id).state == SettlementState.CONTROLLED

    target = services.settlement_provisional_resolve(
        settlement_id=provisional.id, target_id=toretsk.id, editor=desk, at=at(10)
    )
    assert target == toretsk
    provisional.refresh_from_db()
    assert provisional.merged_into == toretsk
    assert set(Claim.objects.filter(article=article).values_list("id", "settlement_id")) == {
        (on_toretsk.id, toretsk.id), (moved.id, toretsk.id)
    }  # fmt: skip
    assert Claim.objects.get(pk=on_toretsk.pk).status == ClaimStatus.CONFIRMED
    assert Correction.objects.get(claim=moved).changes == {
        "settlement_id": [provisional.id, toretsk.id]
    }
    assert (stored(toretsk.id).state, stored(provisional.id).state) == (
        SettlementState.CONTROLLED,
        SettlementState.UNKNOWN,
    )
    assert toretsk.aliases.filter(name="Dzerzhynsk").exists()
    # Further mentions of the name go to Toretsk.
    assert services.settlement_provisional_get_or_create(name="Dzerzhynsk", country="UA") == (
        toretsk
    )


def test_only_unresolved_provisional_settlements_are_resolved(war, toretsk, desk):
    other = settlement("Kramatorsk")
    with pytest.raises(DomainError, match="gazetteer"):
        services.settlement_provisional_resolve(settlement_id=other.id, target_id=toretsk.id,
                                                editor=desk)  # fmt: skip
    provisional = Settlement.objects.create(name="Novyi", source=Settlement.Source.PROVISIONAL)
    with pytest.raises(DomainError, match="itself"):
        services.settlement_provisional_resolve(settlement_id=provisional.id,
                                                target_id=provisional.id, editor=desk)  # fmt: skip
    services.settlement_provisional_resolve(settlement_id=provisional.id, target_id=toretsk.id,
                                            editor=desk)  # fmt: skip
    with pytest.raises(ConflictError, match="already resolved"):
        services.settlement_provisional_resolve(settlement_id=provisional.id, target_id=other.id,
                                                editor=desk)  # fmt: skip


def test_more_than_two_sides_withdrawal_leaves_the_state_unknown(toretsk, desk):
    war = two_sided_war()
    SideFactory(conflict=war, key="wagner")
    [capture, withdrawal] = extract(article_on(FEB_8), war, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.WITHDRAWAL, "russia", by="russia", event_date=dt.date(2025, 2, 9)),
    ])  # fmt: skip
    services.reviews_confirm_bulk(claim_ids=[capture.id, withdrawal.id], reviewer=desk)
    row = stored(toretsk.id)
    assert (row.state, row.side, row.since) == (SettlementState.UNKNOWN, "", dt.date(2025, 2, 9))
