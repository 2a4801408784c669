"""The minutes editor: drafting, refreshing, publishing, confirming and signing a meeting's
minutes, and inserting, editing, removing, moving and correcting single minutes.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.concurrency import StaleEdit
from core.formats import plain_date
from core.permissions import require as _require
from minutes import services as svc
from minutes.forms import ConfirmForm, CorrectionForm, MinuteForm, MinuteInsertForm
from minutes.models import Minute, MinutesLocked

from ._common import (
    _direction, _meeting, _minute, _minute_context, _protected_message, _record, _refused, refuses_locked,
)


# The editor: minutes of a meeting ----------------------------------------------------------

@login_required
def minutes_edit(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.manage_minutes", meeting)
    record = _record(meeting)
    minutes = list(Minute.objects.filter(meeting=meeting).select_related("agenda_item").order_by("position"))
    context = {
        "meeting": meeting, "board": meeting.board, "record": record, "minutes": minutes,
        "can_change": request.user.has_perm("meetings.change_minutes", meeting),
        "insert_form": MinuteInsertForm(meeting=meeting),
        "confirm_form": ConfirmForm(meeting=meeting),
        "first_number": svc.minutes_first_number(meeting),
        "counts": {
            "attendance": meeting.attendance.count(), "others": meeting.other_attendees.count(),
            "declarations": meeting.declarations.count(),
        },
    }
    return render(request, "minutes/editor.html", context)


@login_required
@require_POST
@refuses_locked
def minutes_draft(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.change_minutes", meeting)
    first_number = request.POST.get("first_number")
    try:
        svc.minutes_draft(meeting=meeting, user=request.user,
                          first_number=int(first_number) if first_number and first_number.isdigit() else None)
    except (MinutesLocked, ValidationError) as exc:
        return _refused(request, exc, reverse("meetings:minutes_edit", args=[pk]))
    messages.success(request, "Minutes drafted from the agenda: one minute per item.")
    return redirect("meetings:minutes_edit", pk=pk)


@login_required
@require_POST
@refuses_locked
def minutes_refresh(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.change_minutes", meeting)
    svc.minutes_refresh_from_records(meeting=meeting, user=request.user)
    messages.success(request, "The date of the next meeting has been written again from the meeting records.")
    return redirect("meetings:minutes_edit", pk=pk)


def _lifecycle(request, pk, action):
    meeting = _meeting(pk)
    _require(request.user, "meetings.manage_minutes", meeting)
    target = reverse("meetings:minutes_edit", args=[pk])
    try:
        if action == "publish":
            svc.minutes_publish(meeting=meeting, user=request.user)
            messages.success(request, "Minutes published as a draft, for confirmation at the next meeting.")
        elif action == "unpublish":
            svc.minutes_unpublish(meeting=meeting, user=request.user)
            messages.success(request, "Minutes taken back to draft.")
        elif action == "confirm":
            form = ConfirmForm(request.POST, meeting=meeting)
            if not form.is_valid():
                raise ValidationError("Choose the meeting at which the minutes were confirmed.")
            at = form.cleaned_data["at_meeting"]
            svc.minutes_confirm(meeting=meeting, at_meeting=at, user=request.user, signed=form.cleaned_data["signed"])
            messages.success(request, f"Minutes confirmed as a correct record at the meeting of {plain_date(at.date)}; they are now locked.")
        elif action == "sign":
            svc.minutes_sign(meeting=meeting, user=request.user)
            messages.success(request, "Minutes signed by the Chair.")
    except (MinutesLocked, ValidationError) as exc:
        return _refused(request, exc, target)
    return redirect(target)


@login_required
@require_POST
def minutes_publish(request, pk):
    return _lifecycle(request, pk, "publish")


@login_required
@require_POST
def minutes_unpublish(request, pk):
    return _lifecycle(request, pk, "unpublish")


@login_required
@require_POST
def minutes_confirm(request, pk):
    return _lifecycle(request, pk, "confirm")


@login_required
@require_POST
def minutes_sign(request, pk):
    return _lifecycle(request, pk, "sign")


@login_required
@require_POST
@refuses_locked
def minute_insert(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.change_minutes", meeting)
    form = MinuteInsertForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, "Give the new minute a title.")
        return redirect("meetings:minutes_edit", pk=pk)
    try:
        minute = svc.minute_insert(meeting=meeting, user=request.user, title=form.cleaned_data["title"],
                                   after=form.cleaned_data["after"])
    except MinutesLocked as exc:
        return _refused(request, exc, reverse("meetings:minutes_edit", args=[pk]))
    messages.success(request, f"Minute {minute.number} inserted; the minutes after it have been renumbered.")
    return redirect("meetings:minute_edit", pk=minute.pk)


@login_required
@require_POST
@refuses_locked
def minute_delete(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    try:
        svc.minute_delete(minute=minute, user=request.user)
    except MinutesLocked as exc:
        return _refused(request, exc, reverse("meetings:minutes_edit", args=[minute.meeting_id]))
    except ProtectedError as exc:
        messages.error(request, _protected_message(exc, f"Minute {minute.number}"))
        return redirect("meetings:minutes_edit", pk=minute.meeting_id)
    messages.success(request, "Minute removed; the minutes after it have been renumbered.")
    return redirect("meetings:minutes_edit", pk=minute.meeting_id)


@login_required
@require_POST
@refuses_locked
def minute_move(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    try:
        minute = svc.minute_move(minute=minute, direction=_direction(request), user=request.user)
    except MinutesLocked as exc:
        return _refused(request, exc, reverse("meetings:minutes_edit", args=[minute.meeting_id]))
    messages.success(request, f"“{minute.title}” is now minute {minute.number}.")
    return redirect(reverse("meetings:minutes_edit", args=[minute.meeting_id]) + f"#minute-{minute.pk}")


@login_required
@refuses_locked
def minute_edit(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.manage_minutes", minute.meeting)
    if request.method == "POST":
        _require(request.user, "meetings.change_minutes", minute.meeting)
        form = MinuteForm(request.POST, instance=Minute.objects.get(pk=pk))
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ("title", "narrative", "closing")}
            try:
                svc.minute_update(minute=minute, version=form.cleaned_data.get("version"), user=request.user, **data)
            except StaleEdit as exc:
                form.add_error(None, str(exc))
            except MinutesLocked as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Minute {minute.number} saved.")
                return redirect("meetings:minute_edit", pk=pk)
        minute.refresh_from_db()
        return render(request, "minutes/minute_edit.html", _minute_context(request, minute, minute_form=form), status=409 if form.errors else 200)
    return render(request, "minutes/minute_edit.html", _minute_context(request, minute))


@login_required
@refuses_locked
def minute_correct(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.manage_minutes", minute.meeting)
    form = CorrectionForm(request.POST or None, minute=minute)
    if request.method == "POST" and form.is_valid():
        try:
            correction = svc.correction_record(minute=minute, at_meeting=form.cleaned_data["at_meeting"], user=request.user,
                                               text=form.cleaned_data["text"])
        except (MinutesLocked, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", None) or " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"Correction recorded as minute {correction.number}.")
            return redirect("meetings:minute_edit", pk=correction.pk)
    return render(request, "minutes/correction_form.html", {"form": form, "minute": minute, "meeting": minute.meeting})
