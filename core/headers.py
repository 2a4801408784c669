"""Response headers that keep pages safe in the browser and out of shared caches.

- `ContentSecurityPolicyMiddleware`: django-csp's middleware, plus the SHA-256 hashes of the
  fixed `<style>` blocks our paper templates carry. Those papers (printed minutes, the response
  to resolutions, plan snapshots) must stay self-contained for WeasyPrint, and the same fragments
  are shown on screen, sometimes already rendered (`|safe`) and sometimes swapped in by htmx, where
  a per-response nonce cannot reach them. A hash allows exactly that text and nothing else, so
  the policy never needs 'unsafe-inline'.
- `PrivateResponseMiddleware`: `Cache-Control: private, no-store` on every response that is not
  public (see its docstring).
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from csp.middleware import CSPMiddleware, PolicyParts
from django.apps import apps
from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

STYLE_BLOCK = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL | re.IGNORECASE)
TEMPLATE_TAG = re.compile(r"{[{%#]")


def _template_dirs() -> list[Path]:
    """The project's own template folders (not third-party apps': theirs carry no style blocks)."""
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def paper_style_hashes() -> tuple[str, ...]:
    """`'sha256-…'` sources for every fixed `<style>` block in the project's templates.

    A block containing template syntax would render differently each time, so it is left out
    (and the browser test that records CSP violations would then fail, as it should).
    """
    found = set()
    for folder in _template_dirs():
        for path in folder.rglob("*.html"):
            for block in STYLE_BLOCK.findall(path.read_text(encoding="utf-8")):
                if TEMPLATE_TAG.search(block):
                    continue
                digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii")
                found.add(f"'sha256-{digest}'")
    return tuple(sorted(found))


# django-simple-history's admin history page has one style attribute, `style="border-top: 0"`.
# Only in the admin, that exact declaration (by its hash) is allowed, and no other.
ADMIN_STYLE_ATTRIBUTES = ["'unsafe-hashes'", "'sha256-" + base64.b64encode(hashlib.sha256(b"border-top: 0").digest()).decode() + "'"]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings, with the paper templates' style hashes added to style-src."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            update = dict(parts.update or {})
            extra = list(update.get("style-src", ()))
            update["style-src"] = extra + list(paper_style_hashes())
            if request.path_info.startswith("/admin/"):
                update["style-src-attr"] = ADMIN_STYLE_ATTRIBUTES
            parts.update = update
        return parts


class PrivateResponseMiddleware:
    """`Cache-Control: private, no-store` on every response that is not public.

    The rule is kept deliberately simple so that no page can slip through it:
    - any response to a signed-in user (members see exempt papers, drafts and the members' pack;
      officers see their unsubmitted reports; even a public page carries their name), and
    - any response that sets a cookie: a session or CSRF cookie must never be shared, and a page
      that carries a CSRF token (every form) re-sends its cookie.
    What is left is what the public may read signed out. It may be stored, but `no-cache` makes
    every cache ask us again before reusing it, so a withdrawn pack or a newly exempt report stops
    being served at once.
    """

    PRIVATE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or response.cookies:
            # A view may ask for a private response to be kept by the member's own browser only
            # (the reader's offline copy: `private, no-cache` or `private, max-age=N`); never shared.
            own = getattr(response, "private_cache_control", "")
            response["Cache-Control"] = own if own.startswith("private,") else self.PRIVATE
            response.headers.pop("Expires", None)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
            patch_vary_headers(response, ("Cookie",))
        return response

