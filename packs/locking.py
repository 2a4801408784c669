"""One render per pack at a time: a PostgreSQL advisory lock keyed by the pack's id, or on the
embedded default (SQLite) a lock on a file of the pack's own. Both go when the worker dies."""
import contextlib
import fcntl

from django.conf import settings
from django.db import connection

LOCK_NAMESPACE = 7164  # first key of pg_advisory_lock(int, int); the second is the pack's id


class PackBusy(Exception):
    """Another render of the same pack holds its lock."""


@contextlib.contextmanager
def pack_lock(pack_id: int, *, wait: bool):
    """One render per pack at a time. A PostgreSQL session lock: it goes when the worker dies."""
    if connection.vendor != "postgresql":
        with _file_lock(pack_id, wait=wait):
            yield
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


@contextlib.contextmanager
def _file_lock(pack_id: int, *, wait: bool):
    """SQLite has no advisory locks; the worker's processes share the var folder, so a file lock
    (released by the kernel if the process dies) keeps two renders of one pack apart."""
    folder = settings.VAR_DIR / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"pack-{pack_id}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PackBusy(pack_id) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
