from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from claims.signals import changes_committed
        from webhooks.tasks import changes_committed_receiver

        # Each committed batch of feed entries wakes the dispatcher (dispatch_uid: once only).
        changes_committed.connect(changes_committed_receiver, dispatch_uid="webhooks.dispatch")
