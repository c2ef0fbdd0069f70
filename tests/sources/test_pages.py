import datetime as dt
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from sources.models import Article
from tests.claims.factories import ClaimFactory, ConflictFactory
from tests.sources.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NEW = "/articles/new/"
TORETSK_STORY = (
    "Russia said on Friday its forces had captured Toretsk.\n\n"
    "Kyiv denied Russia had full control of the town."
)
UKRAINIAN_STORY = "Росія заявила про захоплення Торецька. Київ це заперечує."
ARABIC_STORY = "قالت قوات الدعم السريع إنها سيطرت على مدينة الفاشر."


def paste(client, **fields):
    data = {"title": "Toretsk", "text": TORETSK_STORY, "published": "2025-02-01", **fields}
    return client.post(NEW, data)


# The article list


def test_article_list_shows_status_and_claim_count(client):
    claim = ClaimFactory(article__title="Russia claims Toretsk")
    ArticleFactory(title="Still waiting", status=Article.Status.PENDING)
    body = client.get(reverse("article-list")).content.decode()
    assert "Russia claims Toretsk" in body
    assert "badge-extracted" in body and "badge-pending" in body
    assert f'href="/articles/{claim.article_id}/"' in body


def test_article_list_filters_by_status(client):
    ArticleFactory(title="Done")
    ArticleFactory(title="Broken", status=Article.Status.FAILED, status_reason="boom")
    response = client.get(reverse("article-list"), {"status": "failed"})
    assert [a.title for a in response.context["articles"]] == ["Broken"]


def test_article_list_says_when_there_are_no_articles(client):
    assert "No articles yet" in client.get(reverse("article-list")).content.decode()


def test_article_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(20):
        ClaimFactory()
    with django_assert_max_num_queries(2):
        response = client.get(reverse("article-list"))
    assert len(response.context["articles"]) == 20


# The article page


def test_article_page_marks_each_claims_evidence_and_links_to_its_row(client):
    claim = ClaimFactory(settlement__name="Toretsk")
    body = client.get(reverse("article-detail", args=[claim.article_id])).content.decode()
    assert (
        f'<a class="evidence" href="#claim-{claim.id}" title="Evidence for claim #{claim.id}">'
        "<mark>Russia said its forces had seized Toretsk.</mark></a>"
    ) in body
    assert f'id="claim-{claim.id}"' in body
    assert f'id="evidence-{claim.id}"' in body


def test_article_page_shows_paragraphs(client):
    article = ArticleFactory(text="First paragraph.\n\nSecond paragraph.")
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert "<p>First paragraph.</p>\n<p>Second paragraph.</p>" in body


def test_article_page_escapes_hostile_html(client):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    article = ArticleFactory(
        title=f"Title {hostile}",
        text=f"Before. {hostile} After.",
        url="https://example.org/?q=<script>",
        outlet__name=f"Outlet {hostile}",
    )
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert "<script>" not in body
    assert "<img" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_article_page_escapes_hostile_html_inside_evidence(client):
    evidence = "Russia said <script>x()</script> it took Toretsk."
    claim = ClaimFactory(evidence=evidence, settlement_mention="Toretsk")
    body = client.get(reverse("article-detail", args=[claim.article_id])).content.decode()
    assert "<script>" not in body
    assert "<mark>Russia said &lt;script&gt;x()&lt;/script&gt; it took Toretsk.</mark>" in body


def test_article_page_links_the_source_without_passing_rank_or_opener(client):
    article = ArticleFactory(url="https://news.example.org/toretsk")
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert 'href="https://news.example.org/toretsk" rel="noopener nofollow noreferrer"' in body


@pytest.mark.parametrize("status", [Article.Status.PENDING, Article.Status.EXTRACTING])
def test_article_page_refreshes_itself_while_extraction_runs(client, status):
    article = ArticleFactory(status=status)
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    # Without JavaScript the page refreshes itself; with it, a script polls the status.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in body
    assert "js/article_progress.js" in body
    assert f'data-status-url="/api/v1/articles/{article.id}/"' in body
    assert f'data-status="{status}"' in body
    assert 'class="current"' in body and "this page updates itself" in body


def test_article_page_stops_refreshing_once_extracted(client):
    article = ArticleFactory(status=Article.Status.EXTRACTED)
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert "http-equiv" not in body and "article_progress.js" not in body
    assert "No claims were found" in body


def test_article_page_shows_why_extraction_failed(client):
    article = ArticleFactory(status=Article.Status.FAILED, status_reason="spaCy crashed")
    body = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert "spaCy crashed" in body and "notice-error" in body


def test_article_page_query_count_does_not_grow_with_claims(client, django_assert_max_num_queries):
    article = ArticleFactory()
    for _ in range(10):
        ClaimFactory(article=article, evidence_start=0, evidence_end=5)
    # the article, its claims, the side names
    with django_assert_max_num_queries(3):
        response = client.get(reverse("article-detail", args=[article.id]))
    assert len(response.context["claims"]) == 10


def test_unknown_article_is_404(client):
    assert client.get(reverse("article-detail", args=[987654])).status_code == 404


# The paste form: who may use it


def test_paste_form_sends_anonymous_visitors_to_log_in(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={NEW}"


def test_paste_form_is_forbidden_without_the_permission(client, user):
    client.force_login(user)
    assert client.get(NEW).status_code == 403
    assert paste(client).status_code == 403
    assert not Article.objects.exists()


def test_paste_form_opens_for_an_editor_with_today_as_the_date(editor_client):
    ConflictFactory(key="russia-ukraine", name="Russia-Ukraine war")
    response = editor_client.get(NEW)
    assert response.status_code == 200
    body = response.content.decode()
    assert timezone.localdate().isoformat() in body
    assert "Russia-Ukraine war" in body


# The paste form: what it does with input


def test_pasting_an_article_saves_it_pending_and_redirects_to_it(editor_client):
    conflict = ConflictFactory(key="russia-ukraine")
    response = paste(
        editor_client,
        url="https://news.example.org/a",
        outlet="Reuters",
        conflict="russia-ukraine",
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("article-detail", args=[article.id])
    assert article.status == Article.Status.PENDING
    assert article.origin == Article.Origin.PASTE
    assert article.conflict == conflict
    assert article.outlet.name == "Reuters"
    assert article.published.date() == dt.date(2025, 2, 1)
    page = editor_client.get(response["Location"]).content.decode()
    # Not "queued" beside a badge that may already say "extracted".
    assert "Article saved. Its page shows how extraction goes." in page


def test_pasting_the_same_article_again_says_it_was_already_submitted(editor_client):
    first = paste(editor_client)
    second = paste(editor_client, text=TORETSK_STORY.upper())
    assert second["Location"] == first["Location"]
    assert Article.objects.count() == 1
    page = editor_client.get(second["Location"]).content.decode()
    assert "This article was already submitted." in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   \n\n  ", "This field is required."),
        ("<p><script>alert(1)</script></p>", "The article text is empty."),
        ("junk \x00\x01\x02 bytes", "Null characters are not allowed."),
        ("".join(chr(c) for c in range(1, 32)) * 50, "looks like binary data"),
    ],
)
def test_paste_form_refuses_bad_text_on_the_text_field(editor_client, text, message):
    response = paste(editor_client, text=text)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["text"])
    assert not Article.objects.exists()


def test_paste_form_refuses_ten_megabytes_of_text_without_failing(editor_client):
    response = paste(editor_client, text="Toretsk. " * (10 * 1024 * 1024 // 9))
    assert response.status_code == 200
    [error] = response.context["form"].errors["text"]
    assert "the limit is 5,000,000" in error
    assert not Article.objects.exists()


def test_paste_form_refuses_a_body_over_the_upload_limit_with_a_clear_page(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = paste(editor_client, text="Toretsk. " * 5_000)
    assert response.status_code == 400
    assert "larger than the server accepts" in response.content.decode()


def test_paste_form_shows_a_future_date_on_the_date_field(editor_client):
    future = (timezone.now() + dt.timedelta(days=30)).date().isoformat()
    response = paste(editor_client, published=future)
    assert response.context["form"].errors["published"] == [
        "The publication date is in the future."
    ]


def test_paste_form_refuses_a_non_http_url(editor_client):
    response = paste(editor_client, url="javascript:alert(1)")
    assert response.status_code == 200
    assert "url" in response.context["form"].errors


def test_pasted_html_is_stored_without_its_script(editor_client):
    html = (
        "<p>Russia said it captured Toretsk.</p><script>alert('x')</script><p>Kyiv denied it.</p>"
    )
    paste(editor_client, text=html)
    article = Article.objects.get()
    assert "script" not in article.text and "alert" not in article.text
    assert "Russia said it captured Toretsk." in article.text


@pytest.mark.parametrize("text", [UKRAINIAN_STORY, ARABIC_STORY])
def test_pasted_ukrainian_and_arabic_text_is_stored_as_written(editor_client, text):
    response = paste(editor_client, title=text[:30], text=text)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.text == text
    page = editor_client.get(response["Location"]).content.decode()
    assert text in page


# What browsers really send: CR+LF line breaks, form-urlencoded
BROWSER_STORY = "\r\n\r\n".join(
    [
        "KYIV (Steppe Wire) - Russia's defence ministry said on Friday it had taken Toretsk.",
        "Ukraine's army denied the town had fallen.",
        "A spokesman said fighting went on in the western districts.",
        "Residents reported heavy shelling overnight.",
        "Officials in Kyiv said evacuation buses left at dawn.",
        "The ministry gave no figures for losses.",
        "Analysts said the claim could not be verified.",
        "The town had about 30,000 people before the war.",
        "Power was cut across the district on Thursday.",
        "More reports are expected later in the day.",
    ]
)


def paste_as_a_browser(client, **fields):
    data = {"title": "Toretsk", "text": BROWSER_STORY, "published": "2025-02-01", **fields}
    return client.post(NEW, urlencode(data), content_type="application/x-www-form-urlencoded")


def test_a_story_pasted_with_crlf_line_breaks_is_accepted_with_its_paragraphs(editor_client):
    response = paste_as_a_browser(editor_client)
    assert response.status_code == 302, response.context["form"].errors
    article = Article.objects.get()
    assert "\r" not in article.text
    assert article.text.count("\n\n") == 9
    assert article.text.startswith("KYIV (Steppe Wire)")


def test_a_title_with_a_crlf_is_one_line(editor_client):
    paste_as_a_browser(editor_client, title="Russia claims\r\nToretsk")
    assert Article.objects.get().title == "Russia claims Toretsk"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_every_kind_of_line_break_is_one_line_break(editor_client, newline):
    paste_as_a_browser(editor_client, text=BROWSER_STORY.replace("\r\n", newline))
    assert Article.objects.get().text == BROWSER_STORY.replace("\r\n", "\n")


def test_encoded_markup_in_a_pasted_title_never_becomes_markup(editor_client):
    paste_as_a_browser(editor_client, title="Toretsk &lt;img src=x onerror=alert(1)&gt; update")
    assert Article.objects.get().title == "Toretsk update"


def test_a_pasted_outlet_name_over_the_limit_is_refused_not_cut(editor_client):
    response = paste_as_a_browser(editor_client, outlet="Wire " * 45)
    assert response.status_code == 200
    [error] = response.context["form"].errors["outlet"]
    assert "the limit is 200" in error
    assert not Article.objects.exists()


@pytest.mark.parametrize("published", ["0001-01-01", "1899-12-31"])
def test_paste_form_refuses_a_date_before_1900_on_the_date_field(editor_client, published):
    response = paste_as_a_browser(editor_client, published=published)
    assert response.status_code == 200
    assert "before 1900" in response.context["form"].errors["published"][0]
    assert not Article.objects.exists()


# Logging in and out


def test_login_page_renders_and_logs_in(client, editor):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"),
        {"username": "editor", "password": "correct horse battery staple", "next": NEW},
    )
    assert response.status_code == 302
    assert response["Location"] == NEW


def test_logout_is_a_post_from_the_header(editor_client):
    page = editor_client.get(reverse("article-list")).content.decode()
    assert f'action="{reverse("logout")}"' in page
    assert editor_client.post(reverse("logout")).status_code == 302
    assert editor_client.get(NEW).status_code == 302
