"""Shapes of the webhooks API: a subscription (and, once, its secret), a delivery with its
attempts. Serializers only parse and render; webhooks.services does the work."""

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from claims.models import Change
from gazetteer.models import Conflict, Settlement
from webhooks.models import Delivery, DeliveryAttempt, Subscription
from webhooks.payloads import payload
from webhooks.services.subscriptions import DESCRIPTION_MAX_CHARS, URL_MAX_CHARS
from webhooks.signing import secret_hint

EVENT_TYPES_MAX = len(Change.Event.values)


class SubscriptionSerializer(serializers.ModelSerializer):
    conflict: serializers.SlugRelatedField[Conflict] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    settlement: serializers.PrimaryKeyRelatedField[Settlement] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=Change.Event.choices),
        help_text="The events delivered; empty means every event.",
    )
    delivered_count = serializers.IntegerField(read_only=True, default=0)
    failed_count = serializers.IntegerField(read_only=True, default=0)
    open_count = serializers.IntegerField(
        read_only=True, default=0, help_text="Deliveries waiting for an attempt."
    )
    secret_hint = serializers.SerializerMethodField(
        help_text="The current secret's last four characters, to tell which one it is."
    )
    previous_secret_expires_at = serializers.SerializerMethodField(
        help_text="After a rotation: until when the replaced secret still signs too "
        "(null when only the current one signs)."
    )

    class Meta:
        model = Subscription
        fields = [
            "id", "url", "description", "conflict", "settlement", "event_types", "active",
            "disabled_reason", "created_at", "updated_at", "delivered_count",
            "failed_count", "open_count", "secret_hint", "secret_rotated_at",
            "previous_secret_expires_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_secret_hint(self, subscription: Subscription) -> str:
        return secret_hint(subscription.secret)

    def get_previous_secret_expires_at(self, subscription: Subscription) -> dt.datetime | None:
        return subscription.overlap_ends_at(at=timezone.now())


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Verify deliveries with it (Standard Webhooks). Shown in this answer only.",
    )

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class SubscriptionCreateSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=URL_MAX_CHARS, help_text="An http(s) URL on the public internet."
    )
    conflict = serializers.SlugField(
        required=False, allow_blank=True, max_length=64,
        help_text="Only changes about this conflict (its key).",
    )  # fmt: skip
    settlement = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
        help_text="Only changes about this settlement (its id). Not with `conflict`.",
    )  # fmt: skip
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=Change.Event.choices),
        required=False, max_length=EVENT_TYPES_MAX, default=list,
        help_text="Only these events; leave out (or empty) for every event.",
    )  # fmt: skip
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=DESCRIPTION_MAX_CHARS, default=""
    )


class SubscriptionUpdateSerializer(serializers.Serializer):
    url = serializers.CharField(required=False, max_length=URL_MAX_CHARS)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=Change.Event.choices),
        required=False, max_length=EVENT_TYPES_MAX,
    )  # fmt: skip
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=DESCRIPTION_MAX_CHARS
    )
    active = serializers.BooleanField(
        required=False,
        help_text="false stops deliveries; true switches a stopped subscription back on.",
    )


class SecretRotateSerializer(serializers.Serializer):
    overlap_seconds = serializers.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1,
        help_text="How long the replaced secret still signs too (default: one day; at most "
        "WEBHOOK_SECRET_OVERLAP_MAX_SECONDS, a week by default). 0 stops it at once.",
    )  # fmt: skip


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = [
            "number", "started_at", "duration_ms", "status_code", "response_snippet", "error",
            "next_attempt_at", "replay",
        ]  # fmt: skip
        read_only_fields = fields


class DeliverySerializer(serializers.ModelSerializer):
    attempts_log = AttemptSerializer(source="attempt_log", many=True, read_only=True)
    payload = serializers.SerializerMethodField(help_text="The body sent, as JSON.")
    change = serializers.IntegerField(source="change_id", read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id", "message_id", "event", "change", "status", "attempts", "next_attempt_at",
            "last_status_code", "last_error", "delivered_at", "replayed_at", "created_at",
            "payload", "attempts_log",
        ]  # fmt: skip
        read_only_fields = fields

    def get_payload(self, delivery: Delivery) -> dict:
        return payload(delivery.change)
