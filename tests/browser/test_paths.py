"""An analyst's and an editor's paths through the pages in a real browser, at a desktop and a
phone width, with screenshots under test-artifacts/ (git-ignored) for a person to look at.
The editor's review actions are also walked with JavaScript off."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission

from claims.models import Claim, Correction
from claims.services.extraction import article_extract
from claims.vocabulary import ClaimKind, ClaimStatus
from gazetteer.models import Settlement
from sources.models import Article
from tests.browser.conftest import ARTIFACTS, fits, log_in, shot
from tests.claims.factories import (
    TORETSK_STORY,
    SettlementFactory,
    UserFactory,
    russia_ukraine_reference,
)
from tests.sources.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_analyst_searches_reads_the_timeline_asks_as_of_and_uses_the_map(
    browser_at, live_server, story, width
):
    _toretsk, capture, _denial = story
    page = browser_at(width)
    page.goto(f"{live_server.url}/settlements/")
    page.fill("#q", "Dzerzhinsk")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "matched “Dzerzhinsk”" in page.inner_text("main")
    assert fits(page)
    shot(page, f"analyst-1-search-{width}")

    with page.expect_navigation():
        page.get_by_role("link", name="Toretsk").first.click()
    assert "Held by Russia" in page.inner_text(".status")
    assert page.locator("svg.timeline-svg .mark-link").count() == 2
    assert fits(page)
    shot(page, f"analyst-2-settlement-{width}")

    with page.expect_navigation():
        page.locator("svg.timeline-svg .mark-link").first.click()
    assert page.url.endswith(f"#claim-{capture.id}")

    page.fill("#id_as_of", "2025-02-09")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert "Status as of 2025-02-09" in page.inner_text(".status")
    assert "Unknown" in page.inner_text(".status")

    page.goto(f"{live_server.url}/map/?conflict=russia-ukraine")
    page.wait_for_selector(".pin-icon")
    assert "1 settlement now." in page.inner_text("[data-map-status]")
    assert page.locator(".pin-icon .pin-controlled").count() == 1
    slider = page.locator("#map-day")
    slider.evaluate("el => { el.value = 1; el.dispatchEvent(new Event('input')); }")
    # wait_for_url, not wait_for_function: the pages' CSP forbids the eval the latter uses.
    page.wait_for_url(re.compile(r"[?&]as_of=2025-02-09"))
    page.wait_for_selector(".pin-icon .pin-unknown")
    assert "as of 2025-02-09" in page.inner_text("[data-map-status]")
    assert fits(page)
    shot(page, f"analyst-3-map-{width}")
    # The map's own download follows the slider: the day the map shows, as map data.
    assert "as_of=2025-02-09" in page.get_attribute("[data-download=geojson]", "href")
    with page.expect_download() as download:
        page.locator("[data-download=geojson]").click()
    saved = ARTIFACTS / f"analyst-3-{width}-{download.value.suggested_filename}"
    download.value.save_as(saved)
    assert '"state": "unknown"' in saved.read_text(encoding="utf-8")

    # Download what the filtered list shows, as a spreadsheet and as map data.
    page.goto(f"{live_server.url}/settlements/?state=controlled&side=russia")
    for kind, expected in (("csv", "Toretsk,UA"), ("geojson", '"name": "Toretsk"')):
        with page.expect_download() as download:
            page.locator(f"[data-download={kind}]").click()
        saved = ARTIFACTS / f"analyst-4-{width}-{download.value.suggested_filename}"
        download.value.save_as(saved)
        assert expected in saved.read_text(encoding="utf-8")
    assert download.value.suggested_filename == "conflictwatch-settlements.geojson"


@pytest.mark.parametrize(("width", "javascript"), [("desktop", True), ("phone", False)])
def test_editor_confirms_disputes_and_corrects_by_name(
    browser_at, live_server, story, width, javascript
):
    toretsk, _capture, denial = story
    other = SettlementFactory(name="Pokrovsk", region="Donetsk Oblast", population=60_000)
    page = browser_at(width, javascript=javascript)
    log_in(page, live_server, username="path-editor", next_path="/review/")
    assert f"claim-{denial.id}" in page.content()
    assert fits(page)
    shot(page, f"editor-1-queue-{width}-js-{javascript}")

    # Correct the settlement by name, then put it back by a party's name.
    with page.expect_navigation():
        page.locator(f"#claim-{denial.id} [data-action=edit]").click()
    page.fill("#id_settlement_name", "Pokrovsk")
    with page.expect_navigation():
        page.get_by_role("button", name="Save correction").click()
    assert Claim.objects.get(pk=denial.id).settlement_id == other.id
    page.goto(f"{live_server.url}/review/claims/{denial.id}/correct/")
    page.fill("#id_settlement_name", "Dzerzhinsk")
    with page.expect_navigation():
        page.get_by_role("button", name="Save correction").click()
    assert Claim.objects.get(pk=denial.id).settlement_id == toretsk.id
    assert Correction.objects.count() == 2

    # Dispute with a note (the details element opens on a click, with or without scripts).
    page.goto(f"{live_server.url}/review/")
    page.locator(f"#claim-{denial.id} details.dispute summary").click()
    page.fill(f"#note-{denial.id}", "Kyiv's denial is about another village.")
    with page.expect_navigation():
        page.locator(f"#claim-{denial.id} .dispute-button").click()
    assert Claim.objects.get(pk=denial.id).status == ClaimStatus.DISPUTED
    shot(page, f"editor-2-after-dispute-{width}-js-{javascript}")

    page.goto(f"{live_server.url}/settlements/{toretsk.id}/")
    assert "disputed claims" not in page.inner_text(".status")  # editors said no: no flag
    assert fits(page)
    shot(page, f"editor-3-settlement-{width}-js-{javascript}")


@pytest.mark.parametrize(("width", "javascript"), [("desktop", True), ("phone", False)])
def test_editor_pastes_watches_extraction_and_confirms_until_the_status_changes(
    browser_at, live_server, width, javascript
):
    """The real extractor over the Toretsk story: pasted (extracted at once, tasks run in
    process here), then an article still waiting for a worker, whose page updates itself."""
    russia_ukraine_reference()
    editor = UserFactory(username="paste-editor")
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_review", "add_correction", "add_article"])
    )
    page = browser_at(width, javascript=javascript)
    log_in(page, live_server, username="paste-editor", next_path="/articles/new/")
    page.fill("#id_title", "Russia says it took Toretsk; Kyiv denies it")
    page.fill("#id_text", TORETSK_STORY)
    page.fill("#id_published", "2025-02-08")
    with page.expect_navigation():
        page.get_by_role("button", name="Save article").click()
    assert "/articles/" in page.url
    assert "Toretsk" in page.inner_text("main")
    assert fits(page)
    shot(page, f"editor-paste-1-article-{width}-js-{javascript}")

    # A story a worker has not reached yet: the page shows progress and reloads itself
    # (scripts poll the API; without them a meta refresh), then shows the claims.
    waiting = ArticleFactory(
        title="Toretsk again", text=TORETSK_STORY, status=Article.Status.PENDING,
        published=dt.datetime(2025, 2, 9, 12, tzinfo=dt.UTC),
    )  # fmt: skip
    page.goto(f"{live_server.url}/articles/{waiting.id}/")
    assert "Extraction is queued" in page.inner_text("[data-progress]")
    shot(page, f"editor-paste-2-progress-{width}-js-{javascript}")
    article_extract(article_id=waiting.id)
    page.wait_for_selector("table.claims", timeout=20_000)
    assert page.locator("[data-progress]").count() == 0

    # Confirm Russia's capture claims in the queue: Toretsk is then held by Russia.
    page.goto(f"{live_server.url}/review/?settlement=Dzerzhinsk")
    captures = Claim.objects.filter(settlement__name="Toretsk", kind=ClaimKind.CAPTURE)
    assert captures.count() == 2
    for claim in captures:
        with page.expect_navigation():
            page.locator(f"#claim-{claim.id} [data-action=confirm]").click()
    assert set(captures.values_list("status", flat=True)) == {ClaimStatus.CONFIRMED}
    toretsk = Settlement.objects.get(name="Toretsk")
    page.goto(f"{live_server.url}/settlements/{toretsk.id}/")
    assert "Held by Russia" in page.inner_text(".status")
    assert fits(page)
    shot(page, f"editor-paste-3-status-{width}-js-{javascript}")
