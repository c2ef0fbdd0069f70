"""What the articles API returns and accepts."""

import datetime as dt

from django.db.models import Model
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conflictwatch.core.api import text_query_field
from sources.models import Article, Feed, Fetch, Outlet

# Generous caps that only stop absurd input early; the service owns the real limits.
TITLE_CAP = 2_000
URL_CAP = 2_000
OUTLET_CAP = 500


@extend_schema_field(
    {"type": "string", "enum": Article.Status.values}, component_name="ArticleStatusEnum"
)
class ArticleListParams(serializers.Serializer):
    q = text_query_field("Articles whose title or text has every word of this")


class ArticleStatusField(serializers.ChoiceField):
    """Named in the schema: claims have a `status` enum too, and the two must not collide."""


class ArticleSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    outlet: serializers.SlugRelatedField[Outlet] = serializers.SlugRelatedField(
        slug_field="name", read_only=True, allow_null=True
    )
    conflict: serializers.SlugRelatedField[Model] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    status = ArticleStatusField(choices=Article.Status.choices, read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "api_url",
            "title",
            "url",
            "outlet",
            "published",
            "conflict",
            "origin",
            "status",
            "claim_count",
            "created_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "status_reason",
            "language",
            "extractor_version",
            "extracted_at",
            "text",
        ]
        read_only_fields = fields


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}],
        "nullable": True,
    }
)
class DateOrDateTimeField(serializers.Field):
    """An ISO date (2025-02-01) or date-time (2025-02-01T09:30:00Z)."""

    default_error_messages = {"invalid": "Use an ISO 8601 date or date-time, e.g. 2025-02-01."}

    def to_internal_value(self, data) -> dt.date | dt.datetime:
        if isinstance(data, str) and len(data) <= 64:
            try:
                value = parse_date(data.strip()) or parse_datetime(data.strip())
            except ValueError:
                value = None
            if value is not None:
                return value
        self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()


class ArticleCreateSerializer(serializers.Serializer):
    """The fields of a pushed article. Only types are checked here: what the text may be
    (empty, too long, binary) is article_ingest's decision, the same for every path in."""

    title = serializers.CharField(max_length=TITLE_CAP)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    published = DateOrDateTimeField(required=False, allow_null=True)
    url = serializers.CharField(required=False, allow_blank=True, max_length=URL_CAP)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=OUTLET_CAP)
    conflict = serializers.SlugField(required=False, allow_blank=True, max_length=64)


class FetchSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:fetch-detail")
    conflict: serializers.SlugRelatedField[Model] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    article: serializers.HyperlinkedRelatedField[Article] = serializers.HyperlinkedRelatedField(
        view_name="api:article-detail", read_only=True, allow_null=True
    )

    class Meta:
        model = Fetch
        fields = [
            "id",
            "api_url",
            "url",
            "status",
            "error_code",
            "error",
            "attempts",
            "feed",
            "conflict",
            "article",
            "created_at",
            "status_changed_at",
        ]
        read_only_fields = fields


class UrlSubmitSerializer(serializers.Serializer):
    """A URL to fetch. Shapes only; url_submit decides what may be fetched."""

    url = serializers.CharField(max_length=URL_CAP, allow_blank=True, trim_whitespace=False)
    conflict = serializers.SlugField(required=False, allow_blank=True, max_length=64)


class FeedSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:feed-detail")
    outlet: serializers.SlugRelatedField[Outlet] = serializers.SlugRelatedField(
        slug_field="name", read_only=True, allow_null=True
    )
    conflict: serializers.SlugRelatedField[Model] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    health = serializers.ChoiceField(choices=Feed.Health.choices, read_only=True)
    fetches_waiting = serializers.IntegerField(read_only=True)
    fetches_failed = serializers.IntegerField(read_only=True)

    class Meta:
        model = Feed
        fields = [
            "id",
            "api_url",
            "url",
            "title",
            "outlet",
            "conflict",
            "active",
            "poll_interval_seconds",
            "health",
            "last_polled_at",
            "last_success_at",
            "last_error",
            "last_error_at",
            "consecutive_failures",
            "next_poll_at",
            "entries_seen",
            "fetches_waiting",
            "fetches_failed",
            "created_at",
        ]
        read_only_fields = fields


class FeedCreateSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=URL_CAP)
    title = serializers.CharField(required=False, allow_blank=True, max_length=TITLE_CAP)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=OUTLET_CAP)
    conflict = serializers.SlugField(required=False, allow_blank=True, max_length=64)
    poll_interval_seconds = serializers.IntegerField(required=False, min_value=1, max_value=10**7)
