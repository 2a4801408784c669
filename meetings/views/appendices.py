"""Appendices of reports: add, download, replace, remove, move."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.permissions import require as _require
from meetings import selectors, services
from meetings.forms import AttachmentForm, AttachmentReplaceForm
from meetings.models import Attachment, Report
from meetings.models.reports import appendix_heading

from .reports import _report_context


@login_required
@require_POST
def attachment_add(request, pk):
    report = get_object_or_404(Report.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.change_report", report)
    form = AttachmentForm(request.POST, request.FILES, report=report)
    if form.is_valid():
        try:
            attachment = services.attachment_add(report=report, upload=form.cleaned_data["file"],
                                                 title=form.cleaned_data["title"], user=request.user,
                                                 revision_note=form.cleaned_data.get("revision_note", ""))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_error(None, exc)
            else:
                for message in exc.messages:
                    form.add_error("file", message)
        else:
            _appendix_stored_messages(request, attachment, "Appendix attached.")
            return redirect(report)
    report = selectors.report_detail(pk)
    return render(request, "meetings/report_detail.html", _report_context(request.user, report, form), status=400)


def _appendix_stored_messages(request, attachment, done: str) -> None:
    removed = "; ".join(attachment.removed_from_file)
    messages.success(request, done + (f" Removed from the PDF before it was stored: {removed}." if removed else ""))
    if attachment.not_accessible:
        messages.warning(request, (
            f"“{attachment.display_title}” is a PDF without tags, so it is not accessible: a screen reader "
            "cannot follow its headings, lists or tables (and reads nothing of a scanned page). The accessibility "
            "regulations expect published documents to be tagged. It has been attached; if you can, export it "
            "again from Word with “Document structure tags for accessibility” ticked (or attach the .docx) and "
            "replace it."))


def _attachment_for_change(request, pk) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("report__board"), pk=pk)
    _require(request.user, "meetings.change_report", attachment.report)
    return attachment


def _appendix_heading(attachment) -> str:
    ids = list(attachment.report.attachments.values_list("pk", flat=True))
    return appendix_heading(ids.index(attachment.pk) + 1, attachment.title)


@login_required
@require_POST
def attachment_replace(request, pk):
    attachment = _attachment_for_change(request, pk)
    form = AttachmentReplaceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose the new file for the appendix.")
        return redirect(attachment.report)
    try:
        attachment = services.attachment_replace(attachment=attachment, upload=form.cleaned_data["file"],
                                                 title=form.cleaned_data["title"], user=request.user,
                                                 revision_note=request.POST.get("revision_note", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"The appendix was not replaced: {message}")
    else:
        _appendix_stored_messages(request, attachment, f"{_appendix_heading(attachment)}: file replaced.")
    return redirect(attachment.report)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = _attachment_for_change(request, pk)
    heading = _appendix_heading(attachment)
    try:
        services.attachment_remove(attachment=attachment, user=request.user,
                                   revision_note=request.POST.get("revision_note", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{heading} removed; the appendices after it have been relettered.")
    return redirect(attachment.report)


@login_required
@require_POST
def attachment_move(request, pk):
    attachment = _attachment_for_change(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse("direction must be up or down", status=400)
    try:
        attachment = services.attachment_move(attachment=attachment, direction=direction, user=request.user,
                                              revision_note=request.POST.get("revision_note", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"“{attachment.display_title}” is now {_appendix_heading(attachment).split(' – ')[0]}.")
    return redirect(attachment.report)


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("report", "report__agenda_item"), pk=pk)
    _require(request.user, "meetings.view_report", attachment.report)
    content_types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    filename = f"{attachment.title}.{attachment.kind}" if not attachment.title.lower().endswith(attachment.kind) else attachment.title
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=filename,
                        content_type=content_types[attachment.kind])
