"""Reads for the public pages and feeds, all built on the public's view in `meetings.selectors`
(`public_minutes`, `public_reports`) and the public querysets (`Meeting.objects.published()`,
`visible_to`): published and not exempt, nothing of draft minutes or unpublished meetings.
"""
import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from boards.models import Board
from meetings.models import Meeting
from minutes.models import MeetingMinutes, Resolution, ResolutionResponse
from minutes.selectors import public_minutes


# The calendar ----------------------------------------------------------------------------------

def meeting_note(meeting: Meeting) -> str:
    """What a calendar says about a meeting beside its date, in words (never by colour alone)."""
    from core.formats import plain_date, short_time

    if meeting.status == Meeting.Status.CANCELLED:
        return "Cancelled"
    if meeting.rescheduled_from_date or meeting.rescheduled_from_time or meeting.rescheduled_from_venue:
        moved = []
        if meeting.rescheduled_from_date and meeting.rescheduled_from_date != meeting.date:
            moved.append(plain_date(meeting.rescheduled_from_date))
        if meeting.rescheduled_from_time and meeting.rescheduled_from_time != meeting.start_time:
            moved.append(short_time(meeting.rescheduled_from_time))
        if meeting.rescheduled_from_venue and meeting.rescheduled_from_venue != meeting.venue:
            moved.append(meeting.rescheduled_from_venue)
        return f"Rescheduled (was {', '.join(moved)})" if moved else "Rescheduled"
    if not meeting.is_published:
        return "Agenda not yet published"
    return ""


def calendar_meetings(user, *, start: datetime.date, end: datetime.date, board: Board | None = None):
    """Meetings from `start` to `end` inclusive that this reader may see (the public: published agendas)."""
    qs = (Meeting.objects.visible_to(user).filter(date__gte=start, date__lte=end)
          .select_related("board").order_by("date", "start_time", "board__name"))
    if board is not None:
        qs = qs.filter(board=board)
    return qs


@dataclass
class MonthView:
    year: int
    month: int
    weeks: list  # [[{"date", "in_month", "meetings"}]]
    meetings: list
    previous: datetime.date
    next: datetime.date

    @property
    def first(self):
        return datetime.date(self.year, self.month, 1)


def month_view(user, year: int, month: int, board: Board | None = None) -> MonthView:
    cal = calendar.Calendar(firstweekday=calendar.MONDAY)
    weeks = cal.monthdatescalendar(year, month)
    meetings = list(calendar_meetings(user, start=weeks[0][0], end=weeks[-1][-1], board=board))
    by_day = {}
    for m in meetings:
        m.note = meeting_note(m)
        by_day.setdefault(m.date, []).append(m)
    grid = [[{"date": d, "in_month": d.month == month, "meetings": by_day.get(d, [])} for d in week] for week in weeks]
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    return MonthView(year, month, grid, [m for m in meetings if m.date.month == month], previous, following)


# Decisions ------------------------------------------------------------------------------------

def _withheld_minute_numbers() -> dict:
    """{meeting id: {minute numbers}} of minutes that were exempt when confirmed (the frozen record
    withholds them from the public even if the item is no longer marked exempt)."""
    out = {}
    for meeting_id, frozen in MeetingMinutes.objects.filter(frozen__isnull=False).values_list("meeting_id", "frozen"):
        numbers = {row["number"] for row in (frozen or {}).get("minutes", []) if row.get("exempt")}
        if numbers:
            out[meeting_id] = numbers
    return out


def public_resolutions():
    """Every resolution the public may read: in published minutes of a published meeting, on an item
    that is not exempt now and was not exempt when the minutes were confirmed."""
    qs = (Resolution.objects.filter(minute__meeting_id__in=public_minutes().values("meeting_id"))
          .exclude(minute__agenda_item__is_exempt=True))
    withheld = Q()
    for meeting_id, numbers in _withheld_minute_numbers().items():
        withheld |= Q(minute__meeting_id=meeting_id, minute__number__in=numbers)
    if withheld:
        qs = qs.exclude(withheld)
    return qs


def exempt_board_ids(user) -> list | None:
    """Boards whose exempt decisions this reader may read (their members and clerks; None: every
    board, for an admin). The public reads none."""
    from boards.access import board_ids_for, is_admin

    if is_admin(user):
        return None
    if not user or not user.is_authenticated:
        return []
    return board_ids_for(user, "members") + board_ids_for(user, "clerks")


def resolutions_readable(user):
    """The public's resolutions, and for the board's members and clerks also the resolutions of
    exempt items in its published minutes."""
    qs = public_resolutions()
    boards = exempt_board_ids(user)
    if boards == []:
        return qs
    exempt = Resolution.objects.filter(minute__meeting_id__in=public_minutes().values("meeting_id"),
                                       minute__agenda_item__is_exempt=True)
    if boards is not None:
        exempt = exempt.filter(minute__meeting__board_id__in=boards)
    return Resolution.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=exempt.values("pk")))


def decisions(*, board: Board | None = None, year: int | None = None, status: str | None = None, user=None):
    """The decisions register: top-level resolutions this reader may read (the public: published and
    not exempt), each with its sub-resolutions, newest first."""
    children = Resolution.objects.order_by("order", "pk")
    readable = resolutions_readable(user) if user is not None else public_resolutions()
    qs = (readable.filter(parent__isnull=True)
          .select_related("minute", "minute__meeting", "minute__meeting__board", "minute__meeting__minutes_record",
                          "minute__agenda_item", "due_meeting")
          .prefetch_related(Prefetch("children", queryset=children),
                            Prefetch("responses", queryset=ResolutionResponse.objects.order_by("date", "pk")))
          .order_by("-minute__meeting__date", "-minute__number", "order", "pk"))
    if board is not None:
        qs = qs.filter(minute__meeting__board=board)
    if year:
        qs = qs.filter(minute__meeting__date__year=year)
    if status:
        qs = qs.filter(status=status)
    return qs


def decision_years():
    return sorted({d.year for d in public_resolutions().values_list("minute__meeting__date", flat=True)}, reverse=True)


@dataclass
class ReportedAction:
    reference: str
    text: str
    rag: str
    rag_label: str
    status: str
    reported_on: datetime.date


def reported_actions(resolution_ids) -> dict:
    """{resolution id: [ReportedAction]}: the actions created by each resolution, as the latest
    action plan carried as the public paper of a published meeting reported them (the live plan
    is the board's; the public reads only what was published)."""
    from actions.models import Action, PlanSnapshot

    links = list(Action.objects.filter(resolution_id__in=resolution_ids)
                 .values_list("resolution_id", "plan_id", "reference"))
    if not links:
        return {}
    snapshots = (PlanSnapshot.objects.filter(plan_id__in={plan for _, plan, _ in links},
                                             agenda_item__is_exempt=False,
                                             agenda_item__meeting__agenda_published_at__isnull=False)
                 .select_related("agenda_item__meeting").order_by("plan_id", "-agenda_item__meeting__date", "-pk"))
    latest = {}
    for snapshot in snapshots:
        latest.setdefault(snapshot.plan_id, snapshot)
    out = {}
    for resolution_id, plan_id, reference in links:
        snapshot = latest.get(plan_id)
        if snapshot is None:
            continue
        for section in snapshot.rows.get("sections", []):
            for row in section.get("actions", []):
                if row.get("reference") == reference:
                    out.setdefault(resolution_id, []).append(ReportedAction(
                        reference=reference, text=row.get("text", ""), rag=row.get("rag", ""),
                        rag_label=row.get("rag_label", "Not rated"), status=row.get("status", ""),
                        reported_on=snapshot.agenda_item.meeting.date))
    return out


def reported_responses(resolution) -> list:
    """Responses recorded on a resolution once it was due back at a published meeting: the public
    reads them in that meeting's "Response to Resolutions" paper."""
    due = resolution.due_meeting
    if due is None or not due.is_published:
        return []
    return list(resolution.responses.all())


# Members ---------------------------------------------------------------------------------------

@dataclass
class AttendanceYear:
    board: Board
    year: int
    present: int = 0
    apologies: int = 0
    absent: int = 0
    meetings: list = field(default_factory=list)

    @property
    def expected(self):
        return self.present + self.apologies + self.absent
