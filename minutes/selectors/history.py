"""The minutes' part of a meeting's History timeline (registered with meetings.registry)."""
from minutes.models import Attendance, Declaration, MeetingMinutes, Minute, MinutePoint, OtherAttendee, Resolution


def meeting_history_sources(meeting) -> list:
    """[(heading, record label, historical queryset)]: attendance, declarations and minutes, removed
    records included (a minute point deleted since still shows when and by whom)."""
    minutes = Minute.history.filter(meeting_id=meeting.pk).values("id")
    return [
        ("Attendance", "Attendance", Attendance.history.filter(meeting_id=meeting.pk)),
        ("Attendance", "Others in attendance", OtherAttendee.history.filter(meeting_id=meeting.pk)),
        ("Declarations of interests", "Declaration", Declaration.history.filter(meeting_id=meeting.pk)),
        ("Minutes", "Minutes", MeetingMinutes.history.filter(meeting_id=meeting.pk)),
        ("Minutes", "Minute", Minute.history.filter(meeting_id=meeting.pk)),
        ("Minutes", "Minute point", MinutePoint.history.filter(minute_id__in=minutes)),
        ("Minutes", "Resolution", Resolution.history.filter(minute_id__in=minutes)),
    ]
