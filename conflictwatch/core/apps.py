from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "conflictwatch.core"
    label = "core"
    verbose_name = "ConflictWatch core"

    def ready(self) -> None:
        from conflictwatch.core import checks  # noqa: F401  (registers the system checks)
