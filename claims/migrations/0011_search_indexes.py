"""Trigram indexes for name search and a full-text index over claim evidence
(conflictwatch.core.search; the expressions must match it word for word)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from conflictwatch.core.migration_ops import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_claim_status_guard")]

    operations = [
        TrigramExtension(),
        PostgreSQLOnly(
            "CREATE INDEX settlement_name_trgm_idx ON claims_settlement "
            "USING gin (normalized_name gin_trgm_ops)",
            "DROP INDEX settlement_name_trgm_idx",
        ),
        PostgreSQLOnly(
            "CREATE INDEX settlementalias_trgm_idx ON claims_settlementalias "
            "USING gin (normalized gin_trgm_ops)",
            "DROP INDEX settlementalias_trgm_idx",
        ),
        PostgreSQLOnly(
            "CREATE INDEX claim_evidence_fts_idx ON claims_claim "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(evidence, '')))",
            "DROP INDEX claim_evidence_fts_idx",
        ),
    ]
