"""What the claims API returns, and the filters its list endpoints accept."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Actor, Claim, Settlement, SettlementAlias


class SettlementSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:settlement-detail")
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Settlement
        fields = [
            "id",
            "name",
            "country",
            "region",
            "latitude",
            "longitude",
            "population",
            "source",
            "claim_count",
            "url",
        ]


class SettlementAliasSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = SettlementAlias
        fields = ["name", "kind", "language", "side"]


class SettlementDetailSerializer(SettlementSerializer):
    aliases = SettlementAliasSerializer(many=True, read_only=True)

    class Meta(SettlementSerializer.Meta):
        fields = [*SettlementSerializer.Meta.fields, "aliases"]


class SettlementRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Settlement
        fields = ["id", "name"]


class ActorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["key", "name"]


@extend_schema_field({"type": "string", "nullable": True})
class BlankAsNullField(serializers.CharField):
    def to_representation(self, value):
        return value or None


class ClaimSerializer(serializers.ModelSerializer):
    article_url = serializers.HyperlinkedRelatedField(
        source="article", view_name="api:article-detail", read_only=True
    )
    settlement = SettlementRefSerializer(read_only=True)
    claimant = ActorRefSerializer(read_only=True, allow_null=True)
    side = BlankAsNullField(read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "article_url",
            "settlement",
            "settlement_mention",
            "claimant",
            "claimant_name",
            "claimant_side",
            "kind",
            "side",
            "evidence",
            "evidence_start",
            "evidence_end",
            "stated_on",
            "event_date",
            "confidence",
            "extractor_version",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class SettlementListParams(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Name or alias prefix."
    )
    conflict = serializers.SlugField(
        required=False, max_length=64, source="conflict_key", help_text="Conflict key."
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        required=False,
        help_text="ISO 3166 alpha-2 country code.",
        error_messages={"invalid": "Use a two-letter country code, e.g. UA."},
    )


class ClaimListParams(serializers.Serializer):
    settlement = serializers.IntegerField(required=False, min_value=1, source="settlement_id")
    article = serializers.IntegerField(required=False, min_value=1, source="article_id")
    conflict = serializers.SlugField(required=False, max_length=64, source="conflict_key")
    status = serializers.ChoiceField(required=False, choices=Claim.Status.choices)
    kind = serializers.ChoiceField(required=False, choices=Claim.Kind.choices)
    claimant_side = serializers.SlugField(
        required=False, max_length=64, help_text="A side key, or third-party."
    )
