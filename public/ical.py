"""iCalendar feeds (RFC 5545) built with the `icalendar` package.

Each meeting is one VEVENT: a UID that never changes (`meeting-<id>@<host>`), DTSTAMP and
LAST-MODIFIED from when its event last changed, SEQUENCE from `CalendarEntry` (it goes up on each
change), STATUS:CANCELLED for a cancelled meeting, times in Europe/London with its VTIMEZONE, and
links to the meeting page and its agenda front sheet.
"""
import datetime
import zoneinfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event, Timezone

from core.formats import plain_date
from public.calendar_entries import entries_for
from public.selectors import meeting_note

LONDON = zoneinfo.ZoneInfo("Europe/London")
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _uid_host() -> str:
    return getattr(settings, "QUORUM_CALENDAR_UID_HOST", "quorum.nottinghamcity.gov.uk")


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.pk}@{_uid_host()}"


def _event(meeting, entry, absolute) -> Event:
    event = Event()
    start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
    end = (datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON)
           if meeting.end_time and meeting.end_time > meeting.start_time else start + DEFAULT_LENGTH)
    note = meeting_note(meeting)
    page = absolute(meeting.get_absolute_url())
    agenda = absolute(reverse("meetings:frontsheet", args=[meeting.pk]))
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", entry.changed_at.astimezone(datetime.timezone.utc))
    event.add("last-modified", entry.changed_at.astimezone(datetime.timezone.utc))
    event.add("sequence", entry.sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    summary = meeting.board.name if not note else f"{note}: {meeting.board.name}"
    event.add("summary", summary)
    event.add("location", meeting.venue)
    event.add("url", page)
    lines = [f"{meeting.board.name}, {plain_date(meeting.date)}."]
    if note:
        lines.append(note + ".")
    lines += [f"Meeting page: {page}", f"Agenda: {agenda}"]
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_bytes(meetings, *, name: str, absolute) -> bytes:
    """The meetings as one VCALENDAR. `absolute` turns a path into a full address."""
    meetings = list(meetings)
    cal = Calendar()
    cal.add("prodid", "-//Quorum//Committee meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    entries = entries_for(meetings)
    events = [_event(m, entries[m.pk], absolute) for m in meetings]
    if events:
        first = min(m.date for m in meetings)
        last = max(m.date for m in meetings)
        cal.add_component(Timezone.from_tzinfo(
            LONDON, tzid="Europe/London", first_date=datetime.date(first.year, 1, 1),
            last_date=datetime.date(last.year + 1, 1, 1)))
    else:
        cal.add_component(Timezone.from_tzid("Europe/London"))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def last_changed(meetings):
    """When the newest of these events last changed (for Last-Modified), or None."""
    entries = entries_for(meetings)
    return max((e.changed_at for e in entries.values()), default=None)
