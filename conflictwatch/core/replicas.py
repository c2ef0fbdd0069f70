"""Reads from a read replica, writes to the primary (DATABASE_REPLICA_URL, settings).

Which database a query goes to is decided per request:
- a GET/HEAD/OPTIONS reads from the replica, until it writes: from the first write on, it
  reads from the primary too, so it sees what it wrote;
- any other method (a form post, an API write) reads and writes on the primary: it
  checks what it is about to change, and a replica a moment behind would answer wrongly;
- after a request that wrote, the client's next requests read from the primary for
  REPLICA_STICKY_SECONDS (a cookie), so the page a form redirects to shows the change
  even while the replica catches up;
- outside a request (Celery tasks, management commands) everything uses the primary.

The state is a context variable holding a small mutable object, so it is per request
(per thread or task), never shared between requests, and a write deep in a service call
is seen by the router for the rest of that request.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"
STICKY_COOKIE = "cw_read_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _Routing:
    read_replica: bool
    wrote: bool = False


_routing: ContextVar[_Routing | None] = ContextVar("cw_db_routing", default=None)


class ReplicaRouter:
    """DATABASE_ROUTERS entry, active only when a replica is configured."""

    def db_for_read(self, model, **hints):
        state = _routing.get()
        return REPLICA if state is not None and state.read_replica else PRIMARY

    def db_for_write(self, model, **hints):
        state = _routing.get()
        if state is not None:
            state.read_replica, state.wrote = False, True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: an object read from either relates to both.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica gets the schema by replication, never by `migrate`.
        return db == PRIMARY


class ReplicaRoutingMiddleware:
    """Sets the routing for the request (first in MIDDLEWARE, so sessions and
    authentication read the same way as the view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = request.method in SAFE_METHODS and STICKY_COOKIE not in request.COOKIES
        state = _Routing(read_replica=reads)
        token = _routing.set(state)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        if state.wrote:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response


def reading_from_replica() -> bool:
    """Whether reads now go to the replica (for /readyz and tests)."""
    state = _routing.get()
    return state is not None and state.read_replica
