"""Whether the process extracting an article is still alive, as PostgreSQL sees it.

An extraction holds a session-level advisory lock on its article while it runs. A process
that dies (SIGKILL, the OOM killer) loses its database session and PostgreSQL drops the
lock with it, so an article `extracting` whose lock nobody holds was left by a dead
worker and can be handed on at once, instead of waiting for the broker's visibility
timeout to bring the dead worker's message back or for the lease to run out.

The lock is only a liveness signal: claiming the work stays the conditional UPDATE with
its lease (claims.services.extraction), so a lock that cannot be taken (a duplicate
delivery running beside the first) or one a half-open session keeps alive never blocks
extraction; at worst the early hand-over does not happen and the sweeper's lease applies.
Other databases (SQLite in embedded mode, where tasks run in-process) have no lock.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from django.db import DatabaseError, connection

# The first key of pg_advisory_lock(int4, int4): extraction's own space, so other
# advisory locks cannot be mistaken for a live extraction.
LOCK_SPACE = 0x43570001
_INT4 = 2**31 - 1


def _key(article_id: int) -> int:
    # Ids past int4 share a key with a smaller one: that only makes a dead holder look
    # alive (no early hand-over), never a live one dead.
    return article_id % _INT4


@contextmanager
def extraction_locks(article_ids: Iterable[int]) -> Iterator[None]:
    """Hold the articles' liveness locks for the duration of the block."""
    if connection.vendor != "postgresql":
        yield
        return
    keys = sorted({_key(i) for i in article_ids})
    taken: list[int] = []
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_try_advisory_lock(%s::int4, %s::int4)", [LOCK_SPACE, key])
            if cursor.fetchone()[0]:
                taken.append(key)
    try:
        yield
    finally:
        # A session that is gone took its locks with it.
        with suppress(DatabaseError), connection.cursor() as cursor:
            for key in taken:
                cursor.execute("SELECT pg_advisory_unlock(%s::int4, %s::int4)", [LOCK_SPACE, key])


def extraction_locks_held() -> set[int]:
    """The keys of the liveness locks some session of this database holds now."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid = %s::bigint::oid AND objsubid = 2 AND database ="
            " (SELECT oid FROM pg_database WHERE datname = current_database())",
            [LOCK_SPACE],
        )
        return {row[0] for row in cursor.fetchall()}


def extraction_is_held(article_id: int, held: set[int]) -> bool:
    return _key(article_id) in held
