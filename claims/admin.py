from django.contrib import admin

from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    Conflict,
    Correction,
    Review,
    Settlement,
    SettlementAlias,
    SettlementStatus,
    Side,
)


class SideInline(admin.TabularInline):
    model = Side
    extra = 0


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "countries"]
    search_fields = ["key", "name"]
    prepopulated_fields = {"key": ["name"]}
    inlines = [SideInline]


@admin.register(Side)
class SideAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "conflict"]
    list_filter = ["conflict"]
    list_select_related = ["conflict"]
    search_fields = ["key", "name", "conflict__key"]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "kind", "conflict", "side"]
    list_filter = ["kind", "conflict"]
    list_select_related = ["conflict", "side__conflict"]
    search_fields = ["name", "key", "aliases__normalized"]
    autocomplete_fields = ["side"]
    inlines = [ActorAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "normalized", "actor__name"]
    autocomplete_fields = ["actor"]
    show_full_result_count = False


class SettlementAliasInline(admin.TabularInline):
    model = SettlementAlias
    extra = 1
    autocomplete_fields = ["side"]


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "country", "source", "population", "geonameid"]
    list_filter = ["source", "country"]
    list_select_related = True
    # ~12k settlements and ~100k aliases: prefix search on indexed columns, no full counts.
    search_fields = ["=id", "^name", "^normalized_name", "^aliases__normalized", "=geonameid"]
    raw_id_fields = ["merged_into"]
    readonly_fields = ["normalized_name", "created_at"]
    show_full_result_count = False
    inlines = [SettlementAliasInline]


@admin.register(SettlementAlias)
class SettlementAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "language", "side", "settlement"]
    list_filter = ["kind", "language"]
    list_select_related = ["settlement", "side__conflict"]
    search_fields = ["^normalized", "^settlement__normalized_name"]
    raw_id_fields = ["settlement"]
    autocomplete_fields = ["side"]
    show_full_result_count = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "stated_on",
        "settlement",
        "claimant_side",
        "kind",
        "side",
        "confidence",
        "status",
    ]
    list_filter = ["status", "kind", "conflict"]
    list_select_related = ["settlement"]
    search_fields = ["=id", "^settlement__normalized_name", "claimant_name"]
    raw_id_fields = ["article", "settlement", "claimant"]
    # What a claim says and its status change only through corrections and reviews (the
    # services record who and when, and keep the settlement's status current).
    readonly_fields = [
        "settlement", "claimant_side", "kind", "side", "status", "extracted_as",
        "created_at", "updated_at",
    ]  # fmt: skip
    date_hierarchy = "stated_on"
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        # Deleting a claim would take its reviews and corrections with it.
        return False


class AppendOnlyAdmin(admin.ModelAdmin):
    """Reviews and corrections are written by the app's services, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(AppendOnlyAdmin):
    list_display = ["id", "claim", "verdict", "reviewer", "created_at"]
    list_filter = ["verdict"]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["=claim__id", "reviewer__username"]
    show_full_result_count = False


@admin.register(SettlementStatus)
class SettlementStatusAdmin(AppendOnlyAdmin):
    """Derived from claims and reviews; shown, never typed in."""

    list_display = ["settlement", "state", "side", "since", "updated_at"]
    list_filter = ["state"]
    list_select_related = ["settlement"]
    search_fields = ["^settlement__normalized_name"]
    show_full_result_count = False


@admin.register(Correction)
class CorrectionAdmin(AppendOnlyAdmin):
    list_display = ["id", "claim", "editor", "created_at"]
    list_select_related = ["claim", "editor"]
    search_fields = ["=claim__id", "editor__username"]
    show_full_result_count = False
