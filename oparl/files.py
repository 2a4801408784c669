"""OParl File objects: the public agenda (front sheet), public pack versions, printed minutes, each
public report's own page (its Paper's `mainFile`) and the appendices of public reports, and the two
addresses each is fetched from.

A file's `accessUrl` and `downloadUrl` are answered by the existing file views (front sheet,
`pack_version_download`, `minutes_pdf`, `attachment_download`), called as a visitor who is not
signed in: the same permission checks, and always the public's version (the members' minutes or an
exempt appendix is never what the API hands out, whoever follows the link). No route here opens a
file those views would not.
"""
import dataclasses
import datetime
import hashlib

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from core.formats import long_date
from meetings.models.reports import appendix_heading

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
}
KIND_ORDER = ("agenda", "pack", "minutes", "report", "appendix")


@dataclasses.dataclass
class FileEntry:
    key: str
    name: str
    file_name: str
    mime_type: str
    date: datetime.date
    web: str
    oparl_created: datetime.datetime
    oparl_modified: datetime.datetime
    meeting_ids: list = dataclasses.field(default_factory=list)
    item_ids: list = dataclasses.field(default_factory=list)
    paper_ids: list = dataclasses.field(default_factory=list)
    size: int | None = None
    sha256: str = ""
    stored = None  # the FieldFile, for a stored file
    meeting = None  # for minutes, whose PDF is made on demand

    @property
    def sort_key(self):
        kind, _, pk = self.key.partition("-")
        return KIND_ORDER.index(kind), int(pk)

    def sha1(self, *, render: bool) -> str | None:
        """SHA-1 of exactly what the access URL serves. A stored file's is kept by its SHA-256; the
        printed minutes are made on demand, so only when `render` (a File's own page or list)."""
        if self.stored is not None:
            def compute():
                digest = hashlib.sha1(usedforsecurity=False)
                with self.stored.open("rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        digest.update(chunk)
                return digest.hexdigest()
            if self.sha256:
                return cache.get_or_set(f"oparl:sha1:{self.sha256}", compute, timeout=None)
            return compute()
        if self.meeting is not None and render:
            data = minutes_pdf(self.meeting)
            self.size = len(data)
            return hashlib.sha1(data, usedforsecurity=False).hexdigest()
        return None


def minutes_pdf(meeting) -> bytes:
    from minutes.papers import minutes_pdf_bytes

    return minutes_pdf_bytes(meeting, public=True)


def agenda_entry(meeting) -> FileEntry:
    return FileEntry(
        key=f"agenda-{meeting.pk}", name=f"Agenda, {meeting.board.name}, {long_date(meeting.date)}",
        file_name=f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-agenda.html", mime_type=MIME["html"],
        date=meeting.agenda_published_at.date(), web=reverse("meetings:frontsheet", args=[meeting.pk]),
        oparl_created=meeting.agenda_published_at, oparl_modified=meeting.oparl_modified,
        meeting_ids=[meeting.pk])


def minutes_entry(record) -> FileEntry:
    meeting = record.meeting
    entry = FileEntry(
        key=f"minutes-{meeting.pk}", name=f"Minutes, {meeting.board.name}, {long_date(meeting.date)}",
        file_name=f"minutes-{meeting.date:%Y-%m-%d}.pdf", mime_type=MIME["pdf"],
        date=(record.published_at or record.oparl_created).date(), web=reverse("meetings:minutes", args=[meeting.pk]),
        oparl_created=record.published_at or record.oparl_created, oparl_modified=record.oparl_modified,
        meeting_ids=[meeting.pk])
    entry.meeting = meeting
    return entry


def pack_entry(version) -> FileEntry:
    pack = version.pack
    meeting = pack.meeting
    kind = "supplementary-pack" if pack.kind == pack.Kind.SUPPLEMENTARY else "agenda-pack"
    entry = FileEntry(
        key=f"pack-{version.pk}",
        name=f"{pack.get_kind_display()} (public), {meeting.board.name}, {long_date(meeting.date)}, version {version.number}",
        file_name=f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-{kind}-public-v{version.number}.pdf",
        mime_type=MIME["pdf"], date=version.created_at.date(), web=meeting.get_absolute_url(),
        oparl_created=version.created_at, oparl_modified=version.created_at, meeting_ids=[meeting.pk],
        size=version.size, sha256=version.sha256)
    entry.stored = version.file
    return entry


def report_entry(report) -> FileEntry:
    """The report itself, as the web page the public reads (numbered paragraphs, tables): a Paper's
    `mainFile`. Its appendices are the Paper's `auxiliaryFile`s."""
    item = report.agenda_item
    meeting = item.meeting
    return FileEntry(
        key=f"report-{report.pk}", name=report.title,
        file_name=f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-item-{item.number}.html", mime_type=MIME["html"],
        date=meeting.agenda_published_at.date(), web=report.get_absolute_url(),
        oparl_created=report.oparl_created, oparl_modified=report.oparl_modified,
        meeting_ids=[meeting.pk], item_ids=[item.pk], paper_ids=[report.pk])


def appendix_entry(attachment, report, position: int) -> FileEntry:
    name = attachment.title if attachment.title.lower().endswith(attachment.kind) else f"{attachment.title}.{attachment.kind}"
    item = report.agenda_item
    entry = FileEntry(
        key=f"appendix-{attachment.pk}", name=appendix_heading(position, attachment.title), file_name=name,
        mime_type=MIME[attachment.kind], date=attachment.uploaded_at.date(), web=report.get_absolute_url(),
        oparl_created=attachment.oparl_created, oparl_modified=attachment.oparl_modified,
        meeting_ids=[item.meeting_id], item_ids=[item.pk], paper_ids=[report.pk],
        size=attachment.size or None, sha256=attachment.sha256)
    entry.stored = attachment.file
    return entry


def appendices_of(report) -> list[FileEntry]:
    return [appendix_entry(a, report, n) for n, a in enumerate(report.attachments.all(), start=1)]


def all_files(council: str) -> list[FileEntry]:
    """Every public file of the council's boards, in a stable order (kind, then id)."""
    from . import selectors

    meetings = list(selectors.meetings(council).prefetch_related(None))
    entries = [agenda_entry(m) for m in meetings]
    entries += [pack_entry(v) for v in selectors.public_pack_versions(council)]
    entries += [minutes_entry(r) for r in selectors.public_minutes_records(council)]
    for report in selectors.papers(council):
        entries += [report_entry(report), *appendices_of(report)]
    return sorted(entries, key=lambda e: e.sort_key)


def find(council: str, key: str) -> FileEntry | None:
    """The public file with this key, or None (never one the public may not read)."""
    from . import selectors

    kind, _, pk = key.partition("-")
    if kind not in KIND_ORDER or not pk.isdigit() or str(int(pk)) != pk:
        return None
    pk = int(pk)
    if kind == "agenda":
        meeting = selectors.meetings(council).prefetch_related(None).filter(pk=pk).first()
        return agenda_entry(meeting) if meeting else None
    if kind == "pack":
        version = selectors.public_pack_versions(council).filter(pk=pk).first()
        return pack_entry(version) if version else None
    if kind == "minutes":
        record = selectors.public_minutes_records(council).filter(meeting_id=pk).first()
        return minutes_entry(record) if record else None
    if kind == "report":
        report = selectors.papers(council).filter(pk=pk).first()
        return report_entry(report) if report else None
    report = selectors.papers(council).filter(attachments__pk=pk).first()
    if report is None:
        return None
    return next((e for e in appendices_of(report) if e.key == key), None)


def council_of_key(key: str) -> str | None:
    """The council a file key belongs to, read from its meeting's board (None if unknown)."""
    from boards.models import Board

    kind, _, pk = key.partition("-")
    if not pk.isdigit():
        return None
    lookups = {
        "agenda": lambda: Board.objects.filter(meetings__pk=pk),
        "minutes": lambda: Board.objects.filter(meetings__pk=pk),
        "pack": lambda: Board.objects.filter(meetings__packs__versions__pk=pk),
        "report": lambda: Board.objects.filter(reports__pk=pk),
        "appendix": lambda: Board.objects.filter(reports__attachments__pk=pk),
    }
    if kind not in lookups:
        return None
    return lookups[kind]().values_list("council_name", flat=True).first()


# Fetching the file ----------------------------------------------------------------------------

def _existing_view(kind: str):
    from meetings import views as meeting_views
    from minutes.views import minutes_pdf as minutes_view
    from packs import views as pack_views

    return {
        "agenda": meeting_views.meeting_frontsheet,
        "pack": pack_views.pack_version_download,
        "minutes": minutes_view,
        "report": meeting_views.report_detail,
        "appendix": meeting_views.attachment_download,
    }[kind]


def serve(request, entry: FileEntry, *, download: bool):
    """The file, through its own view as the public would fetch it; `download` asks the browser to save it."""
    etag = f'"{entry.sha256}"' if entry.sha256 else None
    last_modified = entry.oparl_modified.timestamp() if entry.stored is not None else None
    if etag:
        conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if conditional is not None:
            return conditional
    kind, _, pk = entry.key.partition("-")
    user = request.user
    request.user = AnonymousUser()  # the public's permission checks, and the public's version
    try:
        response = _existing_view(kind)(request, int(pk))
    finally:
        request.user = user
    if response.status_code != 200:
        return response
    response["Content-Disposition"] = content_disposition_header(download, entry.file_name)
    if etag:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    return response

