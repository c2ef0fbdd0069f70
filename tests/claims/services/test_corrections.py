"""Editors' corrections through the services: what a correction records and checks, merges
of claims a correction made identical, and resolving provisional settlements."""

import datetime as dt

import pytest

from claims import selectors, services
from claims.models import Claim, Correction
from claims.vocabulary import (
    MERGED_FROM,
    THIRD_PARTY,
    ClaimKind,
    ClaimStatus,
    ReviewVerdict,
    SettlementState,
)
from conflictwatch.core.exceptions import ConflictError, DomainError
from gazetteer.models import Settlement
from tests.claims.factories import FEB_8, SettlementFactory, article_on, at, extract, found, stored

pytestmark = pytest.mark.django_db


def test_a_correction_is_recorded_and_moves_the_status(story, war, toretsk, desk):
    capture, _ = story
    services.review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=at(9))
    kramatorsk = SettlementFactory(name="Kramatorsk")
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
    other = SettlementFactory(name="Kramatorsk")
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
