"""The review queue driven from the keyboard, in a real browser."""

import pytest
from django.contrib.auth.models import Permission

from claims.models import Claim, Review
from claims.vocabulary import ClaimKind, ClaimStatus
from tests.claims.factories import ClaimFactory, ConflictFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
NOTE = "Торецьк досі утримують ЗСУ; the map shows no change."


@pytest.fixture
def editor_account():
    editor = UserFactory(username="keyboard-editor")
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims", codename__in=["add_review", "add_correction"]
        )
    )
    return editor


@pytest.fixture
def waiting():
    """Two waiting claims; the queue lists the newer (Pokrovsk) first."""
    conflict = ConflictFactory(russia_ukraine=True)
    older = ClaimFactory(conflict=conflict, settlement__name="Toretsk")
    newer = ClaimFactory(conflict=conflict, settlement__name="Pokrovsk")
    return older, newer


def log_in(page, live_server, *, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", "keyboard-editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.url == f"{live_server.url}{next_path}"


def test_j_c_confirms_and_d_enter_disputes(chromium_page, live_server, editor_account, waiting):
    page = chromium_page
    older, newer = waiting
    log_in(page, live_server, next_path="/review/")
    assert page.is_visible("[data-keys-help]")
    assert "Signed in as keyboard-editor" in page.inner_text("header")

    page.keyboard.press("j")
    assert "is-selected" in page.get_attribute(f"#claim-{newer.id}", "class")
    with page.expect_navigation():
        page.keyboard.press("c")
    newer.refresh_from_db()
    assert newer.status == ClaimStatus.CONFIRMED
    assert f"Claim #{newer.id} (Pokrovsk) confirmed." in page.inner_text(".messages")
    assert page.locator(f"#claim-{newer.id}").count() == 0

    page.keyboard.press("j")
    page.keyboard.press("d")
    note = page.locator(f"#note-{older.id}")
    assert note.is_visible()
    assert page.evaluate("document.activeElement.id") == f"note-{older.id}"
    page.keyboard.type(NOTE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    older.refresh_from_db()
    assert older.status == ClaimStatus.DISPUTED
    assert Review.objects.get(claim=older).note == NOTE
    assert "Nothing waiting for review." in page.inner_text("main")


def test_keys_are_ignored_while_typing_and_x_selects_for_bulk_confirm(
    chromium_page, live_server, editor_account, waiting
):
    page = chromium_page
    older, newer = waiting
    log_in(page, live_server, next_path="/review/")

    page.click("#id_settlement")
    page.keyboard.type("jxc")
    assert page.input_value("#id_settlement") == "jxc"
    assert not Review.objects.exists()

    page.locator("#id_settlement").evaluate("el => el.blur()")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.is_checked(f"#select-{newer.id}") and page.is_checked(f"#select-{older.id}")
    page.keyboard.press("x")
    assert not page.is_checked(f"#select-{older.id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm selected").click()
    assert "Confirmed 1 claim." in page.inner_text(".messages")
    assert dict(Claim.objects.values_list("id", "status")) == {
        newer.id: ClaimStatus.CONFIRMED,
        older.id: ClaimStatus.UNVERIFIED,
    }

    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("e")
    assert page.url.startswith(f"{live_server.url}/review/claims/{older.id}/correct/")
    assert page.input_value("#id_kind") == ClaimKind.CAPTURE
