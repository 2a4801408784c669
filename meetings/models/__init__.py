from .agenda import AgendaItem, ExemptParagraph, Meeting, MeetingQuerySet, PaperStatus
from .templates import ReportTemplate
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
    "ReportTemplate",
]
