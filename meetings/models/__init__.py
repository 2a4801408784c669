from .agenda import AgendaItem, ExemptParagraph, Meeting, MeetingQuerySet, PaperStatus
from .reports import Attachment, Report, ReportQuerySet, ReportReminderSent, ReportRevision, ReportSection

__all__ = [
    "AgendaItem",
    "Attachment",
    "ExemptParagraph",
    "Meeting",
    "MeetingQuerySet",
    "PaperStatus",
    "Report",
    "ReportQuerySet",
    "ReportReminderSent",
    "ReportRevision",
    "ReportSection",
]
from .minutes import Attendance, Declaration, Interest, InterestKind, MeetingMinutes, Minute, MinutePoint, MinutesLocked, MinutesStatus, OtherAttendee, Resolution, ResolutionResponse  # noqa: E402,F401
from meetings.pack.models import Pack, PackVersion, RenderedSection  # noqa: E402,F401
