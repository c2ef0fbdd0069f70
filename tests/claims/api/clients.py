"""API clients for the claims API tests: users in a role, clients with their token."""

from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from conflictwatch.core.roles import roles_ensure
from conflictwatch.core.tokens import token_issue
from tests.claims.factories import UserFactory

BULK_URL = "/api/v1/claims/confirm/"


def member_of(role: str, username: str):
    roles_ensure()
    user = UserFactory.create(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    _stored, token = token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client
