import pytest
from django.contrib import admin
from django.urls import reverse

from tests.claims.factories import ClaimFactory, SettlementAliasFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_changelist_opens(admin_client, model):
    ClaimFactory()
    SettlementAliasFactory()
    assert admin_client.get(_admin_url(model, "changelist")).status_code == 200


def test_reviews_and_corrections_cannot_be_added_or_changed_in_the_admin(admin_client):
    from claims.models import Correction, Review

    for model in (Review, Correction):
        assert admin_client.get(_admin_url(model, "add")).status_code == 403


def test_settlement_admin_search_finds_an_alias(admin_client):
    alias = SettlementAliasFactory(name="Dzerzhinsk", settlement__name="Toretsk")
    from gazetteer.models import Settlement

    response = admin_client.get(_admin_url(Settlement, "changelist"), {"q": "dzerzh"})
    assert alias.settlement in response.context["cl"].result_list


def test_change_pages_open_for_claims_settlements_and_articles(admin_client):
    from claims.models import Claim
    from gazetteer.models import Settlement
    from sources.models import Article

    claim = ClaimFactory()
    for model, pk in (
        (Claim, claim.pk),
        (Settlement, claim.settlement_id),
        (Article, claim.article_id),
    ):
        assert admin_client.get(_admin_url(model, "change", pk)).status_code == 200


def test_a_claims_evidence_cannot_be_edited_in_the_admin(admin_client):
    from claims.models import Claim

    claim = ClaimFactory(conflict__russia_ukraine=True, confidence=0.9)
    url = _admin_url(Claim, "change", claim.pk)
    page = admin_client.get(url)
    assert 'name="confidence"' not in page.content.decode()
    assert 'name="evidence"' not in page.content.decode()
    rewrite = {"confidence": "0.1", "evidence": "Rewritten.", "stated_on": "2020-01-01"}
    admin_client.post(url, rewrite)
    claim.refresh_from_db()
    assert (claim.confidence, claim.stated_on) == (0.9, claim.article.published.date())
    assert "Rewritten" not in claim.evidence


def test_an_articles_title_date_and_status_cannot_be_edited_in_the_admin(admin_client):
    from sources.models import Article

    article = ClaimFactory().article
    before = (article.title, article.published, article.status)
    url = _admin_url(Article, "change", article.pk)
    assert 'name="title"' not in admin_client.get(url).content.decode()
    admin_client.post(url, {"title": "Rewritten", "published": "2020-01-01", "status": "failed"})
    article.refresh_from_db()
    assert (article.title, article.published, article.status) == before


def test_a_correction_made_in_the_admin_is_recorded_and_recomputes_status(admin_client):
    from claims import services
    from claims.models import Claim, SettlementStatus
    from claims.vocabulary import ReviewVerdict, SettlementState

    claim = ClaimFactory(conflict__russia_ukraine=True)
    root = UserFactory(username="checker")
    services.review_add(claim_id=claim.id, reviewer=root, verdict=ReviewVerdict.CONFIRM)
    assert SettlementStatus.objects.get(settlement=claim.settlement).side == "russia"
    change_page = admin_client.get(_admin_url(Claim, "change", claim.pk)).content.decode()
    correct_url = reverse("admin:claims_claim_correct", args=[claim.pk])
    assert correct_url in change_page

    response = admin_client.post(
        correct_url,
        {
            "settlement": claim.settlement_id,
            "claimant_side": "russia",
            "kind": "capture",
            "side": "ukraine",
            "note": "Ukraine's forces took it, per the original.",
        },
    )
    assert response.status_code == 302
    [correction] = claim.corrections.all()
    assert correction.changes == {"side": ["russia", "ukraine"]}
    assert correction.editor.username == "root"
    status = SettlementStatus.objects.get(settlement=claim.settlement)
    assert (status.state, status.side) == (SettlementState.CONTROLLED, "ukraine")
    history = admin_client.get(_admin_url(Claim, "change", claim.pk)).content.decode()
    assert "Ukraine&#x27;s forces took it" in history and "checker" in history


def test_a_refused_admin_correction_shows_why_and_records_nothing(admin_client):
    claim = ClaimFactory(conflict__russia_ukraine=True)
    correct_url = reverse("admin:claims_claim_correct", args=[claim.pk])
    unchanged = {"settlement": claim.settlement_id, "claimant_side": "russia", "kind": "capture",
                 "side": "russia", "note": ""}  # fmt: skip
    response = admin_client.post(correct_url, unchanged)
    assert response.status_code == 200
    assert "changes nothing" in response.content.decode()
    hostile = {**unchanged, "side": "<script>alert(1)</script>", "note": "x" * 6000}
    response = admin_client.post(correct_url, hostile)
    assert response.status_code == 200 and "<script>alert" not in response.content.decode()
    assert not claim.corrections.exists()


def test_staff_without_the_correction_permission_cannot_correct_in_the_admin(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_claim"))
    client.force_login(staff)
    claim = ClaimFactory(conflict__russia_ukraine=True)
    correct_url = reverse("admin:claims_claim_correct", args=[claim.pk])
    assert client.get(correct_url).status_code == 403
    assert client.post(correct_url, {"kind": "denial"}).status_code == 403
    assert not claim.corrections.exists()


def test_a_settlement_is_not_merged_by_typing_an_id_in_the_admin(admin_client):
    from gazetteer.models import Settlement

    claim = ClaimFactory()
    url = _admin_url(Settlement, "change", claim.settlement_id)
    assert 'name="merged_into"' not in admin_client.get(url).content.decode()
