"""Meeting, agenda and report pages. Views parse and respond; the services hold the rules."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.models import Board
from core.concurrency import StaleEdit
from core import formats
from core.history import history_response
from core.permissions import require as _require
from meetings import selectors, services
from meetings.forms import (
    AgendaItemForm, AttachmentForm, AttachmentReplaceForm, CancelForm, MeetingCreateForm, MeetingForm, PublishForm,
    ReportForm, WithdrawForm,
)
from meetings.models import AgendaItem, Attachment, Meeting, Report


def _form_errors_from(exc: ValidationError, form):
    for message in exc.messages:
        form.add_error(None, message)


# Meetings ------------------------------------------------------------------------------------

@login_required
def meeting_create(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "boards.create_meeting", board)
    initial = {"venue": board.default_venue, "start_time": board.default_start_time}
    form = MeetingCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(board=board, user=request.user, **form.cleaned_data)
        messages.success(request, "Meeting scheduled. The standard items are on its agenda.")
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "board": board, "creating": True})


def _meeting_context(user, meeting, item_form=None) -> dict:
    """What the meeting page shows this user; `item_form` keeps a refused "Add an item" form."""
    can_change = user.has_perm("meetings.change_meeting", meeting)
    can_view_exempt = user.has_perm("meetings.view_exempt", meeting)
    return {
        "meeting": meeting,
        "board": meeting.board,
        "items": selectors.agenda_as_shown(meeting, meeting.items.all(), public=not can_view_exempt),
        "can_change": can_change,
        "can_view_exempt": can_view_exempt,
        "deadline": services.deadline_status(meeting),
        "publish_form": PublishForm(),
        "item_form": (item_form or AgendaItemForm()) if can_change else None,
    }


def meeting_detail(request, pk):
    try:
        meeting = selectors.meeting_with_agenda(pk, request.user)
    except Meeting.DoesNotExist:
        raise Http404
    _require(request.user, "meetings.view_meeting", meeting)
    context = _meeting_context(request.user, meeting)
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        rescheduled_before = meeting.rescheduled_at
        try:
            meeting = services.meeting_update(meeting=meeting, version=form.cleaned_data.get("version"),
                                              user=request.user, **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("urgency_reason" if "urgency_reason" in form.fields else None, message)
        else:
            if meeting.rescheduled_at != rescheduled_before:
                messages.success(request, "Meeting rescheduled. Members are being notified by e-mail.")
            else:
                messages.success(request, "Meeting details saved.")
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "board": meeting.board, "meeting": meeting})


@login_required
@require_POST
def meeting_publish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.publish_meeting", meeting)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        services.agenda_publish(meeting=meeting, user=request.user, urgency_reason=form.cleaned_data.get("urgency_reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Agenda published. Members are being notified by e-mail.")
    return redirect(meeting)


@login_required
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, "Meeting cancelled. The record is kept.")
            return redirect(meeting)
    return render(request, "meetings/meeting_cancel.html", {"form": form, "meeting": meeting, "board": meeting.board})


def meeting_frontsheet(request, pk):
    try:
        meeting = selectors.meeting_with_agenda(pk, request.user)
    except Meeting.DoesNotExist:
        raise Http404
    _require(request.user, "meetings.view_meeting", meeting)
    items = selectors.agenda_as_shown(meeting, meeting.items.all(),
                                      public=not request.user.has_perm("meetings.view_exempt", meeting))
    return render(request, "meetings/frontsheet.html", {"meeting": meeting, "board": meeting.board, "items": items})


@login_required
def meeting_history(request, pk):
    """The meeting's own changes, then its agenda items' (added, edited, moved, removed) and every
    version of its agenda packs."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    return history_response(
        request, meeting, "meetings.view_history",
        title=f"History of the meeting of {meeting.board.name} on {formats.long_date(meeting.date)}",
        related=[("Agenda items", AgendaItem.history.filter(meeting_id=meeting.pk))],
        events=[("Agenda packs", selectors.pack_history_rows(meeting))],
    )


# Agenda items --------------------------------------------------------------------------------

def _agenda_response(request, meeting, status=200):
    """After an htmx change, send back the agenda list; otherwise go back to the meeting page."""
    if request.htmx:
        meeting = selectors.meeting_with_agenda(meeting.pk, request.user)
        return render(
            request, "meetings/_agenda_list.html",
            {"meeting": meeting, "items": selectors.agenda_as_shown(meeting, meeting.items.all(), public=False),
             "can_change": True, "can_view_exempt": True},
            status=status,
        )
    return redirect(meeting)


@login_required
@require_POST
def item_create(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    _require(request.user, "meetings.change_meeting", meeting)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.agenda_item_create(meeting=meeting, user=request.user, **data)
        messages.success(request, f"Item “{data['title']}” added to the agenda.")
        return redirect(meeting)
    meeting = selectors.meeting_with_agenda(pk, request.user)
    return render(request, "meetings/meeting_detail.html", _meeting_context(request.user, meeting, form), status=400)


def item_detail(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__board"), pk=pk)
    _require(request.user, "meetings.view_item", item)
    reports = selectors.reports_visible(request.user).filter(agenda_item=item)
    selectors.agenda_as_shown(item.meeting, [item], public=not request.user.has_perm("meetings.view_exempt", item))
    previous = None
    if item.kind == AgendaItem.Kind.MINUTES:
        candidate = selectors.last_meeting_held(item.meeting)
        if candidate is not None and request.user.has_perm("meetings.view_minutes", candidate):
            previous = candidate
    return render(request, "meetings/item_detail.html", {"item": item, "meeting": item.meeting, "reports": reports,
                                                          "previous_minutes_of": previous,
                                                          "can_change": request.user.has_perm("meetings.change_item", item)})


@login_required
def item_edit(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__board"), pk=pk)
    _require(request.user, "meetings.change_item", item)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.agenda_item_update(item=item, version=form.cleaned_data.get("version"), user=request.user, **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _form_errors_from(exc, form)
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(item.meeting)
    return render(request, "meetings/item_form.html", {"form": form, "item": item, "meeting": item.meeting})


@login_required
@require_POST
def item_delete(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    _require(request.user, "meetings.change_item", item)
    meeting = item.meeting
    services.agenda_item_delete(item=item, user=request.user)
    messages.success(request, "Item removed; the agenda has been renumbered.")
    return redirect(meeting)


@login_required
@require_POST
def item_move(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    _require(request.user, "meetings.change_item", item)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse("direction must be up or down", status=400)
    item = services.agenda_item_move(item=item, direction=direction, user=request.user)
    if not request.htmx:
        messages.success(request, f"“{item.title}” is now item {item.number}.")
    response = _agenda_response(request, item.meeting)
    if request.htmx:
        response["HX-Trigger-After-Settle"] = json.dumps({"agendaMoved": {"message": f"“{item.title}” is now item {item.number}.", "item": item.pk, "direction": direction}})
    return response


@login_required
@require_POST
def items_reorder(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    _require(request.user, "meetings.change_meeting", meeting)
    try:
        ordered = [int(x) for x in request.POST.getlist("item")]
        services.agenda_items_reorder(meeting=meeting, ordered_ids=ordered, user=request.user)
    except (ValueError, ValidationError) as exc:
        msg = exc.messages[0] if isinstance(exc, ValidationError) else "Bad order."
        if request.htmx:
            return HttpResponse(msg, status=409)
        messages.error(request, msg)
    return _agenda_response(request, meeting)


@login_required
def item_history(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk)
    return history_response(request, item, "meetings.view_history", title=f"History of item {item.number} “{item.title}”, {formats.plain_date(item.meeting.date)}")


# Reports -------------------------------------------------------------------------------------

@login_required
def my_reports(request):
    return render(
        request, "meetings/my_reports.html",
        {
            "reports": selectors.reports_of_author(request.user),
            "awaiting": selectors.reports_awaiting_approval(request.user),
            "boards": [b for b in Board.objects.all() if request.user.has_perm("boards.write_report", b)],
        },
    )


@login_required
def report_create(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "boards.write_report", board)
    initial = {}
    if request.GET.get("item"):
        initial["agenda_item"] = request.GET["item"]
    form = ReportForm(request.POST or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "strategic_priorities")}
        report = services.report_create(board=board, author=request.user, priorities=form.cleaned_data["strategic_priorities"], **data)
        messages.success(request, "Report saved as a draft.")
        return redirect(report)
    return render(request, "meetings/report_form.html", {"form": form, "board": board})


def report_detail(request, pk):
    try:
        report = selectors.report_detail(pk)
    except Report.DoesNotExist:
        raise Http404
    _require(request.user, "meetings.view_report", report)
    return render(request, "meetings/report_detail.html", _report_context(request.user, report))


def _report_context(user, report, attachment_form=None) -> dict:
    """What the report page shows this user; `attachment_form` keeps a refused upload's form."""
    return {
        "report": report,
        "priorities_ticked": {p.pk for p in report.strategic_priorities.all()},
        "all_priorities": report.board.strategic_priorities.all(),
        "can_change": user.has_perm("meetings.change_report", report),
        "can_submit": user.has_perm("meetings.submit_report", report),
        "can_approve": user.has_perm("meetings.approve_report", report),
        "can_history": user.has_perm("meetings.view_history", report),
        "can_withdraw": user.has_perm("meetings.withdraw_report", report),
        "withdraw_form": WithdrawForm(),
        "attachment_form": attachment_form or AttachmentForm(report=report),
    }


@login_required
def report_edit(request, pk):
    report = get_object_or_404(Report.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.change_report", report)
    form = ReportForm(request.POST or None, instance=report, board=report.board)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "strategic_priorities", "revision_note")}
        try:
            services.report_update(report=report, version=form.cleaned_data.get("version"), user=request.user,
                                   priorities=form.cleaned_data["strategic_priorities"],
                                   revision_note=form.cleaned_data.get("revision_note", ""), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return render(request, "meetings/report_form.html", {"form": form, "board": report.board, "report": report})
        except StaleEdit as exc:
            form.add_error(None, str(exc))
            return render(request, "meetings/report_form.html",
                          {"form": form, "board": report.board, "report": report, "stale": exc}, status=409)
        messages.success(request, "Report saved.")
        return redirect(report)
    return render(request, "meetings/report_form.html", {"form": form, "board": report.board, "report": report})


def _report_transition(request, pk, service, done_message):
    report = get_object_or_404(Report.objects.select_related("board", "agenda_item__meeting"), pk=pk)
    try:
        service(report=report, user=request.user)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect(report)


@login_required
@require_POST
def report_submit(request, pk):
    return _report_transition(request, pk, services.report_submit, "Report submitted to the clerk for approval.")


@login_required
@require_POST
def report_approve(request, pk):
    return _report_transition(request, pk, services.report_approve, "Report approved; it is published with the agenda.")


@login_required
@require_POST
def report_return(request, pk):
    reason = request.POST.get("reason", "")
    return _report_transition(request, pk, lambda **kw: services.report_return(reason=reason, **kw),
                              "Report returned to its author as a draft; they have been e-mailed the reason.")


@login_required
@require_POST
def report_withdraw(request, pk):
    report = get_object_or_404(Report.objects.select_related("board", "agenda_item__meeting"), pk=pk)
    _require(request.user, "meetings.withdraw_report", report)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for withdrawing the report; it is kept in the History.")
        return redirect(report)
    try:
        services.report_withdraw(report=report, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(report)
    messages.success(request, "Report withdrawn and returned to its author as a draft. Public packs that "
                              "printed it have been withdrawn and a fresh public pack is being built.")
    return redirect(report)


@login_required
def report_history(request, pk):
    report = get_object_or_404(Report, pk=pk)
    return history_response(request, report, "meetings.view_history", title=f"History of “{report.title}”")


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
    from meetings.models.reports import appendix_heading

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
