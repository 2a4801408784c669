"""Meetings with papers for the agenda-pack tests: a front sheet's worth of items, reports, appendices."""
import datetime
import io
import zipfile

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import AgendaItem, Attachment, Meeting, Report

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

LOREM = (
    "Nottingham City Council's Children in Care Police Officer and the Youth Offending Team lead work "
    "together to reduce the criminalisation of children in care. "
)


def appendix_pdf(text: str = "Appendix page text", pages: int = 1) -> bytes:
    """An untagged PDF, as an officer might upload one."""
    from core.pdf import render_html

    body = "".join(f"<section style='break-after: page'><p>{text} ({n + 1})</p></section>" for n in range(pages))
    return render_html(f"<html lang='en-GB'><body>{body}</body></html>", tagged=False).pdf


def appendix_docx(text: str) -> bytes:
    """A minimal Word document with one paragraph."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>'))
        z.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'))
    return buffer.getvalue()


def add_appendix(report: Report, title: str, data: bytes, kind: str = "pdf") -> Attachment:
    import hashlib

    last = report.attachments.count()
    attachment = Attachment(report=report, title=title, kind=kind, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), position=last + 1)
    attachment.file.save(f"appendix-{last + 1}.{kind}", ContentFile(data), save=False)
    attachment.save()
    return attachment


def report_for(item: AgendaItem, title: str, *, paragraphs: int = 3, marker: str = "", **fields) -> Report:
    body = "".join(f"<p>{marker} {LOREM * 2}</p>" for _ in range(paragraphs))
    defaults = dict(
        agenda_item=item, board=item.meeting.board, title=title, status=Report.Status.PUBLISHED,
        directors="Director of Safeguarding", contact_officers="An Officer, 0115 876 0000",
        summary=f"{marker} Summary of the issues.", recommendations="To note the report.\nTo ask for an update.",
        background=body, reasons="<p>Reasons.</p>", financial="<p>None.</p>",
    )
    defaults.update(fields)
    return ReportFactory(**defaults)


def pack_meeting(board, *, date=datetime.date(2030, 11, 18), published=True) -> Meeting:
    """Items 1–6 as on a real agenda: apologies, declarations, minutes, then three reports.

    Item 3 has the previous minutes attached as a document; items 4 and 5 have reports, item 5's
    with a PDF appendix; item 6 is "To follow".
    """
    meeting = MeetingFactory(board=board, date=date,
                             agenda_published_at=timezone.now() if published else None,
                             status=Meeting.Status.AGENDA_PUBLISHED if published else Meeting.Status.SCHEDULED)
    rows = [
        (AgendaItem.Kind.APOLOGIES, "Apologies for absence", "", ""),
        (AgendaItem.Kind.DECLARATIONS, "Declarations of interests", "", ""),
        (AgendaItem.Kind.MINUTES, "Minutes", "", "attached"),
        (AgendaItem.Kind.BUSINESS, "Business in the Community - RISE Update", "Report of BiC Employment Development Manager", "attached"),
        (AgendaItem.Kind.BUSINESS, "Reducing Offending Behaviour", "Joint report of Director of Safeguarding and Nottinghamshire Police", "attached"),
        (AgendaItem.Kind.BUSINESS, "Quarter 1 & 2 Performance", "Report of Director of Safeguarding", "to_follow"),
    ]
    items = []
    for position, (kind, title, presenter, status) in enumerate(rows, start=1):
        items.append(AgendaItemFactory(meeting=meeting, position=position, kind=kind, title=title,
                                       presenter=presenter, paper_status=status,
                                       description="Last meeting held on 23 September 2030 (for confirmation)" if kind == "minutes" else ""))
    minutes = report_for(items[2], "Minutes of the meeting held on 23 September 2030", marker="MINUTESTEXT")
    report_for(items[3], "Business in the Community - RISE Update", marker="RISETEXT")
    offending = report_for(items[4], "Reducing Offending Behaviour", marker="OFFENDINGTEXT", paragraphs=12,
                           risk="<h3>Legal</h3><p>None.</p><h3>Crime and disorder</h3><p>See above.</p>")
    add_appendix(offending, "Rate of offending table", appendix_pdf("OFFENDINGAPPENDIX", pages=2))
    del minutes
    return meeting


# Reading PDFs back, as a user's tools would ---------------------------------------------------

def pdf_bytes(version) -> bytes:
    with version.file.open("rb") as f:
        return f.read()


def page_texts(data: bytes) -> list[str]:
    """The text of each page (pdftotext, content-stream order)."""
    import subprocess
    import tempfile

    import pikepdf

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        count = len(pikepdf.open(f.name).pages)
        out = []
        for n in range(1, count + 1):
            out.append(subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), f.name, "-"],
                                      capture_output=True, text=True, check=True).stdout)
        return out


def outline_titles(data: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page) for every bookmark, depth first."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    out = []

    def walk(items, depth):
        for item in items:
            dest = item.destination
            if dest is None and item.action is not None:
                dest = item.action.get("/D")
            page = pages.get(dest[0].objgen) if dest is not None else None
            out.append((depth, item.title, page))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return out


def qpdf_check(data: bytes) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        done = subprocess.run(["qpdf", "--check", f.name], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout
