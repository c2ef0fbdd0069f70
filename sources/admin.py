from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models

from sources.models import Article, Feed, Fetch, Outlet
from sources.services.feeds import feed_resume

# Django 6 changes URLField's default scheme to https; say so now.
URL_FIELDS: Mapping[type[models.Field], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "url", "created_at"]
    search_fields = ["name"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "__str__",
        "health",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "next_poll_at",
        "conflict",
    ]
    list_filter = ["active", "conflict"]
    list_select_related = ["outlet", "conflict"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
    # Health is the poller's record; editing it by hand would only hide a problem.
    readonly_fields = [
        "etag",
        "last_modified",
        "last_polled_at",
        "last_success_at",
        "last_error",
        "last_error_at",
        "consecutive_failures",
        "next_poll_at",
        "entries_seen",
    ]
    actions = ["resume"]

    @admin.display(description="health")
    def health(self, feed: Feed) -> str:
        return Feed.Health(feed.health).label

    @admin.action(description="Resume (poll now, failures cleared)")
    def resume(self, request, queryset):
        for feed in queryset:
            feed_resume(feed_id=feed.id)


@admin.register(Fetch)
class FetchAdmin(admin.ModelAdmin):
    list_display = ["url", "status", "error_code", "attempts", "feed", "created_at"]
    list_filter = ["status", "error_code"]
    list_select_related = ["feed"]
    search_fields = ["=normalized_url", "url"]
    raw_id_fields = ["feed", "article"]
    show_full_result_count = False

    def has_add_permission(self, request):
        # Fetches come from url_submit and feed polls, which check the URL first.
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "outlet", "published", "status", "origin"]
    list_filter = ["status", "origin", "conflict"]
    list_select_related = ["outlet"]
    search_fields = ["title", "=content_hash", "url"]
    date_hierarchy = "published"
    raw_id_fields = ["feed"]
    autocomplete_fields = ["outlet"]
    # The text is what claims' evidence offsets point into: editing it would break them.
    readonly_fields = [
        "text",
        "content_hash",
        "language",
        "extractor_version",
        "status_changed_at",
        "extracted_at",
        "created_at",
    ]
    show_full_result_count = False

    def has_add_permission(self, request):
        # Articles come in through article_ingest (the paste form, API or feeds).
        return False

    def has_change_permission(self, request, obj=None):
        # An article is evidence: its text, title, date and outlet are what its claims were
        # read from, and its status is the pipeline's. Shown here, changed by nobody.
        return False
