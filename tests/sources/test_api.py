import json

import pytest

from conflictwatch.core.tokens import token_issue
from sources.models import Article
from tests.claims.factories import ClaimFactory, ConflictFactory
from tests.problems import errors_of, named, problem
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
    assert "cursor=" in body["next"]
    assert "text" not in body["results"][0]
    rest = api_client.get(body["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None


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
    _stored, token = token_issue(user=editor)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
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
    assert field in named(response)
    if code:
        assert body["code"] == code
    assert not Article.objects.exists()


def test_null_bytes_are_a_400_not_a_500(editor_api_client):
    response = push(editor_api_client, text="binary \x00\x00 junk")
    assert response.status_code == 400
    assert "text" in named(response)


def test_ten_megabytes_of_text_is_a_clear_400(editor_api_client):
    response = push(editor_api_client, text="Toretsk. " * (10 * 1024 * 1024 // 9))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "too_large"
    assert "the limit is 5,000,000" in errors_of(response, "text")[0]


def test_a_body_over_the_upload_limit_is_a_json_413(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = push(editor_api_client, text="Toretsk. " * 5_000)
    assert response.status_code == 413
    assert "limit of 10,000 bytes" in problem(response)["detail"]


def test_a_form_body_over_the_upload_limit_is_a_json_413(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_api_client.post(ARTICLES, {"title": "T", "text": "Toretsk. " * 5_000})
    assert response.status_code == 413


def test_malformed_json_is_a_400(editor_api_client):
    response = editor_api_client.post(
        ARTICLES, data=b'{"title": "x", "text": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in problem(response)["detail"]


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


# Holes found under test: each answered 500 (or lost data) before


@pytest.mark.parametrize(
    ("published", "code"),
    [
        ("0001-01-01T00:00:00+01:00", "too_early"),
        ("0001-01-01", "too_early"),
        ("1899-12-31T23:00:00Z", "too_early"),
    ],
)
def test_a_poison_publication_date_is_a_400_and_stores_nothing(editor_api_client, published, code):
    response = push(editor_api_client, published=published)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Article.objects.exists()
    assert editor_api_client.get(ARTICLES).status_code == 200


@pytest.mark.parametrize("offset", ["+18:00", "-17:30", "+23:59"])
def test_an_offset_beyond_postgresql_range_is_stored_in_utc(editor_api_client, offset):
    response = push(editor_api_client, published=f"2025-02-01T12:00:00{offset}")
    assert response.status_code == 201
    assert Article.objects.get().published.utcoffset().total_seconds() == 0


def test_an_offset_beyond_a_day_is_a_400(editor_api_client):
    response = push(editor_api_client, published="2025-02-01T12:00:00+24:00")
    assert response.status_code == 400
    assert "published" in named(response)


def test_encoded_markup_in_a_title_comes_out_of_the_api_as_plain_text(editor_api_client):
    body = push(editor_api_client, title="<b>Update</b> &lt;img src=x onerror=alert(1)&gt;").json()
    assert body["title"] == "Update"
    assert "<" not in body["title"] and "onerror" not in body["title"]


def test_text_keeps_an_ampersand_and_a_less_than_sign_that_are_words(editor_api_client):
    text = "Prices rose 5% & fuel ran short as the front moved < 5 km from Pokrovsk."
    assert push(editor_api_client, text=text).json()["text"] == text


def test_deeply_nested_json_is_a_400_not_a_500(editor_api_client):
    body = b'{"title": "x", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = editor_api_client.post(ARTICLES, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in problem(response)["detail"]


def test_json_nested_past_the_depth_limit_is_a_400(editor_api_client):
    body = '{"title": "x", "text": "y", "extra": ' + "[" * 30 + "]" * 30 + "}"
    response = editor_api_client.post(ARTICLES, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "deeper than 20 levels" in problem(response)["detail"]


def test_a_key_given_twice_is_refused_not_silently_the_last(editor_api_client):
    body = '{"title": "x", "text": "Russia took Toretsk.", "text": "Nothing happened."}'
    response = editor_api_client.post(ARTICLES, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "'text' appears twice" in problem(response)["detail"]
    assert not Article.objects.exists()


def test_an_outlet_name_over_200_characters_is_refused_not_cut(editor_api_client):
    response = push(editor_api_client, outlet="W" * 201)
    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
    assert "outlet" in named(response)
    assert not Article.objects.exists()


def test_an_outlet_name_is_cleaned_like_a_title(editor_api_client):
    push(editor_api_client, outlet="  <i>Steppe</i>\r\n Wire &amp; Co ")
    assert Article.objects.get().outlet.name == "Steppe Wire & Co"


def test_an_unexpected_error_in_the_api_is_answered_as_json(editor_api_client, monkeypatch):
    # Not a mock of the stack: a selector that breaks stands for any bug behind a view.
    from sources import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "article_list", broken)
    editor_api_client.raise_request_exception = False
    response = editor_api_client.get(ARTICLES)
    assert response.status_code == 500
    assert problem(response)["code"] == "server_error"
    assert "boom" not in response.content.decode()


def test_a_500_outside_the_views_under_api_is_json(client, settings):
    from django.test import RequestFactory

    from conflictwatch.core.views import server_error

    response = server_error(RequestFactory().get("/api/v1/articles/"))
    assert response.status_code == 500
    assert json.loads(response.content)["code"] == "server_error"
    assert b"<html" in server_error(RequestFactory().get("/articles/")).content.lower()
