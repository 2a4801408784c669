"""Attendance, declarations of interests, minutes and resolutions, a module each.

Minutes are numbered continuously across a board's meetings (they never restart). A meeting's
minutes go draft → published as draft → confirmed (at the next meeting) → signed; from
confirmation they are *locked*: every record that makes up the minutes (attendance, others in
attendance, declarations, minutes, points, resolution wording) refuses `save()` and `delete()`
in the model layer, so no path (view, form, admin, shell, API) can change them. A correction is a
new minute at a later meeting that links to the one it corrects.
"""
from .record import (
    LOCKED_STATUSES, LockedWithMinutes, MeetingMinutes, MeetingMinutesQuerySet, MinutesLocked, MinutesStatus,
    PUBLIC_STATUSES, meeting_minutes_locked,
)
from .attendance import Attendance, OtherAttendee
from .interests import Declaration, Interest, InterestKind
from .minutes import Minute, MinutePoint
from .resolutions import Resolution, ResolutionQuerySet, ResolutionResponse

__all__ = [
    "Attendance",
    "Declaration",
    "Interest",
    "InterestKind",
    "LOCKED_STATUSES",
    "LockedWithMinutes",
    "MeetingMinutes",
    "MeetingMinutesQuerySet",
    "Minute",
    "MinutePoint",
    "MinutesLocked",
    "MinutesStatus",
    "OtherAttendee",
    "PUBLIC_STATUSES",
    "Resolution",
    "ResolutionQuerySet",
    "ResolutionResponse",
    "meeting_minutes_locked",
]
