"""Public pages answer from the Django cache (Redis when CACHE_URL names one, local memory
otherwise), keyed by the public edition: any change a public page could show bumps the edition
(`public.signals`), so no cached page outlives what it shows.

The edition lives in the database, not in the cache, so a change made by the Celery worker (a
pack published) invalidates the pages cached by every web process, whatever cache backend each
has. Only what an anonymous visitor is sent is cached: a signed-in reader's page is their own.
"""
import functools
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone

from public.models import PublicEdition

TIMEOUT = 60 * 60 * 24
# What a feed says about itself that a cached copy must say too.
KEPT_HEADERS = ("Last-Modified", "Content-Disposition")


def edition() -> PublicEdition:
    row = PublicEdition.objects.filter(pk=1).first()
    if row is None:
        row, _ = PublicEdition.objects.get_or_create(pk=1)
    return row


def bump() -> None:
    """Make every cached public page stale (after the change is committed, so no reader caches the
    old state under the new edition)."""
    def _bump():
        updated = PublicEdition.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
        if not updated:
            PublicEdition.objects.get_or_create(pk=1, defaults={"number": 1})

    transaction.on_commit(_bump)


def _key(request, number: int) -> str:
    path = request.get_full_path()
    digest = hashlib.sha256(path.encode()).hexdigest()
    # The day is in the key: "upcoming" and "held" turn on the date, not only on edits.
    return f"public:{number}:{timezone.localdate().isoformat()}:{digest}"


def public_cached(view):
    """Serve anonymous GETs of this view from the cache; everything else is rendered as usual."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key(request, edition().number)
        stored = cache.get(key)
        if stored is not None:
            content, content_type, status, headers = stored
            response = HttpResponse(content, content_type=content_type, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, response["Content-Type"], response.status_code, headers), TIMEOUT)
            response["X-Public-Cache"] = "miss"
        return response

    return wrapped
