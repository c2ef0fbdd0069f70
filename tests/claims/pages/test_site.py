"""What every page shares: the header, favicon, error pages, and the API docs' way back."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from conflictwatch.core.views import server_error

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_not_offered_add_article(client):
    for url in (reverse("settlement-list"), reverse("article-list")):
        body = client.get(url).content.decode()
        assert "Add article" not in body and reverse("article-create") not in body


def test_editors_are_offered_add_article(editor_client):
    assert "Add article" in editor_client.get(reverse("article-list")).content.decode()


def test_every_page_has_a_favicon_and_browsers_asking_for_favicon_ico_get_it(client):
    body = client.get(reverse("settlement-list")).content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in body
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"


def test_the_api_docs_link_back_to_the_app(client):
    body = client.get(reverse("api:docs")).content.decode()
    assert f'class="back-to-app" href="{reverse("settlement-list")}"' in body
    assert "swagger-ui" in body


@pytest.mark.parametrize("path", ["/no/such/page/", "/settlements/999999999/", "/conflicts/x/"])
def test_a_missing_page_is_our_404_with_a_way_on(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert "There is nothing at this address." in body and 'class="site-header"' in body


def test_the_500_page_is_ours_and_needs_no_database(client, django_assert_num_queries):
    request = RequestFactory().get("/settlements/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "/static/css/app.css" in body


def test_the_header_links_have_a_visible_focus_ring_and_a_skip_link(client):
    body = client.get(reverse("settlement-list")).content.decode()
    assert 'class="skip-link" href="#main"' in body
    css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text()
    assert ".site-header a:focus-visible" in css and "outline: 3px solid #ffd166" in css
