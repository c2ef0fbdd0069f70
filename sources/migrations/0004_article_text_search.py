"""A full-text index over article title and text (conflictwatch.core.search; the
expression must match it word for word)."""

from django.db import migrations

from conflictwatch.core.migration_ops import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_feeds_fetches_dedup")]

    operations = [
        PostgreSQLOnly(
            "CREATE INDEX article_text_fts_idx ON sources_article USING gin "
            "(to_tsvector('simple'::regconfig, "
            "COALESCE(title, '') || ' ' || COALESCE(text, '')))",
            "DROP INDEX article_text_fts_idx",
        ),
    ]
