"""The public pages: calendar, decisions register, members, a meeting's documents, and the
iCalendar feeds. Anonymous GETs answer from the cache (`public.cache.public_cached`)."""
import datetime
import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import require_POST

from boards.models import Board, Person
from meetings.models import Meeting
from minutes.models import Resolution
from public import people, selectors
from public.cache import public_cached
from public.ical import calendar_bytes, last_changed
from public.models import PersonalCalendar, new_token


def _board_filter(request):
    slug = request.GET.get("board") or ""
    if not slug:
        return None
    return Board.objects.filter(slug=slug).first()


@public_cached
def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404("No such month.")
    board = _board_filter(request)
    view = selectors.month_view(request.user, year, month, board=board)
    as_list = request.GET.get("view") == "list"
    query = f"?board={board.slug}" if board else ""

    def month_url(d):
        url = reverse("public:calendar_month", args=[d.year, d.month])
        params = [p for p in (f"board={board.slug}" if board else "", "view=list" if as_list else "") if p]
        return url + ("?" + "&".join(params) if params else "")

    return render(request, "public/calendar.html", {
        "view": view, "as_list": as_list, "board": board, "boards": Board.objects.order_by("name"),
        "previous_url": month_url(view.previous), "next_url": month_url(view.next),
        "grid_url": reverse("public:calendar_month", args=[year, month]) + query,
        "list_url": reverse("public:calendar_month", args=[year, month]) + (query + "&" if query else "?") + "view=list",
        "today": today,
    })


@public_cached
def decisions(request):
    board = _board_filter(request)
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    status = request.GET.get("status") or None
    if status not in Resolution.Status.values:
        status = None
    page = Paginator(selectors.decisions(board=board, year=year, status=status, user=request.user), 20).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    actions = selectors.reported_actions([r.pk for r in rows] + [c.pk for r in rows for c in r.children.all()])
    for r in rows:
        r.reported_actions = actions.get(r.pk, []) + [a for c in r.children.all() for a in actions.get(c.pk, [])]
        r.reported_responses = selectors.reported_responses(r)
    filters = [f"{k}={v}" for k, v in (("board", board.slug if board else ""), ("year", year or ""),
                                        ("status", status or "")) if v]
    return render(request, "public/decisions.html", {
        "page": page, "rows": rows, "board": board, "year": year, "status": status,
        "boards": Board.objects.order_by("name"), "years": selectors.decision_years(),
        "statuses": Resolution.Status.choices, "filter_query": "&".join(filters),
    })


@public_cached
def member_list(request):
    return render(request, "public/member_list.html", {"people": people.people_on_boards()})


@public_cached
def member_detail(request, pk):
    try:
        person = people.public_person(pk)
    except Person.DoesNotExist:
        raise Http404("No such member.")
    return render(request, "public/member_detail.html", {
        "person": person,
        "memberships": people.memberships_of(person),
        "attendance": people.attendance_statistics(person),
        "declarations": people.public_declarations(person),
        "interests": people.register_entries(person, request.user),
        "whole_register": people.sees_whole_register(request.user, person),
    })


@public_cached
def meeting_documents(request, pk):
    from public.documents import meeting_documents as documents_of

    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404("No such meeting.")
    return render(request, "public/documents.html", {"meeting": meeting, "documents": documents_of(meeting, request.user)})


# iCalendar --------------------------------------------------------------------------------------

def _ics_response(request, meetings, name, filename):
    meetings = list(meetings)
    changed = last_changed(meetings)
    body = calendar_bytes(meetings, name=name, absolute=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if changed:
        response["Last-Modified"] = http_date(changed.timestamp())
    return response


def _calendar_window():
    """Two years back and everything ahead: what a calendar app wants to show."""
    return timezone.localdate() - datetime.timedelta(days=730)


def _conditional(view):
    """ETag (a hash of the body) and Last-Modified on the feeds: a calendar app that already has
    this version is answered 304 Not Modified."""
    from django.utils.cache import get_conditional_response, set_response_etag

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        set_response_etag(response)
        from django.utils.http import parse_http_date_safe

        conditional = get_conditional_response(request, etag=response.get("ETag"),
                                               last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                                               response=response)
        return conditional

    wrapped.__name__ = getattr(view, "__name__", type(view).__name__)
    wrapped.__doc__ = view.__doc__
    return wrapped


@_conditional
@public_cached
def ical_all(request):
    meetings = (Meeting.objects.published().filter(date__gte=_calendar_window())
                .select_related("board").order_by("date", "start_time"))
    return _ics_response(request, meetings, "Council committee meetings", "meetings.ics")


@_conditional
@public_cached
def ical_board(request, slug):
    board = get_object_or_404(Board, slug=slug)
    meetings = (Meeting.objects.published().filter(board=board, date__gte=_calendar_window())
                .select_related("board").order_by("date", "start_time"))
    return _ics_response(request, meetings, f"{board.name} meetings", f"{board.slug}.ics")


_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


@_conditional
def ical_personal(request, token):
    """A member's own calendar: the meetings of every board they sit on that their role lets them
    see (agendas not yet published included). The secret address is the only key."""
    # A token is url-safe base64: anything else (a NUL byte would crash the query) is no calendar.
    entry = (PersonalCalendar.objects.select_related("user").filter(token=token).first()
             if _TOKEN.fullmatch(token) else None)
    if entry is None or not entry.user.is_active:
        raise Http404("No such calendar.")
    from boards.access import board_ids_for

    user = entry.user
    meetings = (Meeting.objects.visible_to(user).filter(date__gte=_calendar_window())
                .filter(board_id__in=board_ids_for(user)) if not user.is_superuser else
                Meeting.objects.filter(date__gte=_calendar_window()))
    meetings = meetings.select_related("board").order_by("date", "start_time")
    return _ics_response(request, meetings, f"Meetings for {user.get_full_name() or user.username}", "my-meetings.ics")


@login_required
def personal_calendar(request):
    entry, _ = PersonalCalendar.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("public:ical_personal", args=[entry.token]))
    return render(request, "public/personal_calendar.html", {"entry": entry, "url": url})


@login_required
@require_POST
def personal_calendar_reset(request):
    """A new secret address; the old one stops working at once."""
    PersonalCalendar.objects.update_or_create(user=request.user, defaults={"token": new_token()})
    from django.contrib import messages

    messages.success(request, "Your calendar has a new address. The old address no longer works.")
    return redirect("public:personal_calendar")


@public_cached
def feed_index(request):
    from public.feeds import KINDS

    return render(request, "public/feeds.html", {"boards": Board.objects.order_by("name"), "feed_kinds": list(KINDS.items())})
