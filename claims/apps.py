from django.apps import AppConfig
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate


def _reinstall_sqlite_triggers(sender, using, **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds the table (its way of
    altering a column), so the embedded database gets them back after every migrate.
    PostgreSQL keeps triggers across ALTER TABLE."""
    # Imported here: the trigger SQL names model values, and this module loads before models.
    from claims import append_only

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    if ("claims", "0006_append_only") in applied:
        append_only.install(connection)


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verification"

    def ready(self) -> None:
        post_migrate.connect(_reinstall_sqlite_triggers, sender=self)
        from claims.tasks import article_stored_receiver
        from sources.signals import article_stored

        # Every article sources stores is queued for extraction (dispatch_uid: once only).
        article_stored.connect(article_stored_receiver, dispatch_uid="claims.extract-stored")
