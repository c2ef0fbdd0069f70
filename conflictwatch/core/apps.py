from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "conflictwatch.core"
    label = "core"
    verbose_name = "ConflictWatch core"

    def ready(self) -> None:
        # Imported for their side effects: registering system checks and schema extensions.
        from conflictwatch.core import checks, schema  # noqa: F401
