"""Giving a URL: through the API, the add-article page and `manage.py fetch_url`, the page
is fetched from a real local server (allowed by OUTBOUND_ALLOWED_HOSTS), its story stored
as an article. Fetches run in-process here (no broker), once the request's transaction
commits, as they would in embedded mode."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from sources.models import Article, Fetch
from tests.sources.site import article_page

pytestmark = pytest.mark.django_db

FETCHES = "/api/v1/fetches/"
PARAGRAPHS = [
    "Russia's defence ministry said on Monday its forces had captured the town of Toretsk.",
    "Kyiv denied that Russia had full control of the town, saying fighting continued.",
    "A Ukrainian brigade said it was still holding positions on the outskirts of Toretsk.",
]


@pytest.fixture
def story(site):
    page = article_page(title="Russia says it captured Toretsk", paragraphs=PARAGRAPHS)
    return site.route("/world/toretsk", body=page.encode())


def submit(client, url, capture, **fields):
    with capture(execute=True):
        return client.post(FETCHES, {"url": url, **fields}, format="json")


def test_a_url_given_through_the_api_becomes_an_article_with_the_pages_metadata(
    editor_api_client, story, django_capture_on_commit_callbacks
):
    response = submit(editor_api_client, story, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    fetch = Fetch.objects.get()
    assert fetch.status == Fetch.Status.STORED, fetch.error
    article = fetch.article
    assert article.title == "Russia says it captured Toretsk"
    assert article.outlet.name == "Meridian"
    assert article.published.date().isoformat() == "2025-02-10"
    assert article.origin == Article.Origin.URL
    # Paragraphs kept apart, navigation and footer left out, headline not repeated.
    assert article.text == "\n\n".join(PARAGRAPHS)
    detail = editor_api_client.get(response.json()["api_url"]).json()
    assert detail["status"] == "stored" and detail["article"].endswith(f"/{article.id}/")


def test_the_same_page_linked_with_tracking_parameters_is_not_fetched_again(
    editor_api_client, story, site, django_capture_on_commit_callbacks
):
    submit(editor_api_client, story, django_capture_on_commit_callbacks)
    again = submit(
        editor_api_client,
        story.replace("127.0.0.1", "127.0.0.1") + "?utm_source=tw&fbclid=x#comments",
        django_capture_on_commit_callbacks,
    )
    assert again.status_code == 200
    assert again.json()["id"] == Article.objects.get().id
    assert len(site.requests) == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Give the article's URL."),
        ("   ", "Give the article's URL."),
        ("not a url", "not an http(s) URL"),
        ("javascript:alert(document.cookie)", "not an http(s) URL"),
        ("file:///etc/passwd", "not an http(s) URL"),
        ("http://user:secret@example.org/a", "user name or password"),
        ("https://example.org/" + "a" * 3000, "2000 characters"),
        ("http://example.org/a\nb", "not an http(s) URL"),
        ("<script>alert(1)</script>", "not an http(s) URL"),
        ("https://example.org/" + "ж" * 1000, "too long once encoded"),
    ],
)
def test_urls_that_cannot_be_fetched_are_refused_with_a_clear_400(editor_api_client, url, message):
    response = editor_api_client.post(FETCHES, {"url": url}, format="json")
    assert response.status_code == 400
    assert message in json_text(response)
    assert not Fetch.objects.exists()


def json_text(response) -> str:
    return response.content.decode()


def test_a_malformed_body_is_a_400_not_a_500(editor_api_client):
    response = editor_api_client.post(FETCHES, data="{url:", content_type="application/json")
    assert response.status_code == 400
    assert editor_api_client.post(FETCHES, {"url": ["a", "b"]}, format="json").status_code == 400


def test_giving_a_url_needs_the_add_article_permission(api_client, user, story):
    assert api_client.post(FETCHES, {"url": story}, format="json").status_code == 403
    api_client.force_authenticate(user)
    assert api_client.post(FETCHES, {"url": story}, format="json").status_code == 403
    assert not Fetch.objects.exists()


def test_a_page_redirecting_to_a_private_address_fails_with_the_reason_and_stores_nothing(
    editor_api_client, site, django_capture_on_commit_callbacks
):
    url = site.route("/go", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    response = submit(editor_api_client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    fetch = Fetch.objects.get()
    assert fetch.status == Fetch.Status.FAILED
    assert fetch.error_code == "forbidden_address"
    assert "169.254.169.254" in fetch.error
    assert not Article.objects.exists()


def test_a_huge_page_and_a_pdf_fail_cleanly(
    editor_api_client, site, settings, django_capture_on_commit_callbacks
):
    settings.FETCH_MAX_BYTES = 100_000
    huge = site.route("/huge", endless=5_000_000)
    pdf = site.route("/report.pdf", body=b"%PDF-1.7", content_type="application/pdf")
    submit(editor_api_client, huge, django_capture_on_commit_callbacks)
    submit(editor_api_client, pdf, django_capture_on_commit_callbacks)
    codes = dict(Fetch.objects.values_list("url", "error_code"))
    assert codes == {huge: "too_large", pdf: "content_type"}
    assert not Article.objects.exists()


def test_a_mislabelled_charset_is_read_right(
    editor_api_client, site, django_capture_on_commit_callbacks
):
    paragraphs = [
        "Міністерство оборони Росії заявило, що її війська захопили місто Торецьк.",
        "Київ заперечив, що Росія повністю контролює місто, і заявив про тривалі бої.",
    ]
    page = article_page(title="Торецьк", paragraphs=paragraphs).replace("charset='utf-8'", "")
    url = site.route("/ua", body=page.encode("cp1251"), content_type="text/html; charset=utf-8")
    submit(editor_api_client, url, django_capture_on_commit_callbacks)
    article = Fetch.objects.get().article
    assert article.title == "Торецьк"
    assert "війська захопили місто Торецьк" in article.text


def test_a_page_with_no_story_fails_and_a_retry_on_request_tries_again(
    editor_api_client, site, django_capture_on_commit_callbacks
):
    url = site.route("/empty", body=b"<html><body><nav>Home</nav></body></html>")
    submit(editor_api_client, url, django_capture_on_commit_callbacks)
    assert Fetch.objects.get().error_code == "no_text"
    page = article_page(title="Now there is a story", paragraphs=PARAGRAPHS)
    site.route("/empty", body=page.encode())
    submit(editor_api_client, url, django_capture_on_commit_callbacks)
    assert Fetch.objects.get().status == Fetch.Status.STORED


def test_a_server_error_is_retried_and_recorded_when_the_retries_run_out(
    editor_api_client, site, django_capture_on_commit_callbacks
):
    url = site.route("/busy", status=503, body=b"busy")
    submit(editor_api_client, url, django_capture_on_commit_callbacks)
    fetch = Fetch.objects.get()
    # In-process, Celery runs the retries at once: one try and three retries.
    assert fetch.attempts == 4
    assert fetch.status == Fetch.Status.FAILED
    assert fetch.error.startswith("gave up after 3 retries") and "503" in fetch.error


def test_the_add_article_page_takes_a_url_and_shows_the_fetch(
    editor_client, story, django_capture_on_commit_callbacks
):
    page = editor_client.get("/articles/new/")
    assert b'name="fetch-url"' in page.content and b'name="url"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/articles/fetch/", {"fetch-url": story})
    fetch = Fetch.objects.get()
    assert response.status_code == 302 and response.url == f"/fetches/{fetch.id}/"
    # Stored by now: the fetch page leads to the article.
    assert editor_client.get(response.url).url == f"/articles/{fetch.article_id}/"


def test_the_url_form_shows_a_refusal_on_its_field(editor_client):
    response = editor_client.post("/articles/fetch/", {"fetch-url": "ftp://example.org/x"})
    assert response.status_code == 200
    assert b"not an http(s) URL" in response.content


def test_a_failed_fetch_page_says_why(
    client, editor_client, site, django_capture_on_commit_callbacks
):
    url = site.route("/gone", status=404, body=b"gone")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/articles/fetch/", {"fetch-url": url})
    fetch = Fetch.objects.get()
    page = client.get(f"/fetches/{fetch.id}/")
    assert b"HTTP 404" in page.content and b"refresh" not in page.content


def test_a_url_in_cyrillic_and_its_encoded_form_are_one_fetch(editor_api_client):
    first = editor_api_client.post(FETCHES, {"url": "https://пример.рф/новини/торецьк"})
    encoded = "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/%D1%82%D0%BE%D1%80%D0%B5%D1%86%D1%8C%D0%BA"
    second = editor_api_client.post(FETCHES, {"url": encoded})
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]


@pytest.mark.django_db(transaction=True)
def test_the_command_fetches_urls_and_reports_each(site, story):
    out, err = io.StringIO(), io.StringIO()
    call_command("fetch_url", story, "gopher://x/", stdout=out, stderr=err)
    assert f"1: stored as article {Article.objects.get().id}" in out.getvalue()
    assert "2: 'gopher://x/'" in err.getvalue()


def test_fetches_left_unqueued_or_stuck_are_queued_again(site, story):
    from django.utils import timezone

    from sources.tasks import requeue_stale_fetches

    lost = Fetch.objects.create(url=story, normalized_url=story)  # its enqueue never happened
    stuck = Fetch.objects.create(
        url=site.url("/x"), normalized_url=site.url("/x"), status=Fetch.Status.FETCHING
    )
    Fetch.objects.filter(id=stuck.id).update(
        status_changed_at=timezone.now() - dt.timedelta(hours=1)
    )
    fresh = Fetch.objects.create(
        url=site.url("/y"), normalized_url=site.url("/y"), queued_at=timezone.now()
    )
    assert requeue_stale_fetches() == 2  # in-process: each runs right away
    lost.refresh_from_db(), stuck.refresh_from_db(), fresh.refresh_from_db()
    assert lost.status == Fetch.Status.STORED
    assert stuck.status == Fetch.Status.FAILED and stuck.error_code == "http_404"
    assert fresh.status == Fetch.Status.PENDING


def test_a_binary_junk_page_labelled_html_fails_cleanly(
    editor_api_client, site, django_capture_on_commit_callbacks
):
    url = site.route("/weird", body=b"\x00" * 10 + b"<html>" * 5 + b"\xff\xfe" * 8)
    submit(editor_api_client, url, django_capture_on_commit_callbacks)
    fetch = Fetch.objects.get()
    assert fetch.status == Fetch.Status.FAILED and fetch.error_code == "no_text"
    assert not Article.objects.exists()
