"""Finding a note's quoted words again in a new version of its paper.

The quote is matched with white space ignored (a line can break elsewhere in the new layout);
where the words occur more than once, the occurrence whose context (prefix and suffix) matches
best wins, then the one nearest the page the note was on. The reader's script matches the same
way when it draws highlights.
"""
import re
import subprocess
import tempfile
from dataclasses import dataclass

from .models import VersionText

SPACE = re.compile(r"\s+")
CONTEXT = 32


def compact(text: str) -> str:
    return SPACE.sub("", text or "")


@dataclass
class Found:
    page_in_paper: int
    prefix: str
    suffix: str


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def find_quote(pages: list[str], *, exact: str, prefix: str = "", suffix: str = "", near: int = 0) -> Found | None:
    """Where `exact` is in these pages (one paper's), or None when the words are no longer there."""
    needle = compact(exact)
    if not needle:
        return None
    compacted = [compact(p) for p in pages]
    text = "".join(compacted)
    bounds, at = [], 0
    for page in compacted:
        bounds.append(at)
        at += len(page)
    haystack, wanted = text, needle
    hits = _all(haystack, wanted)
    if not hits:
        haystack, wanted = text.casefold(), needle.casefold()
        hits = _all(haystack, wanted)
    if not hits:
        return None
    before, after = compact(prefix), compact(suffix)

    def page_of(offset):
        page = 0
        for n, start in enumerate(bounds):
            if start <= offset:
                page = n
        return page

    def score(offset):
        context = (_common_suffix(text[max(0, offset - len(before)):offset], before)
                   + _common_prefix(text[offset + len(needle):offset + len(needle) + len(after)], after))
        return (context, -abs(page_of(offset) - near))

    best = max(hits, key=score)
    return Found(page_of(best), text[max(0, best - CONTEXT):best], text[best + len(needle):best + len(needle) + CONTEXT])


def _all(haystack: str, needle: str) -> list[int]:
    hits, start = [], haystack.find(needle)
    while start != -1:
        hits.append(start)
        start = haystack.find(needle, start + 1)
    return hits


def version_page_texts(version) -> list[str]:
    """The text of every page of the version, extracted once and kept."""
    stored = VersionText.objects.filter(version=version).values_list("pages", flat=True).first()
    if stored is not None:
        return stored
    with version.file.open("rb") as f, tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(f.read())
        tmp.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", tmp.name, "-"], capture_output=True, check=True,
                             timeout=120).stdout.decode("utf-8", "replace")
    pages = out.split("\f")[: version.page_count or None]
    VersionText.objects.get_or_create(version=version, defaults={"pages": pages})
    return pages
