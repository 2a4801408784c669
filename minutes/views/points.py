"""Editing the lettered points and numbered resolutions under a minute (Move up / Move down, and
drag and drop on top).
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from core.concurrency import StaleEdit
from core.permissions import require as _require
from minutes import services as svc
from minutes.forms import PointForm, ResolutionForm
from minutes.models import MinutePoint, MinutesLocked

from ._common import (
    _back_to_minute, _direction, _minute, _minute_context, _protected_message, _resolution, refuses_locked,
)


# Points ------------------------------------------------------------------------------------

@login_required
@require_POST
@refuses_locked
def point_add(request, pk):
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    form = PointForm(request.POST, minute=minute, prefix="point")
    if not form.is_valid():
        return render(request, "minutes/minute_edit.html", _minute_context(request, minute, point_form=form), status=400)
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
    return render(request, "minutes/item_form.html",
                  {"form": form, "minute": point.minute, "meeting": point.minute.meeting, "what": "point"},
                  status=409 if form.errors else 200)


@login_required
@require_POST
@refuses_locked
def point_delete(request, pk):
    point = _point(pk)
    _require(request.user, "meetings.change_minutes", point.minute.meeting)
    svc.point_delete(point=point, user=request.user)
    messages.success(request, "Point removed; the points after it have been relettered. "
                              "To undo, press Restore under “Removed points”.")
    return _back_to_minute(point.minute_id, "removed-points-heading")


@login_required
@require_POST
@refuses_locked
def point_restore(request, pk, point_id):
    """Undo a Remove: the point comes back where it was, with its sub-points."""
    minute = _minute(pk)
    _require(request.user, "meetings.change_minutes", minute.meeting)
    try:
        point = svc.point_restore(minute=minute, point_id=point_id, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back_to_minute(minute.pk, "removed-points-heading")
    messages.success(request, "Point restored where it was; the letters follow the order again.")
    return _back_to_minute(minute.pk, f"point-{point.pk}")


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
        return render(request, "minutes/minute_edit.html", _minute_context(request, minute, resolution_form=form), status=400)
    resolution = svc.resolution_add(minute=minute, user=request.user, text=form.cleaned_data["text"],
                                    parent=form.cleaned_data.get("parent"))
    messages.success(request, "Resolution added.")
    return _back_to_minute(minute.pk, f"resolution-{resolution.pk}")


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
    return render(request, "minutes/item_form.html",
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
