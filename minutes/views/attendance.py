"""Attendance, others in attendance, apologies sent in advance, and declarations of interest."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards.models import Membership, Person
from core.concurrency import StaleEdit
from core.permissions import require as _require
from minutes import selectors as sel
from minutes import services as svc
from minutes.forms import ApologyForm, AttendanceFormSet, DeclarationForm, OtherAttendeeForm
from minutes.models import Declaration, MinutesLocked, OtherAttendee

from ._common import _meeting, _record, refuses_locked


# Attendance --------------------------------------------------------------------------------

@login_required
@refuses_locked
def attendance(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.manage_minutes", meeting)
    can_change = request.user.has_perm("meetings.change_minutes", meeting)
    if can_change and request.method == "GET":
        try:
            svc.attendance_prefill(meeting=meeting, user=request.user)
        except MinutesLocked:  # an admin (never refused by `rules`) reading confirmed minutes
            can_change = False
    record = svc.minutes_record_for(meeting) if can_change else _record(meeting)
    rows = list(meeting.attendance.select_related("person", "substitute").order_by("position", "person__last_name"))
    initial = [{"id": r.pk, "status": r.status, "substitute": r.substitute_id, "apology_reason": r.apology_reason,
                "from_minute": r.from_minute, "to_minute": r.to_minute} for r in rows]
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="att")
    substitutes = svc.eligible_substitutes(meeting)
    for form in formset:
        form.fields["substitute"].queryset = substitutes
    version_error = None
    if request.method == "POST":
        _require(request.user, "meetings.change_minutes", meeting)
        if formset.is_valid():
            data = [dict(f.cleaned_data) for f in formset if f.cleaned_data]
            try:
                svc.attendance_record(meeting=meeting, rows=data, version=request.POST.get("version"), user=request.user)
            except StaleEdit as exc:
                version_error = str(exc)
            except ValidationError as exc:
                version_error = " ".join(exc.messages)
            else:
                messages.success(request, "Attendance saved.")
                return redirect("meetings:attendance", pk=pk)
    context = {
        "meeting": meeting, "board": meeting.board, "record": record, "can_change": can_change,
        "pairs": list(zip(rows, formset.forms)), "formset": formset, "version_error": version_error,
        "others": meeting.other_attendees.select_related("person").order_by("position"),
        "other_form": OtherAttendeeForm(), "apology_form": ApologyForm(people=_board_people(meeting)),
    }
    return render(request, "minutes/attendance.html", context, status=409 if version_error else 200)


def _board_people(meeting):
    return Person.objects.filter(memberships__board_id=meeting.board_id).distinct().order_by("last_name", "first_name")


@login_required
@require_POST
@refuses_locked
def other_add(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.change_minutes", meeting)
    form = OtherAttendeeForm(request.POST)
    if form.is_valid():
        svc.other_attendee_add(meeting=meeting, user=request.user, **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['person'].full_name} added to those in attendance.")
    else:
        messages.error(request, "Choose the person to add.")
    return redirect(reverse("meetings:attendance", args=[pk]) + "#others-heading")


@login_required
@require_POST
@refuses_locked
def other_remove(request, pk):
    other = get_object_or_404(OtherAttendee.objects.select_related("meeting", "meeting__board"), pk=pk)
    _require(request.user, "meetings.change_minutes", other.meeting)
    svc.other_attendee_remove(other=other, user=request.user)
    messages.success(request, "Removed from those in attendance.")
    return redirect(reverse("meetings:attendance", args=[other.meeting_id]) + "#others-heading")


@login_required
@refuses_locked
def apologies(request, pk):
    """Apologies sent in before the meeting: a member for themself, the clerk for anyone."""
    meeting = _meeting(pk)
    _require(request.user, "meetings.record_apology", meeting)
    is_staff = request.user.has_perm("meetings.manage_minutes", meeting)
    people = _board_people(meeting) if is_staff else Person.objects.filter(user=request.user)
    form = ApologyForm(request.POST or None, people=people, initial={"person": people.first()} if not is_staff else None)
    if request.method == "POST" and form.is_valid():
        svc.apology_record(meeting=meeting, person=form.cleaned_data["person"], user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Apologies recorded for {form.cleaned_data['person'].full_name}.")
        return redirect(meeting)
    sent = meeting.attendance.filter(apology_in_advance=True).select_related("person")
    return render(request, "minutes/apologies.html", {"meeting": meeting, "board": meeting.board, "form": form, "sent": sent})


# Declarations ------------------------------------------------------------------------------

def _members_of(meeting):
    return Person.objects.filter(memberships__board_id=meeting.board_id, memberships__role__in=Membership.MEMBER_ROLES).distinct().order_by("last_name")


@login_required
@refuses_locked
def declarations(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.manage_minutes", meeting)
    can_change = request.user.has_perm("meetings.change_minutes", meeting)
    form = DeclarationForm(request.POST or None, meeting=meeting, members=_members_of(meeting))
    if request.method == "POST":
        _require(request.user, "meetings.change_minutes", meeting)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                svc.declaration_add(meeting=meeting, user=request.user, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Declaration recorded; it appears in the declarations minute and on the member's page.")
                return redirect("meetings:declarations", pk=pk)
    lines = sel.printed_minutes(meeting)["declaration_lines"]
    rows = list(meeting.declarations.select_related("person", "agenda_item").order_by("agenda_item__position", "pk"))
    return render(request, "minutes/declarations.html", {
        "meeting": meeting, "board": meeting.board, "form": form, "can_change": can_change,
        "rows": list(zip(rows, lines)),
    }, status=400 if form.errors else 200)


@login_required
@refuses_locked
def declaration_edit(request, pk):
    declaration = get_object_or_404(Declaration.objects.select_related("meeting", "meeting__board", "person"), pk=pk)
    meeting = declaration.meeting
    _require(request.user, "meetings.change_minutes", meeting)
    form = DeclarationForm(request.POST or None, instance=declaration, meeting=meeting, members=_members_of(meeting))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            svc.declaration_update(declaration=declaration, version=form.cleaned_data.get("version"), user=request.user, **data)
        except (ValidationError, StaleEdit) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "Declaration saved.")
            return redirect("meetings:declarations", pk=meeting.pk)
    return render(request, "minutes/declaration_form.html", {
        "meeting": meeting, "board": meeting.board, "form": form, "declaration": declaration,
    }, status=400 if form.errors else 200)


@login_required
@require_POST
@refuses_locked
def declaration_delete(request, pk):
    declaration = get_object_or_404(Declaration.objects.select_related("meeting", "meeting__board"), pk=pk)
    _require(request.user, "meetings.change_minutes", declaration.meeting)
    svc.declaration_delete(declaration=declaration, user=request.user)
    messages.success(request, "Declaration removed.")
    return redirect("meetings:declarations", pk=declaration.meeting_id)
