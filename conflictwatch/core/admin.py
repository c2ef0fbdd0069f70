from django.contrib import admin
from knox.models import AuthToken

from conflictwatch.core.models import ApiToken


class ReadOnly:
    """For admin classes and inlines: listed and opened, never added, changed or deleted
    here (records the app's services write)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """Reviews, corrections, stored status, webhook deliveries."""


# knox registers its own model, which ApiToken replaces (KNOX_TOKEN_MODEL): it has no table.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are listed and revoked (deleted) here; issued with `manage.py issue_token`
    or on the user's tokens page, where the token is shown once."""

    list_display = ["token_key", "name", "user", "created", "expiry", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["^token_key", "user__username", "name"]
    fields = readonly_fields = ("token_key", "name", "user", "created", "expiry", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
