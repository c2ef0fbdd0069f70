import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

app = Celery("conflictwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class QueueWhatTheBrokerMissed(bootsteps.StartStopStep):
    """Each time the worker's consumer (re)connects to the broker, queue the articles whose
    enqueue failed while the broker was away, so they are extracted as soon as it is back
    rather than at the next periodic sweep."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, c):
        from django.db import connections

        from claims.tasks import queue_unqueued
        from sources.tasks import requeue_stale_fetches

        try:
            queue_unqueued()
            # Fetches never queued (age does not matter: they never reached the broker).
            requeue_stale_fetches(older_than_seconds=10**9)
        except Exception:  # never stop the worker from consuming over this
            logger.exception("could not queue work missed while the broker was away")
        finally:
            connections.close_all()


app.steps["consumer"].add(QueueWhatTheBrokerMissed)
