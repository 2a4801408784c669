"""The section cache: rendered PDFs kept under a hash of exactly what went into them.

Pack sections, converted appendices and the printed minutes (lent to minutes/ in
PacksConfig.ready()) are rendered once per content and read back from storage after that.
"""
import contextlib
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction

from core.pdf import content_hash, render_html
from packs.models import RenderedSection


def _cache_put(key: str, label: str, result: dict) -> RenderedSection:
    name = f"{key}.pdf"
    with contextlib.suppress(IntegrityError), transaction.atomic():
        section = RenderedSection(key=key, label=label[:400], page_count=result["page_count"],
                                  bookmarks=result["bookmarks"], render_seconds=result["seconds"])
        section.file.save(name, ContentFile(result["pdf"]), save=False)
        section.save()
        return section
    return RenderedSection.objects.get(key=key)  # another run stored it first


RENDER_LOCK_NAMESPACE = 7165  # pg_advisory_lock(7165, <first 28 bits of the key>): one render per key


@contextlib.contextmanager
def _render_lock(key: str):
    """Requests that miss the cache for the same key wait for one render instead of each rendering."""
    if connection.vendor != "postgresql":
        yield
        return
    args = [RENDER_LOCK_NAMESPACE, int(key[:7], 16)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", args)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", args)


def _cached_pdf(key: str) -> bytes | None:
    section = RenderedSection.objects.filter(key=key).first()
    if section is None:
        return None
    try:
        return _read(section.file.name)
    except OSError:  # the row outlived its file: render again
        RenderedSection.objects.filter(pk=section.pk).delete()
        return None


def cached_render(html: str, *, key_prefix: str, label: str) -> bytes:
    """A PDF of `html` from the section cache, rendered (tagged) and stored only on a miss.

    Keyed by a hash of the HTML (and the renderer version), as pack sections are. Requests
    that miss together render once: the others wait for it and read the stored file.
    """
    key = content_hash(key_prefix, html)
    pdf = _cached_pdf(key)
    if pdf is not None:
        return pdf
    with _render_lock(key):
        pdf = _cached_pdf(key)
        if pdf is not None:
            return pdf
        started = time.monotonic()
        result = render_html(html)
        _cache_put(key, label, {"pdf": result.pdf, "page_count": result.page_count,
                                "bookmarks": result.bookmarks, "seconds": time.monotonic() - started})
        return result.pdf


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as f:
        return f.read()
