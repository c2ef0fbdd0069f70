"""The write API for reviews, corrections and provisional settlements: who may write, and
refusals as clear 400s; the status endpoint's as_of."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, Review, Settlement
from claims.services import roles_ensure
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict, SettlementState
from tests.claims.factories import UserFactory
from tests.claims.story import article_on, extract, found, settlement, two_sided_war

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    conflict, toretsk = two_sided_war(), settlement("Toretsk")
    provisional = Settlement.objects.create(name="Dzerzhynsk", source="provisional")
    claims = extract(article_on(dt.date(2025, 2, 8)), conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    return {"toretsk": toretsk, "provisional": provisional, "claims": claims}


def member_of(role: str, username: str):
    roles_ensure()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def writes(story) -> list[tuple[str, dict]]:
    claim = story["claims"][0]
    return [
        (f"/api/v1/claims/{claim.id}/reviews/", {"verdict": ReviewVerdict.CONFIRM}),
        (f"/api/v1/claims/{claim.id}/corrections/", {"kind": ClaimKind.ADVANCE}),
        (
            f"/api/v1/settlements/{story['provisional'].id}/resolve/",
            {"target": story["toretsk"].id},
        ),  # fmt: skip
    ]


def test_an_analysts_token_may_read_but_every_write_is_403(story):
    analyst = token_client(member_of("analyst", "reader"))
    for url, body in writes(story):
        assert analyst.post(url, body, format="json").status_code == 403, url
        assert analyst.get(url.replace("resolve/", "")).status_code == 200, url
    assert not Review.objects.exists()


def test_anonymous_writes_are_403_not_401(story):
    for url, body in writes(story):
        assert APIClient().post(url, body, format="json").status_code == 403, url


def test_a_forged_session_write_without_csrf_token_is_403(story):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member_of("editor", "desk"))
    for url, body in writes(story):
        response = client.post(url, body, format="json")
        assert response.status_code == 403, url
        assert "CSRF" in response.json()["detail"]


def test_a_bad_token_is_refused(story):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    url, body = writes(story)[0]
    assert client.post(url, body, format="json").status_code == 403


def test_an_editors_token_may_make_every_write(story):
    editor = token_client(member_of("editor", "desk"))
    review, correction, resolve = writes(story)
    assert editor.post(*review, format="json").status_code == 201
    response = editor.post(*correction, format="json")
    assert response.status_code == 201
    assert response.json()["kind"] == ClaimKind.ADVANCE
    response = editor.post(*resolve, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == story["toretsk"].id


def test_review_history_shows_who_and_when(story):
    editor = token_client(member_of("editor", "desk"))
    url = f"/api/v1/claims/{story['claims'][1].id}/reviews/"
    editor.post(url, {"verdict": ReviewVerdict.DISPUTE, "note": "Kyiv's own maps say otherwise."},
                format="json")  # fmt: skip
    editor.post(url, {"verdict": ReviewVerdict.RESET}, format="json")
    history = APIClient().get(url).json()
    assert [(r["verdict"], r["reviewer"]) for r in history] == [
        (ReviewVerdict.DISPUTE, "desk"), (ReviewVerdict.RESET, "desk")
    ]  # fmt: skip
    assert all(r["created_at"] for r in history)
    assert Claim.objects.get(pk=story["claims"][1].pk).status == ClaimStatus.UNVERIFIED


def test_corrections_history_lists_changes(story):
    editor = token_client(member_of("editor", "desk"))
    url = f"/api/v1/claims/{story['claims'][0].id}/corrections/"
    editor.post(url, {"kind": ClaimKind.ADVANCE, "note": "Only pushing towards it."}, format="json")
    [correction] = APIClient().get(url).json()
    assert correction["changes"] == {"kind": [ClaimKind.CAPTURE, ClaimKind.ADVANCE]}
    assert correction["editor"] == "desk"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": ReviewVerdict.DISPUTE}, "note"),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "   "}, "note"),
        ({"verdict": ReviewVerdict.CONFIRM, "evidence_url": "javascript:alert(1)"}, "evidence_url"),
        (
            {"verdict": ReviewVerdict.CONFIRM, "evidence_url": "https://x.org/" + "a" * 3000},
            "evidence_url",
        ),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "n" * 100_000}, "note"),
        ({"verdict": ReviewVerdict.DISPUTE, "note": "nul\x00byte"}, "note"),
        ({"verdict": "maybe"}, "verdict"),
        ({}, "verdict"),
        ({"verdict": [ReviewVerdict.CONFIRM]}, "verdict"),
    ],
)
def test_bad_reviews_are_400_naming_the_field(story, body, field):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/", body,
                           format="json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_dispute_without_a_note_says_why(story):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/",
                           {"verdict": ReviewVerdict.DISPUTE}, format="json")  # fmt: skip
    assert response.json()["note"] == ["A dispute needs a note saying why the claim is wrong."]


def test_malformed_json_is_400(story):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/", "{verdict:",
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400


def test_a_non_english_dispute_note_is_kept(story):
    editor = token_client(member_of("editor", "desk"))
    note = "Це неправда — ЗСУ тримають позиції. 这是错误的。"
    response = editor.post(
        f"/api/v1/claims/{story['claims'][0].id}/reviews/",
        {"verdict": ReviewVerdict.DISPUTE, "note": note},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["note"] == note


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"side": "wagner"}, "side"),
        ({"claimant_side": "x" * 65}, "claimant_side"),
        ({"kind": ClaimKind.CONTESTED, "side": "russia"}, "side"),
        ({"settlement": 0}, "settlement"),
        ({"settlement": 987654}, "settlement"),
        ({"kind": ClaimKind.CAPTURE}, "detail"),
    ],
)
def test_bad_corrections_are_400(story, body, field):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/corrections/", body,
                           format="json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_reviewing_a_superseded_claim_is_409(story):
    Claim.objects.filter(pk=story["claims"][0].pk).update(status=ClaimStatus.SUPERSEDED)
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(f"/api/v1/claims/{story['claims'][0].id}/reviews/",
                           {"verdict": ReviewVerdict.CONFIRM}, format="json")  # fmt: skip
    assert response.status_code == 409
    assert "superseded" in response.json()["detail"]


def test_reviewing_a_missing_claim_is_404():
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(
        "/api/v1/claims/987654/reviews/", {"verdict": ReviewVerdict.CONFIRM}, format="json"
    )
    assert response.status_code == 404


def test_resolving_a_gazetteer_settlement_is_400(story):
    editor = token_client(member_of("editor", "desk"))
    other = settlement("Kramatorsk")
    response = editor.post(f"/api/v1/settlements/{other.id}/resolve/",
                           {"target": story["toretsk"].id}, format="json")  # fmt: skip
    assert response.status_code == 400
    assert "provisional" in response.json()["detail"]


@pytest.mark.parametrize("as_of", ["yesterday", "2025-13-01", "2025-02-30", "'; drop", "9" * 500])
def test_a_bad_as_of_is_400_with_the_format(story, as_of):
    response = APIClient().get(f"/api/v1/settlements/{story['toretsk'].id}/status/",
                               {"as_of": as_of})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["as_of"] == ["Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."]


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
    conflict = two_sided_war()
    for i in range(10):
        extract(article_on(dt.date(2025, 2, 8)), conflict,
                [found(settlement(f"Town {i}"), ClaimKind.CAPTURE, "russia")])  # fmt: skip
    with django_assert_max_num_queries(2):
        body = APIClient().get("/api/v1/settlements/").json()
    assert {s["status"]["state"] for s in body["results"]} == {SettlementState.UNKNOWN}


def test_issue_token_prints_a_new_token_alone_and_rotates_it():
    out = StringIO()
    call_command("issue_token", username="wire-bot", role="analyst", stdout=out, stderr=StringIO())
    first = out.getvalue().strip()
    assert Token.objects.get(user__username="wire-bot").key == first
    out = StringIO()
    call_command("issue_token", username="wire-bot", role="editor", stdout=out, stderr=StringIO())
    second = out.getvalue()
    assert second.strip() != first and second.count("\n") == 1
    assert list(Token.objects.filter(user__username="wire-bot").values_list("key", flat=True)) == [
        second.strip()
    ]
    user = Token.objects.get(key=second.strip()).user
    assert [g.name for g in user.groups.all()] == ["editor"]
    assert user.has_perm("claims.add_review")


BULK_URL = "/api/v1/claims/confirm/"


def test_bulk_confirm_confirms_waiting_claims_and_moves_the_status(story):
    editor = token_client(member_of("editor", "desk"))
    capture, denial = story["claims"]
    response = editor.post(BULK_URL, {"claims": [capture.id, denial.id, 99_999_999]},
                           format="json")  # fmt: skip
    assert response.status_code == 200
    assert response.json() == {"confirmed": 2}
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.CONFIRMED}
    again = editor.post(BULK_URL, {"claims": [capture.id]}, format="json")
    assert again.json() == {"confirmed": 0}  # already confirmed: nothing new recorded
    assert Review.objects.count() == 2


def test_bulk_confirm_is_403_for_analysts_anonymous_and_forged_sessions(story):
    body = {"claims": [story["claims"][0].id]}
    analyst = token_client(member_of("analyst", "reader"))
    forged = APIClient(enforce_csrf_checks=True)
    forged.force_login(member_of("editor", "desk"))
    for client in (analyst, APIClient(), forged):
        assert client.post(BULK_URL, body, format="json").status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"claims": []},
        {"claims": "1,2,3"},
        {"claims": ["Торецьк"]},
        {"claims": [-4]},
        {"claims": [{"id": 1}]},
        {"claims": list(range(1, 502))},
    ],
    ids=["missing", "empty", "string", "non-english", "negative", "objects", "too-many"],
)
def test_bulk_confirm_refuses_bad_input_with_400(story, body):
    editor = token_client(member_of("editor", "desk"))
    response = editor.post(BULK_URL, body, format="json")
    assert response.status_code == 400
    assert "claims" in response.json()
    assert not Review.objects.exists()
