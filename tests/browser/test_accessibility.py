"""Every page, at a desktop and a phone width, checked by axe-core in a real browser: no
violations of any rule axe runs by default (WCAG 2.x A/AA and best practices), and nothing
wider than the window, so no page scrolls sideways.

axe is vendored for the tests only (vendor/axe-core, with its licence) and is evaluated in the
page by Playwright over the DevTools protocol: the pages' CSP forbids injected scripts, and
that is left on, so the pages are checked as users get them.
"""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims.models import Change
from conflictwatch.core.tokens import token_issue
from sources.models import Article, Feed, Fetch
from tests.browser.conftest import fits, log_in, shot
from tests.sources.factories import ArticleFactory
from tests.webhooks.factories import SubscriptionFactory
from webhooks.models import Delivery, DeliveryAttempt

User = get_user_model()
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
# Swagger UI's own widgets (drf-spectacular's API docs) break rules that only a fork of it
# could fix (nested controls in its operation rows, its colours, its heading levels); the
# page around them (language, banner, heading, the way back) is checked like any other.
THIRD_PARTY = ["#swagger-ui"]
RUN_AXE = """async (exclude) => {
  const context = {include: [document], exclude: exclude.filter(s => document.querySelector(s))};
  const result = await axe.run(context, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "), why: n.failureSummary})),
  }));
}"""


def webhook_with_log(owner, settlement) -> int:
    """A subscription of the owner's with a delivered and a failed delivery, each with its
    attempts, so the log page has rows, details and Replay buttons to check."""
    hook = SubscriptionFactory.create(
        owner=owner, url="https://newsroom.example/hooks/conflictwatch?desk=kyiv",
        settlement=settlement, description="Торецьк desk", event_types=["review.added"],
    )  # fmt: skip
    for n, change in enumerate(Change.objects.order_by("id")[:2]):
        ok = n == 0
        delivery = Delivery.objects.create(
            subscription=hook, change=change, message_id=f"cw_{change.id}_{hook.id}",
            event=change.event, attempts=1,
            status=Delivery.Status.DELIVERED if ok else Delivery.Status.FAILED,
            last_status_code=200 if ok else None, last_error="" if ok else "connection refused",
        )  # fmt: skip
        DeliveryAttempt.objects.create(
            delivery=delivery, number=1, started_at=timezone.now(), duration_ms=42,
            status_code=200 if ok else None, response_snippet="ok" if ok else "",
            error="" if ok else "connection refused",
        )  # fmt: skip
    return hook.id


@pytest.fixture
def site(story):
    """The story's settlement, claims and article, plus a fetch, a feed, a token and a
    webhook with its delivery log, so that every page has rows to show."""
    toretsk, capture, denial = story
    article = capture.article
    fetch = Fetch.objects.create(
        url="https://news.example.org/toretsk",
        normalized_url="https://news.example.org/toretsk",
        status=Fetch.Status.STORED,
        article=article,
    )
    Feed.objects.create(url="https://news.example.org/rss", title="Example news")
    pending = ArticleFactory(title="Торецьк: бої тривають", status=Article.Status.PENDING)
    editor = User.objects.get(username="path-editor")
    token_issue(user=editor, name="Дашборд")
    return {
        "webhook": webhook_with_log(editor, toretsk),
        "settlement": toretsk.id,
        "capture": capture.id,
        "denial": denial.id,
        "article": article.id,
        "fetch": fetch.id,
        "pending": pending.id,
    }


def reader_pages(ids: dict[str, int]) -> list[str]:
    return [
        "/settlements/",
        "/settlements/?q=Dzerzhinsk",
        f"/settlements/{ids['settlement']}/",
        f"/settlements/{ids['settlement']}/?as_of=2025-02-09",
        "/map/?conflict=russia-ukraine",
        "/conflicts/",
        "/conflicts/russia-ukraine/",
        f"/claims/{ids['denial']}/",
        "/articles/",
        f"/articles/{ids['article']}/",
        f"/fetches/{ids['fetch']}/",
        "/feeds/",
        "/accounts/login/",
        "/no-such-page/",
        "/api/v1/docs/",
        # Refused input, shown with its message.
        "/settlements/?state=conquered&side=atlantis&disputed=maybe&changed_since=вчора",
        f"/settlements/{ids['settlement']}/?as_of=2025-13-45",
        "/map/?as_of=<b>yesterday</b>",
    ]


def editor_pages(ids: dict[str, int]) -> list[str]:
    return [
        "/review/",
        f"/review/claims/{ids['denial']}/",
        f"/review/claims/{ids['denial']}/correct/",
        f"/settlements/{ids['settlement']}/",
        "/articles/new/",
        "/articles/fetch/",
        "/feeds/new/",
        "/accounts/tokens/",
        "/webhooks/",
        f"/webhooks/{ids['webhook']}/",
    ]


def audit(page) -> list[str]:
    """What is wrong with the page shown, one line per axe rule broken, per table that does
    not become cards on a phone, and for sideways overflow."""
    if page.locator("[data-map]").count():
        page.wait_for_selector(".leaflet-marker-icon")
    if page.locator("#swagger-ui").count():
        page.wait_for_selector("#swagger-ui .opblock", timeout=20_000)
    page.evaluate(AXE)
    violations = page.evaluate(RUN_AXE, THIRD_PARTY)
    problems = [json.dumps(v, ensure_ascii=False) for v in violations]
    width = page.viewport_size["width"]
    if width < 640:
        problems += [
            f"a table stays a table at {width}px: {html[:80]}"
            for html in page.locator("table:not(.cards)").evaluate_all(
                "tables => tables.map(t => t.outerHTML)"
            )
        ]
    if not fits(page):
        wide = page.evaluate("document.documentElement.scrollWidth")
        problems.append(f"page is {wide}px wide in a {width}px window")
    # A table scrolling sideways inside its box hides columns as surely as a page would.
    problems += [
        f"a table is cut off: {html[:80]}"
        for html in page.locator(".table-wrap").evaluate_all(
            "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerHTML)"
        )
    ]
    return problems


def submit(page, url: str, button: str, fields: dict[str, str] | None = None) -> None:
    page.goto(url)
    for selector, value in (fields or {}).items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_page_passes_axe_and_fits_the_window(browser_at, live_server, site, settings, width):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]  # a webhook target the form accepts
    base = live_server.url
    found: dict[str, list[str]] = {}
    page = browser_at(width)
    for path in reader_pages(site):
        page.goto(f"{base}{path}")
        found[path] = audit(page)

    log_in(page, live_server, username="path-editor", next_path="/review/")
    for path in editor_pages(site):
        page.goto(f"{base}{path}")
        found[f"{path} (editor)"] = audit(page)
        if path == "/review/":
            shot(page, f"axe-review-queue-{width}")

    # Pages in the states a user's mistakes or waits put them in.
    submit(page, f"{base}/articles/new/", "Save article")
    assert page.locator(".field-error").count() == 2  # title and text
    found["/articles/new/ (empty paste refused)"] = audit(page)
    submit(page, f"{base}/articles/new/", "Fetch article", {"#id_fetch-url": "ftp://例え/<b>"})
    assert page.locator(".field-error").count() == 1
    found["/articles/new/ (bad URL refused)"] = audit(page)
    submit(page, f"{base}/accounts/tokens/", "Issue a token", {"#id_name": "Панель " * 3})
    assert "Copy it now" in page.inner_text("main")
    found["/accounts/tokens/ (a new token shown once)"] = audit(page)
    submit(page, f"{base}/webhooks/", "Subscribe", {"#id_url": "http://10.0.0.7/<b>"})
    assert page.locator(".field-error").count() == 1
    found["/webhooks/ (a private target refused)"] = audit(page)
    submit(page, f"{base}/webhooks/", "Subscribe", {"#id_url": "http://127.0.0.1:9/hook"})
    assert "copy it now" in page.inner_text("main")
    found["/webhooks/ (a new secret shown once)"] = audit(page)
    submit(page, f"{base}/webhooks/{site['webhook']}/", "Rotate secret")
    assert "copy it now" in page.inner_text("main")
    found["/webhooks/<id>/ (a rotated secret shown once)"] = audit(page)
    page.goto(f"{base}/articles/{site['pending']}/")
    assert page.locator("[data-progress] progress").count() == 1
    found["/articles/<pending>/ (extraction in progress)"] = audit(page)

    broken = {path: problems for path, problems in found.items() if problems}
    assert not broken, "\n".join(
        f"{path}:\n  " + "\n  ".join(problems) for path, problems in broken.items()
    )
