"""Meeting pages: schedule, the meeting page, edit, publish the agenda, cancel, the printable
agenda front sheet, History."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.models import Board
from core import formats
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require
from meetings import registry, selectors, services
from meetings.forms import AgendaItemForm, CancelForm, MeetingCreateForm, MeetingForm, PublishForm
from meetings.models import Meeting


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
    """One timeline of the meeting and everything filed under it: its agenda items, their reports
    and appendices, the versions of its agenda packs, and its attendance, declarations and minutes."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    return history_response(
        request, meeting, "meetings.view_history",
        title=f"History of the meeting of {meeting.board.name} on {formats.long_date(meeting.date)}",
        related=selectors.meeting_history_sources(meeting) + registry.meeting_history_sources(meeting),
        events=registry.meeting_history_events(meeting),
        timeline="Meeting",
    )
