"""The signed-in user handed to services: who wrote is recorded, never nobody."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from conflictwatch.core.users import signed_in_user
from tests.claims.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_signed_in_user_is_the_requests_user():
    request = RequestFactory().post("/review/")
    request.user = UserFactory(username="Редактор")
    assert signed_in_user(request) == request.user


def test_an_anonymous_visitor_is_refused_not_recorded_as_nobody():
    request = RequestFactory().post("/review/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        signed_in_user(request)
