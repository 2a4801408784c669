"""The minutes record and the numbering of minutes, which runs on across a board's meetings.

A change that would renumber confirmed (locked) minutes is refused.
"""
from django.db.models import Max, Q
from simple_history.utils import bulk_update_with_history

from core.formats import plain_date
from meetings.models import Meeting
from minutes.models import Attendance, MeetingMinutes, Minute, MinutesLocked, meeting_minutes_locked


def minutes_record_for(meeting: Meeting) -> MeetingMinutes:
    record, _ = MeetingMinutes.objects.get_or_create(meeting=meeting)
    return record


def _refuse_if_locked(meeting_id: int):
    if meeting_minutes_locked(meeting_id):
        raise MinutesLocked()


def _earlier(meeting: Meeting) -> Q:
    return Q(meeting__date__lt=meeting.date) | Q(meeting__date=meeting.date, meeting__start_time__lt=meeting.start_time)


def minutes_first_number(meeting: Meeting) -> int:
    """The number of the meeting's first minute: an explicit start for the first meeting recorded
    in Quorum, otherwise one more than the board's last minute before this meeting."""
    override = MeetingMinutes.objects.filter(meeting=meeting).values_list("first_number", flat=True).first()
    if override:
        return override
    last = (
        Minute.objects.filter(meeting__board_id=meeting.board_id).filter(_earlier(meeting))
        .aggregate(last=Max("number"))["last"]
    )
    return (last or 0) + 1


def _board_meetings_from(meeting: Meeting):
    return (
        Meeting.objects.filter(board_id=meeting.board_id)
        .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, start_time__gte=meeting.start_time))
        .order_by("date", "start_time", "pk")
    )


def _renumber_from(meeting: Meeting, user):
    """Number this meeting's minutes in order, and every later meeting's after them.

    Confirmed minutes are never renumbered: if a change would move a number in locked minutes
    it is refused (and the whole transaction rolls back).
    """
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    for m in _board_meetings_from(meeting):
        minutes = list(Minute.objects.filter(meeting=m).order_by("position", "number", "pk"))
        if not minutes:
            continue
        start = minutes_first_number(m)
        locked = meeting_minutes_locked(m.pk)
        mapping, changed = {}, []
        for offset, minute in enumerate(minutes):
            number, position = start + offset, offset + 1
            if minute.number != number or minute.position != position:
                if locked:
                    raise MinutesLocked(
                        f"This change would renumber the confirmed minutes of {plain_date(m.date)}; "
                        "confirmed minutes are never renumbered."
                    )
                mapping[minute.number] = number
                minute.number, minute.position = number, position
                changed.append(minute)
        if not changed:
            continue
        # One UPDATE and one batch of history rows for the meeting, however many minutes move.
        bulk_update_with_history(changed, Minute, ["number", "position"], default_user=user)
        # Partial attendance refers to minute numbers: keep it pointing at the same minutes.
        rows = list(Attendance.objects.filter(meeting=m).filter(Q(from_minute__isnull=False) | Q(to_minute__isnull=False)))
        for row in rows:
            row.from_minute = mapping.get(row.from_minute, row.from_minute)
            row.to_minute = mapping.get(row.to_minute, row.to_minute)
        if rows:
            bulk_update_with_history(rows, Attendance, ["from_minute", "to_minute"], default_user=user)
