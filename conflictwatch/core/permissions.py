from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions


class ReadOpenWriteByPermission(BasePermission):
    """Reads are open unless PUBLIC_READ is off; writes need the model's Django permission.

    Editors get the permissions through the `editor` group (see load_reference_data).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return settings.PUBLIC_READ or bool(request.user and request.user.is_authenticated)
        if not (request.user and request.user.is_authenticated):
            return False
        return DjangoModelPermissions().has_permission(request, view)


def write_requires(perm: str) -> type[BasePermission]:
    """A permission class like ReadOpenWriteByPermission whose writes need `perm`
    ("app.codename") rather than the view model's own add/change permission: reviewing a
    claim is `claims.add_review`, not `claims.add_claim`."""

    class WriteRequires(BasePermission):
        def has_permission(self, request, view) -> bool:
            user = request.user
            if request.method in SAFE_METHODS:
                return settings.PUBLIC_READ or bool(user and user.is_authenticated)
            return bool(user and user.is_authenticated and user.has_perm(perm))

    WriteRequires.__name__ = WriteRequires.__qualname__ = f"WriteRequires[{perm}]"
    return WriteRequires
