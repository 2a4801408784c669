"""A meeting's documents in one list: the agenda front sheet, the public pack (current version and
earlier ones not withdrawn), supplementary packs, the printed minutes, and each public report with
its appendices. Sizes and page counts where the document is a file."""
from dataclasses import dataclass

from django.urls import reverse

from meetings.models import Attachment
from packs.models import Pack, PackVersion
from meetings.selectors import public_reports
from minutes.selectors import public_minutes


@dataclass
class Document:
    title: str
    url: str
    kind: str  # "Web page", "PDF", "Word document"…
    size: int | None = None
    pages: int | None = None
    note: str = ""


KIND_NAMES = {"pdf": "PDF", "docx": "Word document", "xlsx": "Excel spreadsheet"}


def _pack_documents(meeting, variant, label) -> list[Document]:
    versions = (PackVersion.objects.not_withdrawn()
                .filter(pack__meeting=meeting, pack__variant=variant)
                .select_related("pack").order_by("pack__kind", "-number"))
    docs = []
    for v in versions:
        supplementary = v.pack.kind == Pack.Kind.SUPPLEMENTARY
        current = v.pack.current_version_id == v.pk
        title = f"{label}{' – supplementary' if supplementary else ''}, version {v.number}"
        note = "Current version" if current else "Earlier version"
        docs.append(Document(title, v.get_download_url(), "PDF", v.size, v.page_count, note))
    return docs


def _minutes_document(meeting) -> Document | None:
    if not public_minutes().filter(meeting_id=meeting.pk).exists():
        return None
    from packs.models import RenderedSection
    from core.pdf import content_hash
    from minutes.papers import minutes_pdf_bytes, minutes_pdf_html

    # Rendered once per content and kept in the section cache; read its size and pages from there.
    data = minutes_pdf_bytes(meeting, public=True)
    section = RenderedSection.objects.filter(key=content_hash("printed-minutes", minutes_pdf_html(meeting, public=True))).first()
    return Document("Printed minutes", reverse("meetings:minutes_pdf", args=[meeting.pk]), "PDF", len(data),
                    section.page_count if section else None)


def meeting_documents(meeting, user) -> list[Document]:
    docs = [Document("Agenda front sheet", reverse("meetings:frontsheet", args=[meeting.pk]), "Web page (printable)")]
    docs += _pack_documents(meeting, Pack.Variant.PUBLIC, "Public agenda pack")
    if user.has_perm("meetings.view_members_pack", meeting):
        docs += _pack_documents(meeting, Pack.Variant.MEMBERS, "Members' agenda pack (not for publication)")
    minutes = _minutes_document(meeting)
    if minutes:
        docs.append(minutes)
    reports = list(public_reports().filter(agenda_item__meeting=meeting)
                   .select_related("agenda_item").order_by("agenda_item__position", "pk").only("id", "title", "agenda_item"))
    attachments = {}
    for a in Attachment.objects.filter(report_id__in=[r.pk for r in reports]).order_by("position", "pk"):
        attachments.setdefault(a.report_id, []).append(a)
    for report in reports:
        docs.append(Document(f"Item {report.agenda_item.number}: {report.title}", report.get_absolute_url(), "Web page"))
        for a in attachments.get(report.pk, []):
            docs.append(Document(f"Item {report.agenda_item.number}: {a.title}", a.get_absolute_url(),
                                 KIND_NAMES.get(a.kind, a.kind.upper()), a.size))
    return docs
