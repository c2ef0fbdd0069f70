"""Migration operations for what only PostgreSQL has (trigram and full-text GIN indexes):
on the embedded SQLite demo they do nothing, and its search falls back to LIKE
(conflictwatch.core.search)."""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op elsewhere. The indexes it makes are
    not in the models' Meta, which would put PostgreSQL syntax in every database's DDL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
