import json

import pytest
from rest_framework.authtoken.models import Token

from sources.models import Article
from tests.claims.factories import ClaimFactory, ConflictFactory
from tests.sources.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
STORY = "Russia said on Friday its forces had captured Toretsk. Kyiv denied it."


def push(client, **fields):
    return client.post(ARTICLES, {"title": "Toretsk", "text": STORY, **fields}, format="json")


# Reading


def test_article_list_is_paginated_and_omits_the_text(api_client):
    ArticleFactory.create_batch(3)
    body = api_client.get(ARTICLES, {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert "text" not in body["results"][0]


def test_article_detail_has_text_status_and_claim_count(api_client):
    claim = ClaimFactory(article__status_reason="Text truncated at 200,000 characters.")
    body = api_client.get(f"{ARTICLES}{claim.article_id}/").json()
    assert body["status"] == "extracted"
    assert body["status_reason"] == "Text truncated at 200,000 characters."
    assert body["claim_count"] == 1
    assert body["text"] == claim.article.text
    assert body["extractor_version"] == "test-1"
    assert body["api_url"].endswith(f"{ARTICLES}{claim.article_id}/")


def test_article_list_query_count_does_not_grow_with_rows(
    api_client, django_assert_max_num_queries
):
    for _ in range(20):
        ClaimFactory(article__conflict=ConflictFactory())
    with django_assert_max_num_queries(2):
        body = api_client.get(ARTICLES).json()
    assert body["count"] == 20


# Who may push


def test_pushing_an_article_needs_authentication(api_client):
    assert push(api_client).status_code in (401, 403)
    assert not Article.objects.exists()


def test_pushing_an_article_needs_the_add_permission(api_client, user):
    api_client.force_authenticate(user)
    assert push(api_client).status_code == 403


def test_an_editor_pushes_with_a_token(api_client, editor):
    token = Token.objects.create(user=editor)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert push(api_client).status_code == 201


# What a push does


def test_pushed_article_is_created_pending_with_a_location(editor_api_client):
    ConflictFactory(key="russia-ukraine")
    response = push(
        editor_api_client,
        published="2025-02-01",
        url="https://news.example.org/a",
        outlet="Reuters",
        conflict="russia-ukraine",
    )
    assert response.status_code == 201
    article = Article.objects.get()
    assert article.origin == Article.Origin.API
    assert type(response["Location"]) is str
    assert response["Location"].endswith(f"{ARTICLES}{article.id}/")
    body = response.json()
    assert body["id"] == article.id
    assert body["status"] == "pending"
    assert body["outlet"] == "Reuters"
    assert body["conflict"] == "russia-ukraine"
    assert body["published"].startswith("2025-02-01T12:00:00")
    assert body["claim_count"] == 0


def test_pushing_the_same_text_again_returns_the_stored_article(editor_api_client):
    first = push(editor_api_client).json()
    again = push(editor_api_client, title="Another title", text=f"  {STORY.upper()}  ")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Article.objects.count() == 1


def test_pushed_article_accepts_a_datetime(editor_api_client):
    body = push(editor_api_client, published="2025-02-01T09:30:00+02:00").json()
    assert body["published"].startswith("2025-02-01T07:30:00")


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"text": ""}, "text", "empty"),
        ({"text": "   "}, "text", "empty"),
        ({"text": "<script>alert(1)</script>"}, "text", "empty"),
        ({"text": "".join(chr(c) for c in range(1, 32)) * 50}, "text", "binary"),
        ({"title": ""}, "title", None),
        ({"url": "ftp://example.org/x"}, "url", "url"),
        ({"conflict": "atlantis"}, "conflict", "unknown"),
        ({"published": "yesterday"}, "published", None),
        ({"published": "2999-01-01"}, "published", "future"),
    ],
)
def test_bad_pushes_are_400_on_the_field(editor_api_client, fields, field, code):
    response = push(editor_api_client, **fields)
    assert response.status_code == 400
    body = response.json()
    assert field in body
    if code:
        assert body["code"] == code
    assert not Article.objects.exists()


def test_null_bytes_are_a_400_not_a_500(editor_api_client):
    response = push(editor_api_client, text="binary \x00\x00 junk")
    assert response.status_code == 400
    assert "text" in response.json()


def test_ten_megabytes_of_text_is_a_clear_400(editor_api_client):
    response = push(editor_api_client, text="Toretsk. " * (10 * 1024 * 1024 // 9))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "too_large"
    assert "the limit is 5,000,000" in body["text"][0]


def test_a_body_over_the_upload_limit_is_a_json_413(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = push(editor_api_client, text="Toretsk. " * 5_000)
    assert response.status_code == 413
    assert "limit of 10,000 bytes" in response.json()["detail"]


def test_a_form_body_over_the_upload_limit_is_a_json_413(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_api_client.post(ARTICLES, {"title": "T", "text": "Toretsk. " * 5_000})
    assert response.status_code == 413


def test_malformed_json_is_a_400(editor_api_client):
    response = editor_api_client.post(
        ARTICLES, data=b'{"title": "x", "text": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_pushed_html_is_stored_without_its_script(editor_api_client):
    html = "<p>Russia said it captured Toretsk.</p><script>steal()</script><p>Kyiv denied it.</p>"
    body = push(editor_api_client, text=html).json()
    assert "steal" not in body["text"]
    assert body["text"] == "Russia said it captured Toretsk.\n\nKyiv denied it."


@pytest.mark.parametrize(
    "text",
    [
        "Росія заявила про захоплення Торецька. Київ це заперечує.",
        "قالت قوات الدعم السريع إنها سيطرت على مدينة الفاشر.",
    ],
)
def test_pushed_ukrainian_and_arabic_text_is_stored_as_written(editor_api_client, text):
    response = editor_api_client.post(
        ARTICLES,
        data=json.dumps({"title": text[:20], "text": text}, ensure_ascii=False).encode(),
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 201
    assert Article.objects.get().text == text
    assert response.json()["title"] == text[:20]
