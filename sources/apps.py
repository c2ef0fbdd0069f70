from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and articles"

    def ready(self) -> None:
        from sources.signals import fetch_requested
        from sources.tasks import fetch_requested_receiver

        # New fetches are queued once their transaction commits (dispatch_uid: once only).
        fetch_requested.connect(fetch_requested_receiver, dispatch_uid="sources.queue-fetches")
