"""What the minutes views share: finding the meeting, minute or resolution, refusing edits to
locked minutes, and turning a refusal into a message.
"""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from minutes import links
from minutes import selectors as sel
from minutes.forms import MinuteForm, PointForm, ResolutionForm
from meetings.models import Meeting
from minutes.models import MeetingMinutes, Minute, MinutesLocked, Resolution


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
    names = sorted({name for name in map(links.name_of, exc.protected_objects) if name})
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


def _public_view(user, meeting) -> bool:
    """Whether this reader gets the public version (exempt minutes withheld)."""
    return not user.has_perm("meetings.view_exempt_minutes", meeting)


def _minute(pk) -> Minute:
    return get_object_or_404(Minute.objects.select_related("meeting", "meeting__board", "agenda_item"), pk=pk)


def _minute_context(request, minute, **forms):
    points = sel.minute_points(minute.points.order_by("order", "pk"))
    resolutions = sel.minute_resolutions(minute.resolutions.order_by("order", "pk"))
    context = {
        "minute": minute, "meeting": minute.meeting, "board": minute.meeting.board,
        "points": points, "resolutions": resolutions, "removed_points": sel.removed_points(minute),
        "can_change": request.user.has_perm("meetings.change_minutes", minute.meeting),
        "minute_form": forms.get("minute_form") or MinuteForm(instance=minute),
        "point_form": forms.get("point_form") or PointForm(minute=minute, prefix="point"),
        "resolution_form": forms.get("resolution_form") or ResolutionForm(minute=minute, prefix="resolution"),
    }
    if minute.kind in (Minute.Kind.APOLOGIES, Minute.Kind.DECLARATIONS):
        context["generated"] = sel.printed_minutes(minute.meeting)
    return context


def _back_to_minute(minute_id, anchor=""):
    return redirect(reverse("meetings:minute_edit", args=[minute_id]) + (f"#{anchor}" if anchor else ""))


def _resolution(pk) -> Resolution:
    return get_object_or_404(
        Resolution.objects.select_related("minute", "minute__meeting", "minute__meeting__board", "owner", "due_meeting"), pk=pk)
