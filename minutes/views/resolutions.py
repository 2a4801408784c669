"""The resolution tracker, a resolution's page (tracking and responses) and the response-to-
resolutions paper.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render

from boards.models import Board
from core.concurrency import StaleEdit
from core.permissions import require as _require
from minutes import links
from minutes import selectors as sel
from minutes.papers import response_to_resolutions_html
from minutes import services as svc
from minutes.forms import ResolutionTrackForm, ResponseForm
from meetings.models import Meeting
from minutes.models import Resolution

from ._common import _meeting, _public_view, _resolution, refuses_locked


# The resolution tracker ------------------------------------------------------------------------

@login_required
def my_resolutions(request):
    """The resolutions the signed-in person owns, to respond to: an officer's "My resolutions"."""
    return render(request, "minutes/my_resolutions.html", {"rows": sel.my_resolutions(request.user)})


@login_required
def resolution_tracker(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "meetings.view_resolutions", board)
    rows = sel.open_resolutions(board)
    for row in rows:
        row["withheld"] = _wording_withheld(row["resolution"], request.user)
    upcoming = Meeting.objects.filter(board=board).exclude(status=Meeting.Status.CANCELLED).order_by("date")
    return render(request, "minutes/tracker.html", {
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
    labels = sel.labels_for([resolution])
    return render(request, "minutes/resolution_detail.html", {
        "resolution": resolution, "label": labels[resolution.pk], "board": board, "minute": resolution.minute,
        "withheld": _wording_withheld(resolution, request.user),
        "responses": resolution.responses.select_related("author").order_by("date", "pk"),
        "linked_actions": links.linked_to(resolution, request.user),
        "track_form": track_form, "response_form": response_form,
    }, status=status)


def _wording_withheld(resolution, user) -> bool:
    """An exempt item's resolution is read in full by those who read exempt minutes and by its owner."""
    item = resolution.minute.agenda_item
    if item is None or not item.is_exempt:
        return False
    if resolution.owner_id and user.is_authenticated and resolution.owner.user_id == user.pk:
        return False
    return not user.has_perm("meetings.view_exempt_minutes", resolution.minute.meeting)


def response_paper(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_meeting", meeting)
    if not request.user.has_perm("meetings.view_resolutions", meeting.board) and not meeting.is_published:
        raise Http404
    html = response_to_resolutions_html(meeting, public=_public_view(request.user, meeting))
    return render(request, "minutes/response_paper_page.html", {"meeting": meeting, "board": meeting.board, "paper": html})
