from django.contrib import admin

from gazetteer.models import Actor, ActorAlias, Conflict, Settlement, SettlementAlias, Side


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
    # Merging moves claims (each with a correction): settlement_provisional_resolve does it,
    # from the API or the review pages, not a field typed in here.
    readonly_fields = ["merged_into", "normalized_name", "created_at"]
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
