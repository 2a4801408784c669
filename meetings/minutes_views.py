"""Attendance, declarations, minutes editor, printed minutes, resolution tracker and people pages.

Views parse and respond; the rules live in `minutes_services`, who may do what in `rules.py`.
Every editing page works without JavaScript (plain forms that redirect back); drag and drop is
an extra on top of the Move up / Move down buttons.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards.models import Board, Membership, Person
from core.concurrency import StaleEdit
from core.formats import plain_date
from meetings import minutes_selectors as sel
from meetings import minutes_services as svc
from meetings.minutes_forms import (
    ApologyForm, AttendanceFormSet, ConfirmForm, CorrectionForm, DeclarationForm, InterestForm, MinuteForm,
    MinuteInsertForm, OtherAttendeeForm, PointForm, ResolutionForm, ResolutionTrackForm, ResponseForm,
)
from meetings.models import Meeting
from meetings.models.minutes import (
    Attendance, Declaration, Interest, MeetingMinutes, Minute, MinutePoint, MinutesLocked, MinutesStatus,
    OtherAttendee, Resolution,
)
from meetings.views import _require


def _meeting(pk) -> Meeting:
    try:
        return sel.meeting_for_minutes(pk)
    except Meeting.DoesNotExist:
        raise Http404


def _record(meeting):
    try:
        return meeting.minutes_record
    except MeetingMinutes.DoesNotExist:
        return None


def refuses_locked(view):
    """Locked (confirmed) minutes refuse every edit in the model layer. Where a view does not
    turn that into a message itself (e.g. an admin, whom `rules` never refuses, posting to
    confirmed minutes), the reader gets the 403 page with the reason instead of a server error."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MinutesLocked as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper


def _protected_message(exc: ProtectedError, what: str) -> str:
    """Actions created by a resolution keep it (on_delete=PROTECT): name them, so the clerk can unlink."""
    from actions.models import Action

    names = sorted({f"action {o.reference} of “{o.plan}”" for o in exc.protected_objects if isinstance(o, Action)})
    if not names:
        return f"{what} cannot be removed: other records refer to it."
    return (f"{what} cannot be removed: it created {', '.join(names)}. "
            "Unlink the action from the resolution first (edit the action).")


def _refused(request, exc, target):
    messages.error(request, getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)])))
    return redirect(target)


def _direction(request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    return direction


# Reading the minutes -----------------------------------------------------------------------

def _public_view(user, meeting) -> bool:
    """Whether this reader gets the public version (exempt minutes withheld)."""
    return not user.has_perm("meetings.view_exempt_minutes", meeting)


def minutes_view(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    context = sel.printed_minutes(meeting, public=_public_view(request.user, meeting))
    context.update({
        "can_change": request.user.has_perm("meetings.change_minutes", meeting),
        "can_manage": request.user.has_perm("meetings.manage_minutes", meeting),
    })
    return render(request, "meetings/minutes/minutes_page.html", context)


def minutes_print(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    return render(request, "meetings/minutes/print.html",
                  sel.printed_minutes(meeting, public=_public_view(request.user, meeting)))


def minutes_pdf(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    from meetings.papers import minutes_pdf_bytes

    response = HttpResponse(minutes_pdf_bytes(meeting, public=_public_view(request.user, meeting)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    return response


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
    return render(request, "meetings/minutes/editor.html", context)


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


def _minute(pk) -> Minute:
    return get_object_or_404(Minute.objects.select_related("meeting", "meeting__board", "agenda_item"), pk=pk)


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


def _minute_context(request, minute, **forms):
    points = sel.minute_points(minute.points.order_by("order", "pk"))
    resolutions = sel.minute_resolutions(minute.resolutions.order_by("order", "pk"))
    context = {
        "minute": minute, "meeting": minute.meeting, "board": minute.meeting.board,
        "points": points, "resolutions": resolutions,
        "can_change": request.user.has_perm("meetings.change_minutes", minute.meeting),
        "minute_form": forms.get("minute_form") or MinuteForm(instance=minute),
        "point_form": forms.get("point_form") or PointForm(minute=minute, prefix="point"),
        "resolution_form": forms.get("resolution_form") or ResolutionForm(minute=minute, prefix="resolution"),
    }
    if minute.kind in (Minute.Kind.APOLOGIES, Minute.Kind.DECLARATIONS):
        context["generated"] = sel.printed_minutes(minute.meeting)
    return context


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
        return render(request, "meetings/minutes/minute_edit.html", _minute_context(request, minute, minute_form=form), status=409 if form.errors else 200)
    return render(request, "meetings/minutes/minute_edit.html", _minute_context(request, minute))


def _back_to_minute(minute_id, anchor=""):
    return redirect(reverse("meetings:minute_edit", args=[minute_id]) + (f"#{anchor}" if anchor else ""))


# Points ------------------------------------------------------------------------------------

@login_required
@require_POST
@refuses_locked
def point_add(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    form = PointForm(request.POST, minute=minute, prefix="point")
    if not form.is_valid():
        return render(request, "meetings/minutes/minute_edit.html", _minute_context(request, minute, point_form=form), status=400)
    point = svc.point_add(minute=minute, user=request.user, text=form.cleaned_data["text"],
                          lead_in=form.cleaned_data["lead_in"], parent=form.cleaned_data.get("parent"))
    messages.success(request, "Point added.")
    return _back_to_minute(minute.pk, f"point-{point.pk}")


def _point(pk) -> MinutePoint:
    return get_object_or_404(MinutePoint.objects.select_related("minute", "minute__meeting", "minute__meeting__board"), pk=pk)


@login_required
@refuses_locked
def point_edit(request, pk):
    point = _point(pk)
    _require(request.user, "meetings.change_minutes", point.minute.meeting)
    form = PointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        try:
            svc.point_update(point=point, version=form.cleaned_data.get("version"), user=request.user,
                             text=form.cleaned_data["text"], lead_in=form.cleaned_data["lead_in"])
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except MinutesLocked as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Point saved.")
            return _back_to_minute(point.minute_id, f"point-{point.pk}")
    return render(request, "meetings/minutes/item_form.html",
                  {"form": form, "minute": point.minute, "meeting": point.minute.meeting, "what": "point"},
                  status=409 if form.errors else 200)


@login_required
@require_POST
@refuses_locked
def point_delete(request, pk):
    point = _point(pk)
    _require(request.user, "meetings.change_minutes", point.minute.meeting)
    svc.point_delete(point=point, user=request.user)
    messages.success(request, "Point removed; the points after it have been relettered.")
    return _back_to_minute(point.minute_id, "points-heading")


@login_required
@require_POST
@refuses_locked
def point_move(request, pk):
    point = _point(pk)
    _require(request.user, "meetings.change_minutes", point.minute.meeting)
    svc.point_move(point=point, direction=_direction(request), user=request.user)
    messages.success(request, "Point moved; the letters follow the new order.")
    return _back_to_minute(point.minute_id, f"point-{point.pk}")


def _ordered_ids(request):
    try:
        return [int(i) for i in request.POST.getlist("item")]
    except ValueError:
        raise Http404


@login_required
@require_POST
@refuses_locked
def points_reorder(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    parent = request.POST.get("parent") or None
    try:
        svc.points_reorder(minute=minute, parent_id=int(parent) if parent else None, ordered_ids=_ordered_ids(request), user=request.user)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return HttpResponse("Points reordered.")


# Resolutions -------------------------------------------------------------------------------

@login_required
@require_POST
@refuses_locked
def resolution_add(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    form = ResolutionForm(request.POST, minute=minute, prefix="resolution")
    if not form.is_valid():
        return render(request, "meetings/minutes/minute_edit.html", _minute_context(request, minute, resolution_form=form), status=400)
    resolution = svc.resolution_add(minute=minute, user=request.user, text=form.cleaned_data["text"],
                                    parent=form.cleaned_data.get("parent"))
    messages.success(request, "Resolution added.")
    return _back_to_minute(minute.pk, f"resolution-{resolution.pk}")


def _resolution(pk) -> Resolution:
    return get_object_or_404(
        Resolution.objects.select_related("minute", "minute__meeting", "minute__meeting__board", "owner", "due_meeting"), pk=pk)


@login_required
@refuses_locked
def resolution_edit(request, pk):
    resolution = _resolution(pk)
    _require(request.user, "meetings.change_minutes", resolution.minute.meeting)
    form = ResolutionForm(request.POST or None, instance=resolution)
    if request.method == "POST" and form.is_valid():
        try:
            svc.resolution_update(resolution=resolution, version=form.cleaned_data.get("version"), user=request.user,
                                  text=form.cleaned_data["text"])
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except MinutesLocked as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Resolution saved.")
            return _back_to_minute(resolution.minute_id, f"resolution-{resolution.pk}")
    return render(request, "meetings/minutes/item_form.html",
                  {"form": form, "minute": resolution.minute, "meeting": resolution.minute.meeting, "what": "resolution"},
                  status=409 if form.errors else 200)


@login_required
@require_POST
@refuses_locked
def resolution_delete(request, pk):
    resolution = _resolution(pk)
    _require(request.user, "meetings.change_minutes", resolution.minute.meeting)
    try:
        svc.resolution_delete(resolution=resolution, user=request.user)
    except ProtectedError as exc:
        messages.error(request, _protected_message(exc, "The resolution"))
        return _back_to_minute(resolution.minute_id, f"resolution-{resolution.pk}")
    messages.success(request, "Resolution removed; the others have been renumbered.")
    return _back_to_minute(resolution.minute_id, "resolutions-heading")


@login_required
@require_POST
@refuses_locked
def resolution_move(request, pk):
    resolution = _resolution(pk)
    _require(request.user, "meetings.change_minutes", resolution.minute.meeting)
    svc.resolution_move(resolution=resolution, direction=_direction(request), user=request.user)
    messages.success(request, "Resolution moved; the numbers follow the new order.")
    return _back_to_minute(resolution.minute_id, f"resolution-{resolution.pk}")


@login_required
@require_POST
@refuses_locked
def resolutions_reorder(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    parent = request.POST.get("parent") or None
    try:
        svc.resolutions_reorder(minute=minute, parent_id=int(parent) if parent else None, ordered_ids=_ordered_ids(request), user=request.user)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return HttpResponse("Resolutions reordered.")


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
    return render(request, "meetings/minutes/correction_form.html", {"form": form, "minute": minute, "meeting": minute.meeting})


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
    substitutes = Person.objects.filter(memberships__board_id=meeting.board_id).distinct().order_by("last_name")
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
    return render(request, "meetings/minutes/attendance.html", context, status=409 if version_error else 200)


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
    return render(request, "meetings/minutes/apologies.html", {"meeting": meeting, "board": meeting.board, "form": form, "sent": sent})


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
            svc.declaration_add(meeting=meeting, user=request.user, **form.cleaned_data)
            messages.success(request, "Declaration recorded; it appears in the declarations minute and on the member's page.")
            return redirect("meetings:declarations", pk=pk)
    lines = sel.printed_minutes(meeting)["declaration_lines"]
    rows = list(meeting.declarations.select_related("person", "agenda_item").order_by("agenda_item__position", "pk"))
    return render(request, "meetings/minutes/declarations.html", {
        "meeting": meeting, "board": meeting.board, "form": form, "can_change": can_change,
        "rows": list(zip(rows, lines)),
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


# The resolution tracker ------------------------------------------------------------------------

@login_required
def resolution_tracker(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "meetings.view_resolutions", board)
    rows = sel.open_resolutions(board)
    for row in rows:
        row["withheld"] = _wording_withheld(row["resolution"], request.user)
    upcoming = Meeting.objects.filter(board=board).exclude(status=Meeting.Status.CANCELLED).order_by("date")
    return render(request, "meetings/minutes/tracker.html", {
        "board": board, "rows": rows, "meetings": upcoming,
        "can_manage": request.user.has_perm("meetings.track_resolution", board),
    })


@login_required
@refuses_locked
def resolution_detail(request, pk):
    resolution = _resolution(pk)
    board = resolution.minute.meeting.board
    _require(request.user, "meetings.view_resolutions", board)
    can_track = request.user.has_perm("meetings.track_resolution", resolution)
    can_respond = request.user.has_perm("meetings.respond_resolution", resolution)
    track_form = ResolutionTrackForm(request.POST if request.POST.get("form") == "track" else None, instance=resolution) if can_track else None
    response_form = ResponseForm(request.POST if request.POST.get("form") == "respond" else None,
                                 initial={"status": resolution.status if resolution.status != Resolution.Status.OPEN else Resolution.Status.IN_PROGRESS}) if can_respond else None
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "track":
            _require(request.user, "meetings.track_resolution", resolution)
            if track_form.is_valid():
                try:
                    svc.resolution_track(resolution=resolution, version=track_form.cleaned_data.get("version"), user=request.user,
                                         owner=track_form.cleaned_data["owner"], due_meeting=track_form.cleaned_data["due_meeting"],
                                         status=track_form.cleaned_data["status"])
                except StaleEdit as exc:
                    track_form.add_error(None, str(exc))
                    status = 409
                else:
                    messages.success(request, "Resolution tracking saved.")
                    return redirect(resolution)
        elif which == "respond":
            _require(request.user, "meetings.respond_resolution", resolution)
            if response_form.is_valid():
                svc.resolution_respond(resolution=resolution, user=request.user, **response_form.cleaned_data)
                messages.success(request, "Response recorded.")
                return redirect(resolution)
        else:
            return HttpResponseBadRequest("Unknown form")
        status = status if status != 200 else 400
    labels = sel._labels_for([resolution])
    return render(request, "meetings/minutes/resolution_detail.html", {
        "resolution": resolution, "label": labels[resolution.pk], "board": board, "minute": resolution.minute,
        "withheld": _wording_withheld(resolution, request.user),
        "responses": resolution.responses.select_related("author").order_by("date", "pk"),
        "linked_actions": _linked_actions(resolution, request.user),
        "track_form": track_form, "response_form": response_form,
    }, status=status)


def _wording_withheld(resolution, user) -> bool:
    """An exempt item's resolution is read in full by those who read exempt minutes and by its owner."""
    item = resolution.minute.agenda_item
    if item is None or not item.is_exempt:
        return False
    if resolution.owner_id and resolution.owner_id == user.pk:
        return False
    return not user.has_perm("meetings.view_exempt_minutes", resolution.minute.meeting)


def _linked_actions(resolution, user):
    from actions.selectors import actions_for_resolution

    return actions_for_resolution(resolution, user)


def response_paper(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_meeting", meeting)
    if not request.user.has_perm("meetings.view_resolutions", meeting.board) and not meeting.is_published:
        raise Http404
    from meetings.papers import response_to_resolutions_html

    html = response_to_resolutions_html(meeting, public=_public_view(request.user, meeting))
    return render(request, "meetings/minutes/response_paper_page.html", {"meeting": meeting, "board": meeting.board, "paper": html})


# People ------------------------------------------------------------------------------------

def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    _require(request.user, "meetings.view_person", person)
    declarations = Declaration.objects.filter(person=person).select_related("meeting", "meeting__board", "agenda_item", "interest")
    if not request.user.is_superuser:
        from boards.access import board_ids_for

        declarations = declarations.filter(
            Q(meeting__minutes_record__status__in=[MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED, MinutesStatus.SIGNED],
              meeting__agenda_published_at__isnull=False)
            | Q(meeting__board_id__in=board_ids_for(request.user, "members") + board_ids_for(request.user, "clerks"))
        )
    declarations = list(declarations.order_by("-meeting__date", "agenda_item__position"))
    numbers = dict(Minute.objects.filter(meeting_id__in={d.meeting_id for d in declarations}, agenda_item__isnull=False)
                   .values_list("agenda_item_id", "number"))
    can_change = request.user.has_perm("meetings.change_interests", person)
    return render(request, "meetings/minutes/person_detail.html", {
        "person": person,
        "memberships": person.memberships.select_related("board").order_by("board__name"),
        "interests": person.interests.order_by("-registered_on", "pk"),
        "declarations": [(d, numbers.get(d.agenda_item_id), sel.declaration_sentence(d, numbers.get(d.agenda_item_id))) for d in declarations],
        "can_change": can_change, "interest_form": InterestForm() if can_change else None,
    })


@login_required
@require_POST
def interest_add(request, pk):
    person = get_object_or_404(Person, pk=pk)
    _require(request.user, "meetings.change_interests", person)
    form = InterestForm(request.POST)
    if form.is_valid():
        svc.interest_register(person=person, user=request.user, **form.cleaned_data)
        messages.success(request, "Entry added to the register of interests.")
    else:
        messages.error(request, "Give the kind of interest, a description and the date it was registered.")
    return redirect(reverse("meetings:person", args=[pk]) + "#register-heading")


@login_required
@require_POST
def interest_end(request, pk):
    interest = get_object_or_404(Interest.objects.select_related("person"), pk=pk)
    _require(request.user, "meetings.change_interests", interest.person)
    svc.interest_end(interest=interest, user=request.user)
    messages.success(request, "Register entry closed (it stays on the record).")
    return redirect(reverse("meetings:person", args=[interest.person_id]) + "#register-heading")


def meeting_links_context(user, meeting) -> dict:
    """For the block of links on the meeting page."""
    record = _record(meeting)
    return {
        "meeting": meeting, "record": record,
        "can_view": user.has_perm("meetings.view_minutes", meeting),
        "can_manage": user.has_perm("meetings.manage_minutes", meeting),
        "can_apologise": user.has_perm("meetings.record_apology", meeting),
        "can_view_resolutions": user.has_perm("meetings.view_resolutions", meeting.board),
        "has_response_paper": sel.response_paper(meeting) is not None,
        "minutes_exist": Minute.objects.filter(meeting=meeting).exists(),
    }
