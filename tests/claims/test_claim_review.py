"""A page per claim, carrying schema.org ClaimReview once editors confirmed or disputed
it; the API serves the same markup."""

import datetime as dt
import json
import re

import pytest
from rest_framework.test import APIClient

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
from tests.problems import problem

pytestmark = pytest.mark.django_db
HOSTILE = 'Росія каже, що взяла Торецьк </script><script>alert("x")</script> & more'


@pytest.fixture
def claims():
    conflict, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    article = article_on(dt.date(2025, 2, 8), title="Russia says Toretsk taken")
    capture, denial = extract(article, conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia", evidence=HOSTILE),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    return capture, denial


def page_jsonld(client, claim_id: int) -> dict | None:
    html = client.get(f"/claims/{claim_id}/").content.decode()
    found_ = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found_.group(1)) if found_ else None


def test_a_confirmed_claim_page_carries_claim_review(client, claims):
    capture, _ = claims
    desk, day = UserFactory(username="desk"), dt.datetime(2025, 2, 9, tzinfo=dt.UTC)
    review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM, at=day)
    data = page_jsonld(client, capture.id)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == HOSTILE
    assert data["datePublished"] == "2025-02-09"
    assert data["url"] == f"http://testserver/claims/{capture.id}/"
    assert data["reviewRating"]["alternateName"] == "Confirmed by ConflictWatch editors"
    assert data["reviewRating"]["ratingValue"] == 5
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-02-08"
    assert item["author"]["name"] == "a russia spokesman"
    assert item["appearance"]["headline"] == "Russia says Toretsk taken"


def test_hostile_evidence_cannot_close_the_script(client, claims):
    capture, _ = claims
    review_add(claim_id=capture.id, reviewer=UserFactory(username="desk"),
               verdict=ReviewVerdict.CONFIRM)  # fmt: skip
    html = client.get(f"/claims/{capture.id}/").content.decode()
    assert '<script>alert("x")' not in html
    assert html.count("</script>") == html.count("<script")


def test_a_disputed_claim_is_rated_false_and_the_api_says_the_same(client, claims):
    _, denial = claims
    review_add(claim_id=denial.id, reviewer=UserFactory(username="desk"),
               verdict=ReviewVerdict.DISPUTE, note="The brigade still holds the town.")  # fmt: skip
    response = APIClient().get(f"/api/v1/claims/{denial.id}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json() == page_jsonld(client, denial.id)
    assert response.json()["reviewRating"]["ratingValue"] == 1


def test_an_unreviewed_claim_has_a_page_but_no_claim_review(client, claims):
    capture, _ = claims
    response = client.get(f"/claims/{capture.id}/")
    assert response.status_code == 200 and HOSTILE[:10] in response.content.decode()
    assert page_jsonld(client, capture.id) is None
    api = APIClient().get(f"/api/v1/claims/{capture.id}/claimreview/")
    assert api.status_code == 404
    assert problem(api)["code"] == "not_reviewed"


def test_a_reset_claim_loses_its_claim_review(client, claims):
    capture, _ = claims
    desk = UserFactory(username="desk")
    review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.RESET)
    assert page_jsonld(client, capture.id) is None


def test_unknown_claims_are_404(client, db):
    assert client.get("/claims/987654/").status_code == 404
    assert problem(APIClient().get("/api/v1/claims/987654/claimreview/"))["status"] == 404
