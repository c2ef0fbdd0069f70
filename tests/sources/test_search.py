"""Searching articles by the words of their title and text, on the API and the page."""

import pytest
from rest_framework.test import APIClient

from tests.problems import named
from tests.sources.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ARTICLES = "/api/v1/articles/"


@pytest.fixture
def articles():
    return {
        "toretsk": ArticleFactory(title="Toretsk", text="Russia says it captured the town."),
        "pokrovsk": ArticleFactory(title="Pokrovsk under fire", text="Shelling went on."),
        "ukrainian": ArticleFactory(title="Зведення", text="Бої тривають біля Торецька."),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_articles_are_found_by_words_of_title_and_text(articles):
    client = APIClient()
    assert ids(client.get(ARTICLES, {"q": "toretsk captured"})) == {articles["toretsk"].id}
    assert ids(client.get(ARTICLES, {"q": "shelling"})) == {articles["pokrovsk"].id}
    assert ids(client.get(ARTICLES, {"q": "Торецька"})) == {articles["ukrainian"].id}
    assert ids(client.get(ARTICLES, {"q": "nowhere"})) == set()


def test_without_a_search_every_article_is_listed(articles):
    assert len(ids(APIClient().get(ARTICLES))) == 3


@pytest.mark.parametrize("q", ["", "x" * 201, "town\x00"])
def test_an_empty_huge_or_null_search_is_400_naming_q(articles, q):
    response = APIClient().get(ARTICLES, {"q": q})
    assert response.status_code == 400 and named(response) == {"q"}


@pytest.mark.parametrize("q", ['"unbalanced', "|&!()", "'; drop table sources_article; --"])
def test_malformed_and_hostile_searches_are_words_not_errors(articles, q):
    assert APIClient().get(ARTICLES, {"q": q}).status_code == 200


def test_an_unknown_parameter_is_still_refused(articles):
    response = APIClient().get(ARTICLES, {"qq": "town"})
    assert response.status_code == 400 and named(response) == {"qq"}


def test_the_articles_page_searches_and_keeps_the_words_in_the_box(client, articles):
    body = client.get("/articles/", {"q": "shelling"}).content.decode()
    assert ">Pokrovsk under fire<" in body and ">Toretsk<" not in body
    assert 'value="shelling"' in body


def test_the_page_forgives_what_the_api_refuses(client, articles):
    for q in ["word " * 500, "town\x00", "<script>alert(1)</script>"]:
        response = client.get("/articles/", {"q": q})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()
    body = client.get("/articles/", {"q": "nowhere"}).content.decode()
    assert "No articles with all of" in body
