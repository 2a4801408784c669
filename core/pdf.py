"""The one PDF renderer: WeasyPrint with a URL fetcher that fetches nothing from outside.

Every document Quorum renders (agenda packs, minutes, plan snapshots) goes through `render_html`.
Documents are rendered against a made-up origin, `https://quorum.invalid/` (the `.invalid` top-level
domain never resolves). The fetcher serves only our own static files (through the staticfiles
finders or STATIC_ROOT) and our own media files (through Django's storage API) under that origin,
small `data:` URLs, and refuses everything else: `file://`, any other host over http(s), ftp, and
`data:` URLs above `QUORUM_PDF_MAX_DATA_URL_BYTES`.
"""
import base64
import hashlib
import logging
import mimetypes
import urllib.parse
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

INTERNAL_ORIGIN = "https://quorum.invalid"
BASE_URL = INTERNAL_ORIGIN + "/"
MAX_DATA_URL_BYTES = getattr(settings, "QUORUM_PDF_MAX_DATA_URL_BYTES", 2 * 1024 * 1024)
# Bumped whenever the renderer's output changes for the same HTML, so cached sections re-render.
RENDERER_VERSION = "6"  # 2: tag tree repaired for PDF/UA-1 (core/pdf_tags.py)


class RefusedURL(ValueError):
    """The renderer was asked for something outside our own static and media files."""


def _static_path(name: str):
    from django.contrib.staticfiles import finders

    found = finders.find(name)
    if found:
        return found
    candidate = settings.STATIC_ROOT / name if settings.STATIC_ROOT else None
    if candidate and candidate.resolve().is_relative_to(settings.STATIC_ROOT.resolve()) and candidate.is_file():
        return str(candidate)
    return None


def _make_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeURLFetcher(URLFetcher):
        """Serves our static and media files and small data: URLs; refuses everything else.

        `refused` lists what was refused (for logs and tests); nothing refused is ever opened.
        """

        def __init__(self):
            super().__init__(allowed_protocols=("https", "data"), allow_redirects=False, timeout=1)
            self.refused: list[str] = []
            self.served: list[str] = []

        def _refuse(self, url, why):
            self.refused.append(url)
            logger.info("PDF renderer refused %s: %s", url[:200], why)
            raise RefusedURL(f"{why}: {url[:200]}")

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                # A data: URL's size is known before decoding; refuse big ones outright.
                if len(url) > MAX_DATA_URL_BYTES * 4 // 3 + 200:
                    self._refuse(url, "data: URL above the size limit")
                return self._data(url)
            parts = urllib.parse.urlsplit(url)
            if parts.scheme != "https" or parts.netloc != urllib.parse.urlsplit(INTERNAL_ORIGIN).netloc:
                self._refuse(url, "only our own static and media files are fetched")
            path = urllib.parse.unquote(parts.path)
            if ".." in path.split("/"):
                self._refuse(url, "path escapes its folder")
            if path.startswith(settings.STATIC_URL):
                found = _static_path(path[len(settings.STATIC_URL):])
                if not found:
                    self._refuse(url, "no such static file")
                self.served.append(url)
                with open(found, "rb") as f:
                    body = f.read()
                return URLFetcherResponse(url, body, {"Content-Type": _mime(path)})
            if path.startswith(settings.MEDIA_URL):
                from django.core.files.storage import default_storage

                name = path[len(settings.MEDIA_URL):]
                if not default_storage.exists(name):
                    self._refuse(url, "no such media file")
                self.served.append(url)
                with default_storage.open(name, "rb") as f:
                    body = f.read()
                return URLFetcherResponse(url, body, {"Content-Type": _mime(path)})
            self._refuse(url, "not a static or media file")

        def _data(self, url):
            header, _, payload = url[5:].partition(",")
            is_b64 = header.endswith(";base64")
            mime = (header[:-7] if is_b64 else header).split(";")[0] or "text/plain"
            body = base64.b64decode(payload) if is_b64 else urllib.parse.unquote_to_bytes(payload)
            if len(body) > MAX_DATA_URL_BYTES:
                self._refuse(url, "data: URL above the size limit")
            self.served.append("data:")
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return SafeURLFetcher


_fetcher_class = None


def safe_url_fetcher():
    """A fresh fetcher (it records what it served and refused)."""
    global _fetcher_class
    if _fetcher_class is None:
        _fetcher_class = _make_fetcher_class()
    return _fetcher_class()


def _mime(path):
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


@dataclass
class RenderedPDF:
    pdf: bytes
    page_count: int
    # (label, page index, level) for every heading WeasyPrint bookmarks (h1–h6), in order.
    bookmarks: list = field(default_factory=list)
    refused: list = field(default_factory=list)


def _flatten_bookmarks(tree, level=1, out=None):
    out = [] if out is None else out
    for label, (page, _x, _y), children, _state in tree:
        out.append((label, page, level))
        _flatten_bookmarks(children, level + 1, out)
    return out


def render_html(html: str, *, tagged: bool = True, base_url: str = BASE_URL) -> RenderedPDF:
    """Render HTML to PDF with WeasyPrint, tagged for PDF/UA-1 unless told otherwise.

    Fetches only through the safe fetcher. Works without a database connection, so it can run in
    a child process.
    """
    from weasyprint import HTML

    from core import pdf_tags

    pdf_tags.install()
    fetcher = safe_url_fetcher()
    options = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(**options)
    bookmarks = _flatten_bookmarks(document.make_bookmark_tree())
    pdf = document.write_pdf(**options)
    if tagged:
        pdf = pdf_tags.repair(pdf)
    return RenderedPDF(pdf=pdf, page_count=len(document.pages), bookmarks=bookmarks, refused=fetcher.refused)


def content_hash(*parts) -> str:
    h = hashlib.sha256(RENDERER_VERSION.encode())
    for part in parts:
        h.update(b"\0")
        h.update(part if isinstance(part, bytes) else str(part).encode())
    return h.hexdigest()
