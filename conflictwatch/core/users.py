"""The signed-in user, typed: `User` for annotations (`reviewer: User`) and `signed_in_user`
for views that hand the request's user to a service.

`User` is django-stubs' placeholder, which its mypy plugin turns into settings.AUTH_USER_MODEL
(Django's own User here), so code typed with it keeps working if the user model is swapped.
Import it under TYPE_CHECKING: it names nothing at run time.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def signed_in_user(request: HttpRequest | Request) -> "User":
    """The request's user, for views that already required a login: services record who
    wrote, and an anonymous visitor reaching one (a view missing its login check) is
    refused here rather than stored as nobody."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user
