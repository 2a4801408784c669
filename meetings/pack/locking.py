"""One render per pack at a time: a PostgreSQL advisory lock keyed by the pack's id."""
import contextlib

from django.db import connection

LOCK_NAMESPACE = 7164  # first key of pg_advisory_lock(int, int); the second is the pack's id


class PackBusy(Exception):
    """Another render of the same pack holds its lock."""


@contextlib.contextmanager
def pack_lock(pack_id: int, *, wait: bool):
    """One render per pack at a time. A PostgreSQL session lock: it goes when the worker dies."""
    if connection.vendor != "postgresql":
        yield  # SQLite (development): one writer at a time anyway
        return
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, pack_id])
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, pack_id])
            if not cursor.fetchone()[0]:
                raise PackBusy(pack_id)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, pack_id])
