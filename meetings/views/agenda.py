"""Agenda items: add, view, edit, remove, move, reorder, History."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import formats
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require
from meetings import selectors, services
from meetings.forms import AgendaItemForm
from meetings.models import AgendaItem, Meeting

from ._common import _form_errors_from
from .meetings import _meeting_context


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
