"""One writer at a time for a named thing, so a form submitted twice at once makes one record.

On PostgreSQL a transaction-level advisory lock, released at commit or rollback; SQLite already
runs one write transaction at a time (IMMEDIATE transactions), so there is nothing to take.
Call inside `transaction.atomic()`, then check for the record before creating it.
"""
import zlib

from django.db import connection


def serialise(key: str) -> None:
    """Wait until no other transaction holds `key`, then hold it until this transaction ends."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x51, zlib.crc32(key.encode()) & 0x7FFFFFFF])
