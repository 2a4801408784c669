"""Building an agenda pack: what the Celery task and `manage.py render_pack` run.

plan (`render.build_plan`) → render the sections that are not in the cache, in parallel → the
contents page and the "Page N of M" footers → assemble (`assemble`) → store a new PackVersion, or
keep the current one if nothing changed. A failure names the paper and leaves the last good
version in place; a busy database raises PackRetry and leaves the request queued.
"""
import contextlib
import hashlib
import io
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

import pikepdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.audit import save_audited
from core.concurrency import database_busy
from core.pdf import content_hash
from meetings.models import Meeting
from packs import assemble
from packs.locking import pack_lock
from packs.models import Pack, PackVersion, RenderedSection
from packs.render import PaperFailed, build_plan, convert_office_document, render_footer, render_section
from packs.supplementary import to_follow_items
from packs.services.withdrawal import review_new_version

from .cache import _cache_put, _read

logger = logging.getLogger(__name__)

# Footers are rendered in chunks of this many pages, in parallel with each other and the contents page.
FOOTER_CHUNK_PAGES = 40
# The page number written on the contents page rendered only to learn how many pages it takes.
CONTENTS_GUESS_PAGE = 888


def _update(pack: Pack, **fields):
    Pack.objects.filter(pk=pack.pk).update(**fields)
    for name, value in fields.items():
        setattr(pack, name, value)


def _workers() -> int:
    return int(getattr(settings, "QUORUM_PACK_WORKERS", 0) or os.environ.get("QUORUM_PACK_WORKERS", 0)
               or os.cpu_count() or 1)


class _JobPool:
    """A forked process pool for render jobs, started only when a batch has two jobs or more (one
    job runs in this process: forking costs more than it saves), and kept open across the phases of
    one build so the sections, then the contents page and footers, share it.

    Children get HTML and return bytes, and never touch the database.
    """

    def __init__(self, max_workers: int):
        self.max_workers = max_workers
        self.executor = None
        self._daemonic = None

    def start(self):
        # A Celery prefork child is marked daemonic, and multiprocessing refuses to let daemonic
        # processes start children. These children are ours and are gone before the task returns
        # (the pool is shut down on leaving the block), so lift the flag for the duration.
        self._daemonic = multiprocessing.current_process()._config.pop("daemon", None)
        self.executor = ProcessPoolExecutor(max_workers=self.max_workers, mp_context=multiprocessing.get_context("fork"))
        return self.executor

    def close(self):
        try:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            if self._daemonic is not None:
                multiprocessing.current_process()._config["daemon"] = self._daemonic
            self.executor = self._daemonic = None

    def run(self, jobs: list[tuple], on_done) -> None:
        """Run (key, function, args) jobs; call on_done(key, result) as each finishes.

        Biggest job first (longest-processing-time-first scheduling: the last jobs to start are
        small ones, so the cores finish together).
        """
        jobs = sorted(jobs, key=lambda j: -len(j[2][0]) if isinstance(j[2][0], (str, bytes)) else 0)
        if len(jobs) <= 1 or self.max_workers <= 1:
            for key, function, args in jobs:
                on_done(key, _call(function, args))
            return
        pool = self.executor or self.start()
        futures = {pool.submit(_call, function, args): key for key, function, args in jobs}
        for future in as_completed(futures):
            on_done(futures[future], future.result())


@contextlib.contextmanager
def _job_pool(max_jobs: int):
    pool = _JobPool(min(_workers(), max_jobs))
    try:
        yield pool
    finally:
        pool.close()


def _call(function, args):
    try:
        return function(*args)
    except Exception as exc:  # carried back to the parent, which names the paper
        return {"error": f"{type(exc).__name__}: {exc}"}


def _pdf_pages(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as doc:
        return len(doc.pages)


def _exempt_appendix_pages(papers, starts, pages_of) -> dict[int, str]:
    """{page number: heading} for every page of an appendix merged as it was uploaded (PDF) or
    converted (Word, Excel): "Item 5 – Appendix A: Multi Agency Guidance", so a page read alone says
    what it belongs to, and for an exempt paper's appendix also "NOT FOR PUBLICATION – Schedule 12A,
    paragraph N" (the heading the paper's own pages carry). Stamped as artifacts with the footers."""
    headed = {}
    for paper in papers:
        if paper.kind not in ("pdf", "office"):
            continue
        parts = [paper.running_heading] if paper.running_heading else []
        if paper.exempt_paragraph:
            parts.append(f"NOT FOR PUBLICATION – Schedule 12A, paragraph {paper.exempt_paragraph}")
        if parts:
            for n in range(starts[paper.key], starts[paper.key] + pages_of(paper)):
                headed[n] = " – ".join(parts)
    return headed


def _contents_rows(plan, starts: dict, paper_pages: dict) -> list[dict]:
    rows = []
    for item in plan.items:
        rows.append({"is_item": True, "number": item.number, "title": item.title, "note": item.note, "level": 0,
                     "page": None})
        for paper in item.papers:
            rows.append({"is_item": False, "title": paper.title, "level": paper.level,
                         "page": starts.get(paper.key)})
    return rows


class PackRetry(Exception):
    """The database was busy for a moment (SQLite's "database is locked", a PostgreSQL deadlock):
    the render is tried again rather than reported as failed."""


def pack_build(*, meeting_id: int, variant: str, kind: str = Pack.Kind.MAIN, wait: bool = True,
               force: bool = False, only_if_asked: bool = False) -> PackVersion | None:
    """Build the pack and record it as a new version; the code path of the task and the command.

    Safe to run twice: if the current version was built from the same sources, nothing is
    rendered and it is kept; with `only_if_asked` (the task), a pack whose every request has been
    built is left alone. Returns the current version, or None if the build failed (the pack then
    says which paper failed and why; the previous version stays current). A busy database raises
    PackRetry, leaving the request queued.
    """
    pack, _ = Pack.objects.get_or_create(meeting_id=meeting_id, variant=variant, kind=kind)
    with pack_lock(pack.pk, wait=wait):
        pack.refresh_from_db()
        if only_if_asked and pack.requested <= pack.built:
            return pack.current_version  # a second click's task: the first one's render satisfied it
        target = pack.requested
        _update(pack, state=Pack.State.RENDERING, started_at=timezone.now(), progress_done=0, progress_total=0,
                error="", failed_paper="")
        try:
            version = _build(pack, force=force)
        except PaperFailed as failure:
            logger.warning("Pack %s failed at %s: %s", pack.pk, failure.paper, failure.reason)
            _update(pack, state=Pack.State.FAILED, failed_paper=failure.paper[:400], error=failure.reason,
                    finished_at=timezone.now(), built=target)
            return None
        except Exception as exc:
            if database_busy(exc):
                logger.warning("Pack %s: the database was busy (%s); rendering again shortly", pack.pk, exc)
                with contextlib.suppress(OperationalError):
                    _update(pack, state=Pack.State.QUEUED, progress_done=0, progress_total=0)
                raise PackRetry(str(exc)) from exc
            _update(pack, state=Pack.State.FAILED, failed_paper="", error=f"{type(exc).__name__}: {exc}",
                    finished_at=timezone.now(), built=target)
            raise
        _update(pack, state=Pack.State.READY, current_version=version, finished_at=timezone.now(), built=target)
        return version


def _build(pack: Pack, *, force: bool) -> PackVersion:
    started = time.perf_counter()
    if pack.meeting.status == Meeting.Status.CANCELLED:
        raise PaperFailed("The meeting", "it was cancelled, so no pack is built (the packs it had are kept)")
    to_follow = to_follow_items(pack.meeting) if pack.kind == Pack.Kind.SUPPLEMENTARY else None
    plan = build_plan(pack.meeting_id, pack.variant, pack.kind, to_follow_keys=to_follow)
    if pack.kind == Pack.Kind.SUPPLEMENTARY and not plan.items:
        raise PaperFailed("Supplementary pack", "no “To follow” papers have arrived since the pack was published")
    digest = plan.digest()
    current = pack.current_version
    if current is not None and not current.is_withdrawn and current.sources_digest == digest and not force:
        return current  # built from exactly these sources already

    papers = list(plan.papers())
    html_jobs = {plan.cover_hash: ("Agenda front sheet", plan.cover_html)}
    office = {}
    for paper in papers:
        if paper.kind == "html":
            html_jobs.setdefault(paper.hash, (paper.title, paper.html))
        elif paper.kind == "office":
            office.setdefault(paper.hash, paper)
    cached = {s.key: s for s in RenderedSection.objects.filter(key__in=[*html_jobs, *office])}
    pdf_appendices = {}
    for paper in papers:  # read PDF appendices up front: a corrupt one fails before any work
        if paper.kind == "pdf" and paper.hash not in pdf_appendices:
            try:
                data = _read(paper.storage_name)
                pdf_appendices[paper.hash] = (data, _pdf_pages(data))
            except Exception as exc:
                raise PaperFailed(_paper_name(plan, paper), f"the PDF could not be read ({type(exc).__name__}: {exc})")

    total = len(html_jobs) + len(office) + 2  # + contents and assembly
    done = [len(cached)]
    _update(pack, progress_total=total, progress_done=done[0])
    jobs = [(key, render_section, (html,)) for key, (label, html) in html_jobs.items() if key not in cached]
    for key, paper in office.items():
        if key not in cached:
            try:
                data = _read(paper.storage_name)
            except Exception as exc:
                raise PaperFailed(_paper_name(plan, paper), f"the file could not be read ({exc})")
            jobs.append((key, convert_office_document, (data, paper.extension)))
    labels = {key: label for key, (label, _) in html_jobs.items()}
    labels.update({key: _paper_name(plan, p) for key, p in office.items()})
    rendered = []
    refused = []
    failures = []

    def on_done(key, result):
        if "error" in result:
            failures.append((key, result["error"]))
            return
        cached[key] = _cache_put(key, labels[key], result)
        if key in html_jobs or key in office:
            rendered.append(labels[key])
            refused.extend(result.get("refused", []))
            done[0] += 1
            _update(pack, progress_done=done[0])

    # How many pages the contents page takes depends on its rows, hardly on the page numbers: a
    # render with placeholder numbers, alongside the sections, tells the final render where the
    # papers start, so the contents page is normally rendered once, after the sections.
    guess_html = render_to_string("packs/contents.html", {
        "rows": _contents_rows(plan, {p.key: CONTENTS_GUESS_PAGE for p in papers}, {}), "paper_title": "Contents"})
    guess_key = content_hash("contents-guess", guess_html)
    guess = RenderedSection.objects.filter(key=guess_key).first()
    if guess is None and jobs:
        jobs.append((guess_key, render_section, (guess_html,)))
        labels[guess_key] = "Contents (page count)"

    with _job_pool(len(jobs) + 3) as pool:
        pool.run(jobs, on_done)
        if failures:
            key, error = failures[0]
            raise PaperFailed(labels[key], error)
        render_seconds = time.perf_counter() - started
        guess = cached.get(guess_key, guess)

        # Page numbers: front sheet, contents, then every paper in order.
        cover_pages = cached[plan.cover_hash].page_count

        def pages_of(paper):
            if paper.kind == "pdf":
                return pdf_appendices[paper.hash][1]
            return cached[paper.hash].page_count

        # The contents page and the footers (in chunks) render together once the page count is known;
        # if the contents page turns out longer or shorter than guessed, again with the right numbers.
        contents_pages = guess.page_count if guess is not None else 1
        for _ in range(4):
            starts, page = {}, cover_pages + contents_pages + 1
            for paper in papers:
                starts[paper.key] = page
                page += pages_of(paper)
            total_pages = page - 1
            contents_html = render_to_string("packs/contents.html", {
                "rows": _contents_rows(plan, starts, {}), "paper_title": "Contents"})
            contents_key = content_hash("html", contents_html)
            footer_keys = []
            tail = {contents_key: ("Contents", render_section, contents_html)}
            headed = _exempt_appendix_pages(papers, starts, pages_of)
            for first in range(1, total_pages + 1, FOOTER_CHUNK_PAGES):
                footer_html = render_to_string("packs/footer.html", {
                    "left": plan.footer_left, "total": total_pages,
                    "pages": [(n, headed.get(n)) for n in range(first, min(first + FOOTER_CHUNK_PAGES, total_pages + 1))]})
                footer_key = content_hash("footer", footer_html)
                footer_keys.append(footer_key)
                tail[footer_key] = ("Footer", render_footer, footer_html)
            found = {s.key: s for s in RenderedSection.objects.filter(key__in=list(tail))}
            cached.update(found)
            labels.update({key: label for key, (label, _, _) in tail.items()})
            pool.run([(key, function, (html,)) for key, (_, function, html) in tail.items() if key not in found],
                     on_done)
            if failures:
                key, error = failures[0]
                raise PaperFailed(labels[key], error)
            contents = cached[contents_key]
            if contents_key not in found:
                rendered.append("Contents")
            if contents.page_count == contents_pages:
                break
            contents_pages = contents.page_count
    done[0] += 1
    _update(pack, progress_done=done[0])

    sections = [assemble.Section(_read(cached[plan.cover_hash].file.name)), assemble.Section(_read(contents.file.name))]
    for paper in papers:
        if paper.kind == "pdf":
            sections.append(assemble.Section(pdf_appendices[paper.hash][0], alt=paper.title))
        else:
            sections.append(assemble.Section(_read(cached[paper.hash].file.name), alt=paper.title))
    try:
        merged = assemble.merge(sections)
    except Exception as exc:
        raise PaperFailed("Assembling the pack", f"{type(exc).__name__}: {exc}")

    assemble.stamp_footers(merged, [_read(cached[key].file.name) for key in footer_keys],
                           headed_pages={n - 1 for n in headed})
    assemble.link_contents(merged)

    outline, contents_list = _outline(plan, cover_pages, starts, cached)
    assemble.add_outline(merged, outline)
    data = assemble.finish(merged, title=plan.title, author=plan.author,
                           subject=f"{Pack.Variant(plan.variant).label}, {Pack.Kind(plan.kind).label.lower()}")
    stats = {"rendered": rendered, "cached": len(html_jobs) + len(office) - len([r for r in rendered if r != "Contents"]),
             "refused_urls": [u[:200] for u in refused], "render_seconds": round(render_seconds, 3), "total_seconds": round(time.perf_counter() - started, 3)}
    return _store_version(pack, plan, digest, data, total_pages, contents_list, stats)


def _paper_name(plan, paper) -> str:
    for item in plan.items:
        if paper in item.papers:
            return f"{paper.title} (item {item.number}, {item.title})"
    return paper.title


def _outline(plan, cover_pages, starts, cached):
    entries = [assemble.OutlineEntry("Agenda front sheet", 0), assemble.OutlineEntry("Contents", cover_pages)]
    contents_list = []
    for item in plan.items:
        first = starts.get(item.papers[0].key) if item.papers else None
        item_entry = assemble.OutlineEntry(f"{item.number} {item.title}", (first or 1) - 1)
        contents_list.append({"key": item.key, "number": item.number, "title": item.title, "page": first,
                              "papers": []})
        parent = None
        for paper in item.papers:
            start = starts[paper.key]
            entry = assemble.OutlineEntry(paper.title, start - 1)
            contents_list[-1]["papers"].append({"key": paper.key, "title": paper.title, "page": start})
            if paper.headings and paper.hash in cached:
                stack = [(1, entry)]
                for label, page, level in cached[paper.hash].bookmarks:
                    if level < 2 or level > 3:
                        continue  # the paper's own title is the paper's entry; keep two levels below
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    child = assemble.OutlineEntry(label, start - 1 + page)
                    stack[-1][1].children.append(child)
                    stack.append((level, child))
            if paper.level == 2 and parent is not None:
                parent.children.append(entry)
            else:
                item_entry.children.append(entry)
                parent = entry
        entries.append(item_entry)
    return entries, contents_list


def _store_version(pack, plan, digest, data, pages, contents_list, stats) -> PackVersion:
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        locked = Pack.objects.select_for_update().get(pk=pack.pk)
        current = locked.current_version
        if current is not None and not current.is_withdrawn and current.sha256 == sha:
            return current
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = PackVersion(pack=locked, number=number, created_by=locked.requested_by, sha256=sha, size=len(data),
                              page_count=pages, sources=plan.sources(), sources_digest=digest,
                              contents=contents_list, stats=stats)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"{pack.kind}-{pack.variant}-v{number}-{stamp}-{sha[:8]}.pdf"
        version.file.save(name, ContentFile(data), save=False)
        save_audited(version, locked.requested_by)
        review_new_version(version)
        return version
