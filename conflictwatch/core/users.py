"""The type of a signed-in user, for annotations (`reviewer: User`).

django-stubs' placeholder, which its mypy plugin turns into settings.AUTH_USER_MODEL (Django's
own User here), so a service typed with it keeps working if the user model is swapped.
Import it under TYPE_CHECKING: it names nothing at run time.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

    __all__ = ["User"]
