"""Appendices of reports: added, replaced, removed, moved (on a published report only with a
revision note) and checked again.

Each function is one transaction.
"""
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from core.audit import record_user as _audit
from core.audit import save_audited as _save
from core.uploads import check_appendix
from meetings.models import Attachment, Report, ReportRevision
from meetings.models.reports import clean_appendix_title


def _store_checked(attachment: Attachment, upload, checked) -> None:
    """Put a checked upload on `attachment` (not saved): what is stored is the checked (for a PDF,
    cleaned) copy, named for what it is."""
    attachment.kind, attachment.size, attachment.sha256 = checked.kind, len(checked.content), checked.sha256
    attachment.pdf_tagged = checked.tagged if checked.kind == Attachment.Kind.PDF else None
    attachment.removed_from_file = checked.removed
    stem = PurePath(upload.name).stem or "appendix"
    attachment.file.save(f"{stem}.{checked.kind}", ContentFile(checked.content), save=False)


def _appendix_title(title: str, upload) -> str:
    """The title as given, less any "Appendix A –" typed before it; by default the file's name."""
    return clean_appendix_title(title) or clean_appendix_title(PurePath(upload.name).stem) or "Appendix"


@transaction.atomic
def attachment_add(*, report: Report, upload, title: str, user, revision_note: str = "") -> Attachment:
    """Attach an appendix after checking it by content (PDF, DOCX or XLSX only).

    An appendix added to a published report is a revision: it needs a note and is recorded.
    """
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    revision_note = (revision_note or "").strip()
    if report.status == Report.Status.PUBLISHED and not revision_note:
        raise ValidationError({"revision_note": "This report is published: say why the appendix is being added. "
                                                "The note is shown with the report."})
    checked = check_appendix(upload)
    Report.objects.select_for_update().filter(pk=report.pk).first()
    last = report.attachments.order_by("-position").values_list("position", flat=True).first() or 0
    attachment = Attachment(report=report, title=_appendix_title(title, upload), position=last + 1, uploaded_by=user)
    _store_checked(attachment, upload, checked)
    if checked.removed:
        attachment._change_reason = ("Removed from the file before storing: " + "; ".join(checked.removed))[:100]
    _save(attachment, user)
    if report.status == Report.Status.PUBLISHED:
        ReportRevision.objects.create(report=report, made_by=user if user.is_authenticated else None,
                                      note=revision_note, changed=[f"Appendix “{attachment.title}” attached"],
                                      version=report.version)
    return attachment


@transaction.atomic
def attachment_replace(*, attachment: Attachment, upload, title: str, user, revision_note: str = "") -> Attachment:
    """Put a new file in an appendix's place (same letter), checked exactly as a new appendix is.
    The old file is deleted once the change is committed; History keeps who, when, and the old
    file's name, size and SHA-256."""
    if not user.has_perm("meetings.change_report", attachment.report):
        raise PermissionDenied
    note = _note_for_published(attachment.report, revision_note, "replaced")
    checked = check_appendix(upload)
    attachment = Attachment.objects.select_for_update().select_related("report").get(pk=attachment.pk)
    old_name = attachment.file.name
    if title.strip():
        attachment.title = _appendix_title(title, upload)
    _store_checked(attachment, upload, checked)
    attachment.uploaded_by = user
    reason = f"Replaced the file with “{PurePath(upload.name).name}”"
    if checked.removed:
        reason += "; removed: " + "; ".join(checked.removed)
    attachment._change_reason = reason[:100]
    _save(attachment, user)
    if old_name and old_name != attachment.file.name:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    _record_published_revision(attachment.report, user, note, f"Appendix “{attachment.title}” replaced")
    return attachment


def _note_for_published(report: Report, note: str, doing: str) -> str:
    """A change to the appendices of a published report is a revision: it needs a note."""
    note = (note or "").strip()
    if report.status == Report.Status.PUBLISHED and not note:
        raise ValidationError(f"This report is published: say why the appendix is being {doing}. "
                              "The note is shown with the report.")
    return note


def _record_published_revision(report: Report, user, note: str, changed: str) -> None:
    if report.status == Report.Status.PUBLISHED:
        ReportRevision.objects.create(report=report, made_by=user if user.is_authenticated else None,
                                      note=note, changed=[changed], version=report.version)


def _renumber_appendices(report: Report, ordered: list[Attachment], user) -> None:
    for position, attachment in enumerate(ordered, start=1):
        if attachment.position != position:
            attachment.position = position
            _save(attachment, user, update_fields=["position"])


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user, revision_note: str = "") -> None:
    """Remove an appendix; the ones after it move up a letter. History keeps the removal."""
    report = attachment.report
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    note = _note_for_published(report, revision_note, "removed")
    Report.objects.select_for_update().filter(pk=report.pk).first()
    attachment = Attachment.objects.get(pk=attachment.pk)
    name, storage = attachment.file.name, attachment.file.storage
    _audit(attachment, user)
    attachment._change_reason = "Appendix removed"
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    _renumber_appendices(report, list(report.attachments.order_by("position", "pk")), user)
    _record_published_revision(report, user, note, f"Appendix “{attachment.title}” removed")


@transaction.atomic
def attachment_move(*, attachment: Attachment, direction: str, user, revision_note: str = "") -> Attachment:
    """Move an appendix one place up or down; the letters follow the order."""
    report = attachment.report
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    note = _note_for_published(report, revision_note, "moved")
    Report.objects.select_for_update().filter(pk=report.pk).first()
    ordered = list(report.attachments.order_by("position", "pk"))
    index = next(i for i, a in enumerate(ordered) if a.pk == attachment.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber_appendices(report, ordered, user)
    _record_published_revision(report, user, note, f"Appendix “{attachment.title}” moved {direction}")
    return next(a for a in ordered if a.pk == attachment.pk)


@transaction.atomic
def attachment_recheck(*, attachment: Attachment, user=None, dry_run: bool = False) -> str:
    """Check a stored appendix as if it were uploaded today; for appendices stored before uploads
    were parsed. A PDF with active content is replaced by its cleaned copy (recorded in History,
    so the pack flips out of date and is rebuilt from the clean file). Returns "ok", "cleaned: …"
    or "refused: …" (a refused file is left for a clerk to replace: it is converted only in the
    sandbox meanwhile)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    with attachment.file.open("rb") as f:
        stored = f.read()
    try:
        checked = check_appendix(SimpleUploadedFile(PurePath(attachment.file.name).name, stored))
    except ValidationError as exc:
        return "refused: " + " ".join(exc.messages)
    if not checked.removed:
        return "ok"
    removed = "; ".join(checked.removed)
    if not dry_run:
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
        old_name = attachment.file.name
        attachment.size, attachment.sha256 = len(checked.content), checked.sha256
        attachment._change_reason = f"Cleaned: {removed}"[:100]
        attachment.file.save(PurePath(old_name).name, ContentFile(checked.content), save=False)
        _save(attachment, user)
        if old_name != attachment.file.name:
            transaction.on_commit(lambda: attachment.file.storage.delete(old_name))
    return f"cleaned: {removed}"
