"""API tokens from the command line: issue_token and revoke_token."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from conflictwatch.core.models import ApiToken

pytestmark = pytest.mark.django_db


def issue(*, stderr=None, **options) -> str:
    out = StringIO()
    call_command("issue_token", stdout=out, stderr=stderr or StringIO(), **options)
    return out.getvalue()


def works(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/claims/").status_code


def test_issue_token_prints_the_token_alone_and_a_user_may_hold_several():
    first = issue(username="wire-bot", role="analyst", name="ingest script")
    assert first.count("\n") == 1
    second = issue(username="wire-bot", role="editor").strip()
    assert first.strip() != second
    assert works(first.strip()) == 200 and works(second) == 200
    tokens = ApiToken.objects.filter(user__username="wire-bot")
    assert sorted(t.name for t in tokens) == ["", "ingest script"]
    user = tokens.first().user
    assert [g.name for g in user.groups.all()] == ["editor"]
    assert user.has_perm("claims.add_review")


def test_issue_token_with_rotate_revokes_the_previous_tokens():
    old = issue(username="wire-bot", role="analyst").strip()
    err = StringIO()
    new = issue(username="wire-bot", role="analyst", rotate=True, stderr=err).strip()
    assert works(old) == 401 and works(new) == 200
    assert "revoked 1 previous token" in err.getvalue()


def test_issue_token_refuses_bad_lifetimes_and_names():
    for options in ({"days": 0}, {"days": 100_000}, {"name": "x" * 101}, {"name": "a\x00b"}):
        with pytest.raises(CommandError):
            issue(username="wire-bot", role="analyst", **options)
    with pytest.raises(CommandError):
        issue(username="", role="analyst")
    with pytest.raises(CommandError):
        issue(username="u" * 200, role="analyst")
    # Non-English names and usernames are ordinary input.
    token = issue(username="редактор", role="analyst", name="Київ — стрічка").strip()
    assert works(token) == 200


def test_revoke_token_by_its_first_characters_or_all_of_them():
    one = issue(username="wire-bot", role="analyst").strip()
    two = issue(username="wire-bot", role="analyst").strip()
    out = StringIO()
    call_command("revoke_token", username="wire-bot", token=one[:8], stdout=out)
    assert "revoked 1" in out.getvalue()
    assert works(one) == 401 and works(two) == 200
    call_command("revoke_token", username="wire-bot", all=True, stdout=StringIO())
    assert works(two) == 401


@pytest.mark.parametrize(
    "token", ["", "short", "ffffffffffffffff", "'; DROP TABLE core_apitoken; --", "é" * 20]
)
def test_revoke_token_refuses_what_matches_no_token(token):
    issue(username="wire-bot", role="analyst")
    with pytest.raises(CommandError):
        call_command("revoke_token", username="wire-bot", token=token, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("revoke_token", username="nobody", all=True, stdout=StringIO())
    assert ApiToken.objects.count() == 1


def test_revoke_token_given_neither_a_token_nor_all_revokes_nothing():
    kept = issue(username="wire-bot", role="analyst").strip()
    with pytest.raises(CommandError):
        call_command("revoke_token", username="wire-bot", stdout=StringIO())
    assert works(kept) == 200
