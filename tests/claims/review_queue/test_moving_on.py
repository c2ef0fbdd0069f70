"""What new editors tripped on: the queue moves on to the next claim after a verdict, its
settlement filter knows every name, and a correction picks the settlement by name."""

import pytest

from claims.models import Correction
from claims.vocabulary import ClaimKind, ReviewVerdict
from gazetteer.models import SettlementAlias
from tests.claims.factories import ClaimFactory, SettlementAliasFactory, SettlementFactory
from tests.claims.review_queue.support import QUEUE, correct_url, review_url

pytestmark = pytest.mark.django_db


def test_a_verdict_in_the_queue_comes_back_at_the_next_claim(editor_client, conflict):
    oldest, middle, newest = (ClaimFactory(conflict=conflict) for _ in range(3))
    body = editor_client.get(QUEUE).content.decode()
    # Newest first: a verdict on the newest lands on the middle one, on the last on the one
    # before it (the claim itself leaves the queue).
    assert f'name="next" value="{QUEUE}#claim-{middle.id}"' in body
    after_middle = body.split(f'id="claim-{middle.id}"')[1]
    assert f'name="next" value="{QUEUE}#claim-{oldest.id}"' in after_middle
    response = editor_client.post(
        review_url(newest), {"verdict": ReviewVerdict.CONFIRM, "next": f"{QUEUE}#claim-{middle.id}"}
    )
    assert response["Location"] == f"{QUEUE}#claim-{middle.id}"


def test_a_lone_claim_comes_back_to_the_queue_itself(editor_client, claim):
    body = editor_client.get(QUEUE).content.decode()
    assert f'name="next" value="{QUEUE}#claim-{claim.id}"' in body


@pytest.mark.parametrize("name", ["Dzerzhinsk", "dzerzh", "Торецьк", "ТОРЕЦЬК"])
def test_the_queue_finds_a_settlements_claims_under_any_of_its_names(
    editor_client, conflict, claim, name
):
    SettlementAliasFactory(settlement=claim.settlement, name="Dzerzhinsk")
    SettlementAliasFactory(
        settlement=claim.settlement, name="Торецьк", kind=SettlementAlias.Kind.OTHER_LANGUAGE
    )
    ClaimFactory(conflict=conflict, settlement__name="Pokrovsk")
    response = editor_client.get(QUEUE, {"settlement": name})
    assert [c.id for c in response.context["claims"]] == [claim.id]


def _correct(editor_client, claim, **data):
    base = {"claimant_side": "russia", "kind": ClaimKind.CAPTURE, "side": "russia"}
    return editor_client.post(correct_url(claim), {**base, **data})


def test_the_correction_form_asks_for_a_name_and_says_which_place_it_is_now(editor_client, claim):
    body = editor_client.get(correct_url(claim)).content.decode()
    assert "Settlement id" not in body
    assert 'name="settlement_name"' in body and 'value="Toretsk"' in body
    assert "Now Toretsk — Donetsk Oblast, UA · population 31,000" in body
    assert 'type="radio"' not in body


def test_a_correction_by_a_partys_name_moves_the_claim(editor_client, claim):
    bakhmut = SettlementFactory(name="Bakhmut")
    SettlementAliasFactory(settlement=bakhmut, name="Artemovsk", kind="party-name")
    response = _correct(editor_client, claim, settlement_name="Artemovsk")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.settlement_id == bakhmut.id
    assert Correction.objects.get().changes["settlement_id"][1] == bakhmut.id


def test_same_named_places_are_offered_with_region_and_population_then_picked(editor_client, claim):
    donetsk = SettlementFactory(name="Pokrovske", region="Donetsk Oblast", population=3_000)
    dnipro = SettlementFactory(name="Pokrovske", region="Dnipropetrovsk Oblast", population=9_000)
    shown = _correct(editor_client, claim, settlement_name="Pokrovske")
    assert shown.status_code == 200
    body = shown.content.decode()
    assert "2 settlements match “Pokrovske”: pick one." in body
    assert "Pokrovske — Donetsk Oblast, UA · population 3,000" in body
    assert "Pokrovske — Dnipropetrovsk Oblast, UA · population 9,000" in body
    assert not Correction.objects.exists()
    picked = _correct(editor_client, claim, settlement_name="Pokrovske", settlement=dnipro.id)
    assert picked.status_code == 302
    claim.refresh_from_db()
    assert claim.settlement_id == dnipro.id != donetsk.id


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Atlantis", "settlement_name"),
        ("x" * 5000, "settlement_name"),
        ("<script>alert(1)</script>", "settlement_name"),
        ("الفاشر", "settlement_name"),
    ],
)
def test_a_name_that_matches_nothing_is_shown_again(editor_client, claim, name, field):
    response = _correct(editor_client, claim, settlement_name=name)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "<script>alert(1)" not in response.content.decode()
    assert not Correction.objects.exists()


def test_an_empty_or_unchanged_name_keeps_the_settlement(editor_client, claim):
    for name, kind in (("", ClaimKind.ADVANCE), ("  toretsk ", ClaimKind.WITHDRAWAL)):
        response = _correct(editor_client, claim, settlement_name=name, kind=kind)
        assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.settlement.name == "Toretsk" and claim.kind == ClaimKind.WITHDRAWAL
    assert all("settlement_id" not in c.changes for c in Correction.objects.all())


def test_a_non_english_name_finds_its_place(editor_client, claim):
    fasher = SettlementFactory(name="El Fasher", country="SD", region="North Darfur")
    SettlementAliasFactory(settlement=fasher, name="الفاشر", kind="other-language", language="ar")
    assert _correct(editor_client, claim, settlement_name="الفاشر").status_code == 302
    claim.refresh_from_db()
    assert claim.settlement_id == fasher.id
