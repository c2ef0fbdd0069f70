import logging
import os

from celery import Celery, bootsteps, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

app = Celery("conflictwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class QueueWhatTheBrokerMissed(bootsteps.StartStopStep):
    """Each time the worker's consumer (re)connects to the broker, queue the articles whose
    enqueue failed while the broker was away and those a dead worker left `extracting`, so
    they are extracted as soon as it is back rather than at the next periodic sweep."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, c):
        from django.db import connections

        from claims.tasks import queue_unqueued, requeue_orphaned
        from sources.tasks import requeue_stale_fetches

        try:
            queue_unqueued()
            # What a worker killed mid-task left `extracting` (often this worker's former
            # self, restarted by its supervisor).
            requeue_orphaned()
            # Fetches never queued (age does not matter: they never reached the broker).
            requeue_stale_fetches(older_than_seconds=10**9)
        except Exception:  # never stop the worker from consuming over this
            logger.exception("could not queue work missed while the broker was away")
        finally:
            connections.close_all()


app.steps["consumer"].add(QueueWhatTheBrokerMissed)


@signals.task_prerun.connect
@signals.task_postrun.connect
def close_old_database_connections(sender=None, **_):
    """What Django does around each request: close a connection past CONN_MAX_AGE or one
    that failed its health check, keep the others (Celery's own closing is turned off by
    CELERY_DB_REUSE_MAX). Not for tasks run in-process: they share the caller's."""
    if sender is not None and getattr(sender.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


# Whether this worker consumes the extract queue, decided in the parent before the pool
# forks (its children inherit it): a fetch-only worker has no use for spaCy's memory.
_extracts = {"yes": False}


@signals.celeryd_init.connect
def note_the_queues(sender=None, conf=None, options=None, **_):
    from django.conf import settings

    queues = (options or {}).get("queues") or []
    if isinstance(queues, str):
        queues = queues.split(",")
    # No --queues means every queue in the routes and the default, extraction among them.
    _extracts["yes"] = not queues or settings.CELERY_EXTRACT_QUEUE in queues


@signals.worker_process_init.connect
def warm_up_extraction(**_):
    """Load the spaCy pipeline as each pool process starts, so the first article does not
    wait for it and a broken model fails the worker at start, not every task. The pipeline
    is cached per process (claims.extraction.pipeline.get_nlp), so this is its only load."""
    from django.conf import settings

    if not (_extracts["yes"] and settings.CELERY_WARM_UP_EXTRACTION):
        return
    from claims.extraction.pipeline import get_nlp

    get_nlp()
    logger.info("extraction pipeline loaded in worker process %s", os.getpid())
