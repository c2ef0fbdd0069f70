"""Reference data: the conflicts and their sides, the actors who speak for them, and the
gazetteer of settlements with their other names.

The claim ledger (claims) points here; nothing here knows about claims. The tables keep
the `claims_` names they were created with (the models moved apps in gazetteer 0001, state
only), so no data moved.
"""

from django.db import models
from django.db.models import Q

from gazetteer.names import normalize_name
from gazetteer.vocabulary import THIRD_PARTY


class Conflict(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    # ISO 3166 alpha-2 codes whose gazetteer settlements belong to this conflict.
    countries = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "claims_conflict"
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


class Side(models.Model):
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="sides")
    key = models.SlugField(max_length=64)
    name = models.CharField(max_length=200)
    # Words that mark this side as the agent of an action ("Russian troops", "the RSF").
    agent_terms = models.JSONField(default=list, blank=True)
    # The country whose state this side is (ISO code), blank for armed groups: who "the
    # regional governor" or "the town's military administration" speaks for.
    state_country = models.CharField(max_length=2, blank=True)

    class Meta:
        db_table = "claims_side"
        ordering = ["conflict__key", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["conflict", "key"], name="side_unique_key_per_conflict"
            ),
            models.CheckConstraint(condition=~Q(key=THIRD_PARTY), name="side_key_not_third_party"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.conflict.key})"


class Actor(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government"
        MINISTRY = "ministry"
        MILITARY = "military"
        UNIT = "unit"
        ARMED_GROUP = "armed-group", "armed group"
        OFFICIAL = "official"
        SPOKESPERSON = "spokesperson"
        ANALYST = "analyst"
        MONITOR = "monitor"
        MEDIA = "media"
        INTERNATIONAL = "international"
        OTHER = "other"

    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # Null for actors not tied to one conflict (UN bodies, news agencies).
    conflict = models.ForeignKey(
        Conflict, null=True, blank=True, on_delete=models.CASCADE, related_name="actors"
    )
    # Null: the actor belongs to no side (third-party).
    side = models.ForeignKey(
        Side, null=True, blank=True, on_delete=models.PROTECT, related_name="actors"
    )

    class Meta:
        db_table = "claims_actor"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side__isnull=True) | Q(conflict__isnull=False),
                name="actor_with_side_has_conflict",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def side_key(self) -> str:
        return self.side.key if self.side is not None else THIRD_PARTY


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        db_table = "claims_actoralias"
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "normalized"], name="actoralias_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class Settlement(models.Model):
    class Source(models.TextChoices):
        GEONAMES = "geonames", "GeoNames"
        CURATED = "curated", "curated by ConflictWatch"
        PROVISIONAL = "provisional", "provisional (awaiting an editor)"

    name = models.CharField(max_length=200)
    normalized_name = models.CharField(max_length=200, db_index=True, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    geonameid = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    curated_key = models.SlugField(max_length=100, null=True, blank=True, unique=True)
    country = models.CharField(max_length=2, blank=True, db_index=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    # A provisional settlement an editor merged into a gazetteer one.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "claims_settlement"
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="geonames", geonameid__isnull=False)
                | Q(source="curated", curated_key__isnull=False)
                | Q(source="provisional"),
                name="settlement_source_has_key",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["geonames", "curated", "provisional"]),
                name="settlement_source_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="settlement_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="settlement_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["country", "admin1_code"], name="settlement_region_idx")]

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.region, self.country) if part)
        return f"{self.name} ({where})" if where else self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)

    @property
    def is_provisional(self) -> bool:
        return self.source == self.Source.PROVISIONAL


class SettlementAlias(models.Model):
    class Kind(models.TextChoices):
        TRANSLITERATION = "transliteration"
        OTHER_LANGUAGE = "other-language", "other language"
        PARTY_NAME = "party-name", "a party's name"

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=10, blank=True)
    # The side that uses this name (Russia says "Dzerzhinsk"), for party names.
    side = models.ForeignKey(Side, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        db_table = "claims_settlementalias"
        ordering = ["name"]
        verbose_name_plural = "settlement aliases"
        constraints = [
            models.UniqueConstraint(fields=["settlement", "name"], name="settlementalias_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["transliteration", "other-language", "party-name"]),
                name="settlementalias_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class ReferenceDataLoad(models.Model):
    """One run of `load_reference_data`: which data it loaded, so an unchanged re-run is skipped."""

    fingerprint = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "claims_referencedataload"
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"reference data {self.fingerprint[:12]} loaded {self.loaded_at:%Y-%m-%d %H:%M}"
