"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download does not work here, so the tests use /usr/bin/chromium and
skip (with the reason) where it is missing. Playwright is started and stopped around each
test rather than once per session (pytest-playwright's `playwright` fixture), because its
sync API keeps an asyncio loop running in this thread while started, and Django refuses
database calls from a thread with a running loop: the rest of the suite must not see it.
"""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from gazetteer.models import SettlementAlias
from tests.claims.factories import (
    ConflictFactory,
    SettlementAliasFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    for item in items:
        if "browser" in item.keywords and not (CHROMIUM.exists() or shutil.which("chromium")):
            item.add_marker(skip)


@pytest.fixture
def chromium_page(monkeypatch):
    """A fresh page in headless chromium, closed with its browser after the test."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # The test's own database checks run while Playwright's loop is running (see above).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page()
            page.set_default_timeout(10_000)
            yield page
        finally:
            browser.close()


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery staple"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def browser_at(monkeypatch):
    """open(width_name, javascript=True) -> a page at that viewport; all closed after."""
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))

        def open_page(width: str, *, javascript: bool = True):
            w, h = WIDTHS[width]
            context = browser.new_context(
                viewport={"width": w, "height": h}, java_script_enabled=javascript
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            return page

        try:
            yield open_page
        finally:
            browser.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fits(page) -> bool:
    """Nothing wider than the window: no sideways scrolling of the page itself."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def log_in(page, live_server, *, username: str, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


@pytest.fixture
def story():
    """Toretsk (Russia calls it Dzerzhinsk): Russia's capture confirmed on 10 February 2025,
    Kyiv's denial of it waiting; an editor who may review, correct and add articles."""
    war = ConflictFactory(russia_ukraine=True)
    toretsk = SettlementFactory(name="Toretsk", population=30_914, latitude=48.39, longitude=37.85)
    SettlementAliasFactory(
        settlement=toretsk, name="Dzerzhinsk", side=war.sides.get(key="russia"),
        kind=SettlementAlias.Kind.PARTY_NAME,
    )  # fmt: skip
    capture, denial = extract(
        article_on(dt.date(2025, 2, 8)),
        war,
        [
            found(toretsk, ClaimKind.CAPTURE, "russia"),
            found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
        ],
    )
    editor = UserFactory(username="path-editor")
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_review", "add_correction", "add_article", "add_feed"]
        )
    )
    review_add(
        claim_id=capture.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM,
        at=dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    return toretsk, capture, denial
