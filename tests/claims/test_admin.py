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
    from claims.models import Settlement

    response = admin_client.get(_admin_url(Settlement, "changelist"), {"q": "dzerzh"})
    assert alias.settlement in response.context["cl"].result_list


def test_change_pages_open_for_claims_settlements_and_articles(admin_client):
    from claims.models import Claim, Settlement
    from sources.models import Article

    claim = ClaimFactory()
    for model, pk in (
        (Claim, claim.pk),
        (Settlement, claim.settlement_id),
        (Article, claim.article_id),
    ):
        assert admin_client.get(_admin_url(model, "change", pk)).status_code == 200
