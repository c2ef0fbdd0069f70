"""API tokens: the issue_token command."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_issue_token_prints_a_new_token_alone_and_rotates_it():
    out = StringIO()
    call_command("issue_token", username="wire-bot", role="analyst", stdout=out, stderr=StringIO())
    first = out.getvalue().strip()
    assert Token.objects.get(user__username="wire-bot").key == first
    out = StringIO()
    call_command("issue_token", username="wire-bot", role="editor", stdout=out, stderr=StringIO())
    second = out.getvalue()
    assert second.strip() != first and second.count("\n") == 1
    assert list(Token.objects.filter(user__username="wire-bot").values_list("key", flat=True)) == [
        second.strip()
    ]
    user = Token.objects.get(key=second.strip()).user
    assert [g.name for g in user.groups.all()] == ["editor"]
    assert user.has_perm("claims.add_review")
