"""What the claims API returns, and the filters its list endpoints accept."""

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import selectors
from claims.models import Claim, Correction, Review
from claims.models import SettlementStatus as StatusRow
from claims.services.answers import ANSWER_WINDOW
from claims.services.reviews import BULK_MAX_CLAIMS, EVIDENCE_URL_MAX_CHARS, NOTE_MAX_CHARS
from conflictwatch.core.api import text_query_field
from conflictwatch.core.exceptions import DomainError
from gazetteer.models import Actor, Settlement, SettlementAlias, Side
from sources.models import Article

if TYPE_CHECKING:
    from conflictwatch.core.users import User

# The largest id a bigint column holds: a larger one is a bad value, not "no match".
ID_MAX = 2**63 - 1


class StatusBasisClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claimant_side = serializers.CharField()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    side = serializers.CharField(allow_null=True)
    date = serializers.DateField(help_text="The claim's event date, else its stated date.")


class AssessedSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=StatusRow.State.choices)
    side = serializers.CharField(
        allow_null=True, help_text="The controlling (while contested: last controlling) side."
    )
    since = serializers.DateField(allow_null=True)
    claims = StatusBasisClaimSerializer(
        many=True, help_text="The confirmed claims the state rests on."
    )


class ClaimedSerializer(serializers.Serializer):
    side = serializers.CharField(help_text="The claimant's side key; third-party comes last.")
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    stated_on = serializers.DateField()
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    claim = serializers.IntegerField(help_text="The claim's id.")


class SettlementStatusSerializer(serializers.Serializer):
    assessed = AssessedSerializer()
    claimed = ClaimedSerializer(many=True, help_text="Each side's latest claim.")
    flags = serializers.ListField(child=serializers.CharField())


class SettlementStatusAsOfSerializer(SettlementStatusSerializer):
    as_of = serializers.DateField(allow_null=True)
    on = serializers.DateField(allow_null=True)


class SettlementStateSerializer(serializers.Serializer):
    """The stored current status, compact, for lists and maps."""

    state = serializers.ChoiceField(choices=StatusRow.State.choices)
    side = serializers.CharField(allow_null=True)
    since = serializers.DateField(allow_null=True)
    flags = serializers.ListField(child=serializers.CharField())


def _status_row(settlement: Settlement) -> StatusRow | None:
    # Loaded with select_related by the selectors; a settlement never touched has no row.
    return getattr(settlement, "current_status", None)


class SettlementSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:settlement-detail")
    claim_count = serializers.IntegerField(read_only=True)
    status = serializers.SerializerMethodField()

    @extend_schema_field(SettlementStateSerializer)
    def get_status(self, settlement: Settlement) -> dict:
        as_of = self.context.get("as_of")
        if as_of is not None:
            # Rebuilt from the history for each settlement of the page (a few queries
            # each); the stored row only knows the present.
            assessed = selectors.settlement_status(settlement_id=settlement.id, as_of=as_of)
        else:
            assessed = selectors.stored_status_json(_status_row(settlement))
        return {
            "state": assessed["assessed"]["state"],
            "side": assessed["assessed"]["side"],
            "since": assessed["assessed"]["since"],
            "flags": assessed["flags"],
        }

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
            "status",
            "url",
        ]


class SettlementAliasSerializer(serializers.ModelSerializer):
    side: serializers.SlugRelatedField[Side] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )

    class Meta:
        model = SettlementAlias
        fields = ["name", "kind", "language", "side"]


class SettlementDetailSerializer(SettlementSerializer):
    aliases = SettlementAliasSerializer(many=True, read_only=True)

    @extend_schema_field(SettlementStatusSerializer)
    def get_status(self, settlement: Settlement) -> dict:
        return selectors.stored_status_json(_status_row(settlement))

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
    article_url: serializers.HyperlinkedRelatedField[Article] = serializers.HyperlinkedRelatedField(
        source="article", view_name="api:article-detail", read_only=True
    )
    settlement = SettlementRefSerializer(read_only=True)
    claimant = ActorRefSerializer(read_only=True, allow_null=True)
    side = BlankAsNullField(read_only=True)
    answers: serializers.PrimaryKeyRelatedField[Claim] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="For a denial: the id of the claim it answers (an opposing capture of the "
        "same settlement in the same article, else the latest made up to "
        f"{ANSWER_WINDOW.days} days before); null when it answers none.",
    )

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
            "answers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def updated_since_field() -> serializers.DateTimeField:
    return serializers.DateTimeField(
        required=False,
        help_text="Only what changed at or after this time (ISO 8601, e.g. "
        "2025-02-01T00:00:00Z), least recently changed first. For a complete copy, use "
        "the change feed (/api/v1/changes/), which also gives deletions.",
        error_messages={"invalid": "Give updated_since as ISO 8601, e.g. 2025-02-01T00:00:00Z."},
    )


class SettlementListParams(serializers.Serializer):
    # A pattern rather than a plain CharField so the schema says what DRF refuses anyway
    # (a null character).
    q = serializers.RegexField(
        r"^[^\x00]*$",
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=f"Name or alias prefix, at least {selectors.QUERY_MIN_CHARS} letters.",
        error_messages={"invalid": "The search contains a null character."},
    )

    def validate_q(self, value: str) -> str:
        try:
            return selectors.settlement_query_check(value)
        except DomainError as error:
            raise serializers.ValidationError(error.message, code=error.code) from error

    conflict = serializers.SlugField(
        required=False, max_length=64, source="conflict_key", help_text="Conflict key."
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        required=False,
        help_text="ISO 3166 alpha-2 country code.",
        error_messages={"invalid": "Use a two-letter country code, e.g. UA."},
    )
    region = serializers.RegexField(
        r"^[^\x00]*$",
        required=False,
        max_length=200,
        help_text="Part of the region's name, any case (Donetsk).",
        error_messages={"invalid": "The region contains a null character."},
    )
    state = serializers.ChoiceField(
        required=False, choices=StatusRow.State.choices, help_text="The assessed state."
    )
    side = serializers.SlugField(
        required=False, max_length=64, help_text="The controlling side's key (russia)."
    )
    disputed = serializers.ChoiceField(
        required=False,
        choices=["true", "false"],
        help_text="true: only settlements flagged disputed-claims; false: only those not.",
    )
    changed_since = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="Only settlements whose status changed on or after this day (UTC).",
        error_messages={"invalid": "Give changed_since as a date, YYYY-MM-DD (e.g. 2025-02-01)."},
    )
    updated_since = updated_since_field()
    as_of = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="Each settlement's status as it stood at the end of this day (UTC), "
        "YYYY-MM-DD, in the list and the CSV and GeoJSON exports. The filters apply to "
        "the current status.",
        error_messages={"invalid": "Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."},
    )

    def validate_disputed(self, value: str) -> bool:
        return value == "true"


class ClaimListParams(serializers.Serializer):
    settlement = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, source="settlement_id"
    )
    article = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, source="article_id"
    )
    conflict = serializers.SlugField(required=False, max_length=64, source="conflict_key")
    status = serializers.ChoiceField(required=False, choices=Claim.Status.choices)
    kind = serializers.ChoiceField(required=False, choices=Claim.Kind.choices)
    claimant_side = serializers.SlugField(
        required=False, max_length=64, help_text="A side key, or third-party."
    )
    updated_since = updated_since_field()
    q = text_query_field("Claims whose evidence sentence has every word of this")


class SettlementStatusParams(serializers.Serializer):
    as_of = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="The status as it stood at the end of this day (UTC), as YYYY-MM-DD. "
        "A future date answers with what is known now.",
        error_messages={"invalid": "Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."},
    )
    on = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="Event time: who held it on this day by what is known now (the claims "
        "dated, by event date else stated date, on or before it; every review to date).",
        error_messages={"invalid": "Give on as a date, YYYY-MM-DD (e.g. 2025-02-01)."},
    )

    def validate(self, attrs):
        if "as_of" in attrs and "on" in attrs:
            raise serializers.ValidationError(
                {"on": ["Give as_of (what was known then) or on (event time), not both."]}
            )
        return attrs


class ReviewSerializer(serializers.ModelSerializer):
    reviewer: "serializers.SlugRelatedField[User]" = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    claim: serializers.PrimaryKeyRelatedField[Claim] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )

    class Meta:
        model = Review
        fields = ["id", "claim", "verdict", "note", "evidence_url", "reviewer", "created_at"]
        read_only_fields = fields


class ReviewCreateSerializer(serializers.Serializer):
    """Shape only: the rules (a dispute needs a note, http(s) links) live in review_add."""

    verdict = serializers.ChoiceField(choices=Review.Verdict.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_CHARS, default=""
    )
    evidence_url = serializers.CharField(
        required=False, allow_blank=True, max_length=EVIDENCE_URL_MAX_CHARS, default=""
    )


class BulkConfirmSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=BULK_MAX_CLAIMS,
        help_text=f"Ids of the claims to confirm (at most {BULK_MAX_CLAIMS}).",
    )


class BulkConfirmResultSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField(
        help_text="How many were confirmed; missing, superseded, disputed and already "
        "confirmed claims are skipped."
    )


class CorrectionSerializer(serializers.ModelSerializer):
    editor: "serializers.SlugRelatedField[User]" = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    claim: serializers.PrimaryKeyRelatedField[Claim] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    changes = serializers.JSONField(
        read_only=True, help_text="{field: [before, after]}; a merge records merged_from."
    )

    class Meta:
        model = Correction
        fields = ["id", "claim", "changes", "note", "editor", "created_at"]
        read_only_fields = fields


class CorrectionCreateSerializer(serializers.Serializer):
    """Give only the fields to change. Checked against the claim's conflict by
    claim_correct."""

    settlement = serializers.IntegerField(required=False, min_value=1, source="settlement_id")
    claimant_side = serializers.CharField(required=False, max_length=64)
    kind = serializers.ChoiceField(required=False, choices=Claim.Kind.choices)
    side = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text="Empty for contested."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_CHARS, default=""
    )


class ProvisionalResolveSerializer(serializers.Serializer):
    target = serializers.IntegerField(
        min_value=1, help_text="The settlement (usually a gazetteer one) this one really is."
    )
