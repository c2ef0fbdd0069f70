"""Is the broker there, and how much is waiting in each queue? For /readyz and
`manage.py pipeline_status`. Embedded mode has no broker: tasks run in-process."""

from dataclasses import dataclass, field

# The project's app, which conflictwatch/__init__ makes current: core imports nothing
# above itself (the import contracts in pyproject.toml).
from celery import current_app as celery_app
from django.conf import settings


@dataclass(frozen=True)
class BrokerState:
    mode: str  # "in-process" (no broker configured) or "broker"
    reachable: bool
    queue_depths: dict[str, int] = field(default_factory=dict)
    error: str = ""


def pipeline_queues() -> list[str]:
    return [
        celery_app.conf.task_default_queue,
        settings.CELERY_EXTRACT_QUEUE,
        settings.CELERY_FETCH_QUEUE,
        settings.CELERY_WEBHOOK_QUEUE,
    ]


def broker_state(*, timeout: float = 2.0) -> BrokerState:
    """One short connection: reachable or not, and each pipeline queue's message count
    (a passive declare, which creates nothing)."""
    if celery_app.conf.task_always_eager or not celery_app.conf.broker_url:
        return BrokerState(mode="in-process", reachable=True)
    depths: dict[str, int] = {}
    try:
        with celery_app.connection_for_read() as connection:
            # kombu's stubs say int; it only compares the timeout with elapsed seconds.
            connection.ensure_connection(max_retries=1, timeout=timeout)  # type: ignore[arg-type]
            channel = connection.default_channel
            for queue in pipeline_queues():
                try:
                    # The stubs type default_channel as the abstract StdChannel; the
                    # transports' channels (Redis: kombu's virtual Channel) declare queues.
                    declared = channel.queue_declare(queue, passive=True)  # type: ignore[attr-defined]
                    depths[queue] = declared.message_count
                except Exception:  # a queue nobody has declared yet holds nothing
                    depths[queue] = 0
    except Exception as exc:  # kombu and redis raise many types; each means "not there"
        return BrokerState(mode="broker", reachable=False, error=f"{type(exc).__name__}: {exc}")
    return BrokerState(mode="broker", reachable=True, queue_depths=depths)
