"""A statement timeout for API reads on PostgreSQL, so one expensive query (a search, an
export) cannot hold a worker and a database backend for long. Writes are left alone: a
write cut off half-way is worse than a slow one. SQLite (the demo) has no such setting."""

from django.conf import settings
from django.db import DatabaseError, connections, router

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
QUERY_CANCELED = "57014"


def is_statement_timeout(exc: BaseException) -> bool:
    """A query PostgreSQL cancelled (statement_timeout)."""
    cause = getattr(exc, "__cause__", None)
    return isinstance(exc, DatabaseError) and getattr(cause, "sqlstate", None) == QUERY_CANCELED


class ApiReadTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout_ms = settings.API_READ_STATEMENT_TIMEOUT_MS
        # Where this request reads: the replica, when one is configured and the request
        # has not written (conflictwatch.core.replicas, earlier in MIDDLEWARE).
        # a request-wide choice: the router reads no model here
        connection = connections[router.db_for_read(None)]  # type: ignore[arg-type]
        if (
            not timeout_ms
            or request.method not in SAFE_METHODS
            or not request.path.startswith("/api/")
            or connection.vendor != "postgresql"
        ):
            return self.get_response(request)
        _set_timeout(connection, str(timeout_ms))
        try:
            return self.get_response(request)
        finally:
            self._reset(connection)

    def _reset(self, connection) -> None:
        try:
            _set_timeout(connection, "0")
        except DatabaseError:
            if not connection.in_atomic_block:
                # A connection that can't take this is no good for the next request.
                connection.close()
            # In a transaction (a test, ATOMIC_REQUESTS), its rollback undoes the setting.


def _set_timeout(connection, value: str) -> None:
    """Session-level (requests run in autocommit), so it is reset after the request: the
    connection is kept for the next one, which may be a write. Sent on the driver's own
    cursor: plumbing, not one of the request's queries (pages pin their query counts)."""
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [value])
