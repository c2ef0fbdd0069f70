"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download does not work here, so the tests use /usr/bin/chromium and
skip (with the reason) where it is missing. Playwright is started and stopped around each
test rather than once per session (pytest-playwright's `playwright` fixture), because its
sync API keeps an asyncio loop running in this thread while started, and Django refuses
database calls from a thread with a running loop: the rest of the suite must not see it.
"""

import os
import shutil
from pathlib import Path

import pytest

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
