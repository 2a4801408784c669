"""Freeze what a pack shows (the plan), and render its sections.

`build_plan` reads the database once and turns the meeting into HTML strings and appendix
references, each with a content hash. Everything after that (`render_section`,
`convert_office_document`) works from those strings and bytes alone, so it can run in child
processes with no database connection.
"""
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string

from actions.models import PlanSnapshot
from core import office
from core.formats import long_date
from core.pdf import content_hash, render_html
from meetings import selectors
from meetings.models import AgendaItem, Attachment, ExemptParagraph, Meeting, PaperStatus, Report
from meetings.models.reports import appendix_heading
from minutes import selectors as minutes_selectors
from performance.models import PerformanceSnapshot

from . import papers as papers_registry
from .models import Pack

PACK_REPORT_STATUSES = (Report.Status.APPROVED, Report.Status.PUBLISHED)


class PaperFailed(Exception):
    """A paper could not be rendered or read; `paper` names it for the clerk."""

    def __init__(self, paper: str, reason: str):
        super().__init__(f"{paper}: {reason}")
        self.paper, self.reason = paper, reason


@dataclass
class Paper:
    key: str  # what it is, stable across edits: "report:5", "attachment:7", "minutes:12"
    title: str  # as the contents page and the bookmarks name it
    kind: str  # "html", "pdf" (merged as is) or "office" (converted by LibreOffice)
    hash: str  # of exactly what goes into the PDF
    level: int = 1  # 1 a paper, 2 an appendix of the paper above it
    html: str = ""
    storage_name: str = ""  # appendices: the file in Django storage
    extension: str = ""
    headings: bool = False  # nest the paper's own headings under its bookmark
    # Members' pack: an exempt paper's appendix, merged as it is, gets the heading "NOT FOR
    # PUBLICATION – Schedule 12A, paragraph N" stamped on each of its pages (with the footers).
    exempt_paragraph: int | None = None
    # An appendix merged as uploaded or converted: "Item 5 – Appendix A: Multi Agency Guidance",
    # stamped at the top of each of its pages as page furniture (an artifact), with the footers.
    running_heading: str = ""


@dataclass
class ItemPlan:
    key: str
    number: int
    title: str
    exempt: bool
    paragraph: int | None
    paper_status: str
    papers: list = field(default_factory=list)

    @property
    def note(self) -> str:
        if self.paper_status in (PaperStatus.TO_FOLLOW, PaperStatus.AT_MEETING) and not self.papers:
            return PaperStatus(self.paper_status).label
        return ""


@dataclass
class PackPlan:
    meeting_id: int
    variant: str
    kind: str
    title: str
    author: str
    footer_left: str
    cover_html: str
    cover_hash: str
    items: list

    def papers(self):
        for item in self.items:
            yield from item.papers

    def sources(self) -> dict:
        """What the pack is built from, as stored on each version (see `sources_diff`)."""
        return {
            "cover": self.cover_hash,
            "items": [
                {"key": i.key, "number": i.number, "title": i.title, "exempt": i.exempt,
                 "paragraph": i.paragraph, "paper_status": i.paper_status}
                for i in self.items
            ],
            "papers": [
                {"key": p.key, "item": i.key, "title": p.title, "hash": p.hash}
                for i in self.items for p in i.papers
            ],
        }

    def digest(self) -> str:
        import json

        return content_hash(json.dumps(self.sources(), sort_keys=True))


def _html_paper(key, title, html, **kwargs) -> Paper:
    return Paper(key=key, title=title, kind="html", html=html, hash=content_hash("html", html), **kwargs)


def _report_papers(report: Report, item: AgendaItem, meeting: Meeting, context: dict) -> list[Paper]:
    html = render_to_string("packs/report.html", {
        **context, "report": report, "item": item, "paper_title": report.title,
        "priorities_ticked": {p.pk for p in report.strategic_priorities.all()},
    })
    papers = [_html_paper(f"report:{report.pk}", report.title, html, headings=True)]
    for n, attachment in enumerate(report.attachments.all()):
        paper = _appendix_paper(attachment, n, exempt_paragraph=context.get("exempt_paragraph"))
        paper.running_heading = appendix_running_heading(item.number if item else None, n + 1, attachment.title)
        papers.append(paper)
    return papers


def appendix_running_heading(item_number: int | None, n: int, title: str) -> str:
    """ "Item 5 – Appendix A: Multi Agency Guidance" (the appendix's letter by its place)."""
    from meetings.models.reports import appendix_letter, clean_appendix_title

    title = clean_appendix_title(title)
    label = f"Appendix {appendix_letter(n)}" + (f": {title}" if title else "")
    return f"Item {item_number} – {label}" if item_number else label


def _appendix_paper(attachment: Attachment, n: int, exempt_paragraph: int | None = None) -> Paper:
    digest = attachment.sha256
    if not digest:
        import hashlib

        h = hashlib.sha256()
        with attachment.file.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        digest = h.hexdigest()
    return Paper(
        key=f"attachment:{attachment.pk}", title=appendix_heading(n + 1, attachment.title),
        kind="pdf" if attachment.kind == Attachment.Kind.PDF else "office",
        hash=content_hash("appendix", attachment.kind, digest,
                          *([] if attachment.kind == Attachment.Kind.PDF else [office.CONVERTER_VERSION])), level=2,
        storage_name=attachment.file.name, extension=attachment.kind, exempt_paragraph=exempt_paragraph,
    )


def _placeholder(item: AgendaItem, paragraph: int, what: str, verb: str, context: dict) -> Paper:
    html = render_to_string("packs/placeholder.html", {
        **context, "item": item, "paragraph": paragraph, "what": what, "verb": verb,
        "paragraph_words": ExemptParagraph(paragraph).label if paragraph else "",
        "paper_title": f"Item {item.number}: exempt information",
    })
    return _html_paper(f"exempt:{item.pk}:{what}", f"Exempt information (paragraph {paragraph})", html)


def _minutes_papers(item: AgendaItem, meeting: Meeting, context: dict, public: bool = False) -> list[Paper] | None:
    """The previous meeting's minutes, from the "minutes" paper provider (`papers.py`), given the
    previous meeting. Without a provider, None: the item's attached documents are used. The
    response to resolutions is filed under the item the clerk chose
    (`AgendaItem.carries_response_paper`), not here.
    """
    minutes_paper_html = papers_registry.provider("minutes")
    if minutes_paper_html is None:
        return None
    papers = []
    # Only published minutes of the last meeting actually held: never a draft (drafting records
    # everyone as present), a meeting not yet held, or one whose agenda was never published.
    previous = minutes_selectors.minutes_for_confirmation(meeting)
    if previous is not None:
        body = minutes_paper_html(previous, public=public)
        if body:
            title = f"Minutes of the meeting held on {long_date(previous.date)}"
            papers.append(_html_paper(f"minutes:{previous.pk}", title, _wrap(body, title, context), headings=True))
    return papers


def _response_papers(meeting: Meeting, context: dict, public: bool = False) -> list[Paper]:
    """The "Response to Resolutions" paper this meeting receives, for the item the clerk chose."""
    response_to_resolutions_html = papers_registry.provider("response_to_resolutions")
    if response_to_resolutions_html is None:
        return []
    body = response_to_resolutions_html(meeting, public=public)
    if not body:
        return []
    title = "Response to resolutions"
    return [_html_paper(f"resolutions:{meeting.pk}", title, _wrap(body, title, context), headings=True)]


def _snapshot_papers(item: AgendaItem, public: bool, context: dict) -> list[Paper]:
    """Frozen data papers of an item: the action plan snapshot and the performance report.

    Each was frozen when the agenda was published (or the clerk made the report), so later updates
    never change a published pack. The public pack takes only a public performance report (small
    numbers suppressed); the members' pack prefers the members' version.
    """
    papers = []
    seen_plans = set()
    for snapshot in item.plan_snapshots.all():  # newest first: one per plan
        if snapshot.plan_id in seen_plans:
            continue
        seen_plans.add(snapshot.plan_id)
        title = f"{snapshot.plan.title} {snapshot.plan.period}".strip()
        body = render_to_string("actions/_plan_snapshot.html", {"rows": snapshot.rows, "snapshot": snapshot})
        papers.append(_html_paper(f"plan-snapshot:{snapshot.pk}", title, _wrap(body, title, context), headings=True))
    performance = [s for s in item.performance_snapshots.all() if s.public == public]
    if not performance and not public:
        performance = [s for s in item.performance_snapshots.all() if s.public]
    if performance:
        snapshot = performance[0]
        body = render_to_string("performance/_performance_snapshot.html", {"snapshot": snapshot})
        papers.append(_html_paper(f"performance-snapshot:{snapshot.pk}", snapshot.title,
                                  _wrap(body, snapshot.title, context), headings=True))
    return papers


def _wrap(body: str, title: str, context: dict) -> str:
    from django.utils.safestring import mark_safe

    if "<html" in body[:500].lower():
        return body
    return render_to_string("packs/minutes.html", {**context, "body": mark_safe(body), "paper_title": title})


def pack_reports(public: bool):
    """The reports a pack may print in full: the members' pack every approved or published report;
    the public pack exactly what the public pages show (`selectors.public_reports`)."""
    reports = selectors.public_reports() if public else Report.objects.filter(status__in=PACK_REPORT_STATUSES)
    return reports.order_by("pk").prefetch_related(
        "strategic_priorities", Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk"))
    )


def load_meeting(meeting_id: int, public: bool = False) -> Meeting:
    """The meeting with its items; each item's `pack_reports` are the reports this variant prints in
    full, and `report_stubs` (ids, status and exemption only) every report a pack could name."""
    stubs = Report.objects.filter(status__in=PACK_REPORT_STATUSES).only(
        "id", "status", "is_exempt", "exempt_paragraph", "agenda_item_id").order_by("pk")
    items = AgendaItem.objects.order_by("position", "pk").prefetch_related(
        Prefetch("reports", queryset=pack_reports(public), to_attr="pack_reports"),
        Prefetch("reports", queryset=stubs, to_attr="report_stubs"),
        Prefetch("plan_snapshots", queryset=PlanSnapshot.objects.select_related("plan").order_by("-created_at", "-pk")),
        Prefetch("performance_snapshots", queryset=PerformanceSnapshot.objects.order_by("-created_at", "-pk")),
    )
    return (
        Meeting.objects.select_related("board", "board__clerk")
        .prefetch_related(Prefetch("items", queryset=items), "board__strategic_priorities")
        .get(pk=meeting_id)
    )


def build_plan(meeting_id: int, variant: str, kind: str = Pack.Kind.MAIN, *, to_follow_keys=None) -> PackPlan:
    """Everything the pack will show, frozen into HTML strings and file references.

    Public variant: an exempt item's papers, or an exempt report with its appendices, become one
    placeholder page naming the item and the Schedule 12A paragraph; nothing of them is read.
    Supplementary kind: only the items in `to_follow_keys` (marked "To follow" when the pack was
    published) that now have papers.
    """
    public = variant == Pack.Variant.PUBLIC
    meeting = load_meeting(meeting_id, public=public)
    board = meeting.board
    context = {"meeting": meeting, "board": board, "all_priorities": list(board.strategic_priorities.all()),
               "public": public}
    items = selectors.agenda_as_shown(meeting, meeting.items.all(), public=public)
    plans = []
    for item in items:
        if kind == Pack.Kind.SUPPLEMENTARY and f"item:{item.pk}" not in (to_follow_keys or ()):
            continue
        plan = ItemPlan(key=f"item:{item.pk}", number=item.number, title=item.title, exempt=item.is_exempt,
                        paragraph=item.exempt_paragraph, paper_status=item.paper_status)
        if item.paper_status == PaperStatus.AT_MEETING and kind != Pack.Kind.SUPPLEMENTARY:
            plans.append(plan)  # nothing printed: the contents says "Available at the meeting"
            continue
        if public and item.is_exempt:
            if item.report_stubs or item.paper_status == PaperStatus.ATTACHED or item.kind == AgendaItem.Kind.BUSINESS:
                plan.papers.append(_placeholder(item, item.exempt_paragraph, "papers", "are", context))
            plans.append(plan)
            continue
        if item.kind == AgendaItem.Kind.MINUTES:
            minutes = _minutes_papers(item, meeting, context, public=public)
            if minutes is not None:
                plan.papers.extend(minutes)
        if item.carries_response_paper and item is next(i for i in items if i.carries_response_paper):
            plan.papers.extend(_response_papers(meeting, context, public=public))
        # Members' pack: every page of an exempt paper is headed "NOT FOR PUBLICATION" (see _paper_base.html).
        item_context = {**context, "exempt_paragraph": item.exempt_paragraph if item.is_exempt else None}
        printable = {report.pk: report for report in item.pack_reports}
        for stub in item.report_stubs:
            report = printable.get(stub.pk)
            if report is not None:
                report_context = item_context
                if report.is_exempt and not item.is_exempt:
                    report_context = {**context, "exempt_paragraph": report.exempt_paragraph}
                plan.papers.extend(_report_papers(report, item, meeting, report_context))
            elif public and stub.is_exempt:
                # Named by its item and paragraph only; nothing of it is read.
                plan.papers.append(_placeholder(item, stub.exempt_paragraph, "report", "is", context))
        plan.papers.extend(_snapshot_papers(item, public, item_context))
        if kind == Pack.Kind.SUPPLEMENTARY and not plan.papers:
            continue
        plans.append(plan)

    variant_name = "Public" if public else "Members'"
    if kind == Pack.Kind.SUPPLEMENTARY:
        title = f"{board.name}, {long_date(meeting.date)}: supplementary agenda pack ({variant_name.lower()})"
        cover = render_to_string("packs/supplementary_cover.html", {
            **context, "items": [p for p in plans], "paper_title": title,
            "published_on": meeting.agenda_published_at.date() if meeting.agenda_published_at else None,
        })
    else:
        title = f"{board.name}, {long_date(meeting.date)}: agenda pack ({variant_name.lower()})"
        cover = render_to_string("packs/frontsheet.html", {**context, "items": items, "paper_title": title})
    footer_left = f"{board.name} – {long_date(meeting.date)}"
    if kind == Pack.Kind.SUPPLEMENTARY:
        footer_left += " – supplementary"
    return PackPlan(
        meeting_id=meeting.pk, variant=variant, kind=kind, title=title, author=board.council_name,
        footer_left=footer_left, cover_html=cover, cover_hash=content_hash("html", cover), items=plans,
    )


# Rendering (no database from here on) ---------------------------------------------------------

def render_section(html: str) -> dict:
    """Render one paper to a tagged PDF. Runs in a child process."""
    import time

    started = time.perf_counter()
    result = render_html(html, tagged=True)
    return {"pdf": result.pdf, "page_count": result.page_count, "bookmarks": result.bookmarks,
            "seconds": time.perf_counter() - started, "refused": result.refused}


def render_footer(html: str) -> dict:
    """Render footer pages (untagged: they are stamped as artifacts). Runs in a child process."""
    import time

    started = time.perf_counter()
    result = render_html(html, tagged=False)
    return {"pdf": result.pdf, "page_count": result.page_count, "bookmarks": [],
            "seconds": time.perf_counter() - started, "refused": result.refused}


def convert_office_document(data: bytes, extension: str) -> dict:
    """Convert a DOCX or XLSX appendix to a tagged PDF with LibreOffice, in its sandbox (core.office)."""
    import io
    import time

    import pikepdf

    started = time.perf_counter()
    pdf = office.convert_to_pdf(data, extension)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = len(doc.pages)
    return {"pdf": pdf, "page_count": pages, "bookmarks": [], "seconds": time.perf_counter() - started, "refused": []}
