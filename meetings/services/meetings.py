"""Scheduling meetings: create (with the standard items), reschedule, cancel.

Each function is one transaction.
"""
import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from boards.models import Board
from core.audit import save_audited as _save
from core.concurrency import claim_version
from meetings.deadlines import is_late
from meetings.models import AgendaItem, Meeting, PaperStatus
from meetings.selectors import minutes_description
from meetings.tasks import send_meeting_rescheduled_notice


logger = logging.getLogger(__name__)


STANDARD_ITEMS = [
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interests"),
    (AgendaItem.Kind.MINUTES, "Minutes"),
]


@transaction.atomic
def meeting_create(*, board: Board, date: datetime.date, start_time: datetime.time, venue: str, user) -> Meeting:
    """Schedule a meeting and open its agenda with the three standard items."""
    meeting = Meeting(board=board, date=date, start_time=start_time, venue=venue or board.default_venue)
    _save(meeting, user)
    previous = meeting.previous_meeting()
    for position, (kind, title) in enumerate(STANDARD_ITEMS, start=1):
        item = AgendaItem(meeting=meeting, position=position, kind=kind, title=title)
        if kind == AgendaItem.Kind.MINUTES:
            item.description = minutes_description(previous)
            item.paper_status = PaperStatus.ATTACHED if previous else PaperStatus.NONE
        _save(item, user)
    return meeting


RESCHEDULE_FIELDS = ("date", "start_time", "venue")


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int | None, user, urgency_reason: str = "", **fields) -> Meeting:
    """Save the meeting's details. Changing the date, time or venue of a meeting whose agenda is
    published reschedules it: what it was is kept and shown, members and the officers with reports
    on it are e-mailed once the transaction commits, and the "published late" state follows the new
    date — a new date that leaves fewer than five clear days after publication needs the Chair's
    reason for urgency; one that leaves enough drops the reason (History keeps it)."""
    claim_version(meeting, version)
    # The row as saved: a bound ModelForm has already written the new values onto `meeting`.
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = {name: getattr(stored, name) for name in RESCHEDULE_FIELDS}
    for name, value in fields.items():
        setattr(meeting, name, value)
    # Only a meeting still to be held moves; a date corrected after it was held is not a rescheduling.
    rescheduled = meeting.is_published and meeting.status == Meeting.Status.AGENDA_PUBLISHED and any(
        getattr(meeting, name) != before[name] for name in RESCHEDULE_FIELDS)
    if rescheduled:
        if is_late(meeting.date, timezone.localdate(meeting.agenda_published_at)):
            reason = urgency_reason.strip() or (meeting.urgency_reason if meeting.date == before["date"] else "")
            if not reason:
                raise ValidationError(
                    "The agenda was published less than five clear working days before the new date. "
                    "Give the Chair's reason for urgency to reschedule to it."
                )
            meeting.urgency_reason = reason
        else:
            meeting.urgency_reason = ""
        meeting.rescheduled_at = timezone.now()
        meeting.rescheduled_from_date = before["date"]
        meeting.rescheduled_from_time = before["start_time"]
        meeting.rescheduled_from_venue = before["venue"]
    _save(meeting, user)
    if rescheduled:
        transaction.on_commit(lambda: _queue_reschedule_notice(meeting.pk))
    return meeting


def _queue_reschedule_notice(meeting_id: int) -> None:
    """Queue the rescheduling e-mail. The change is saved already, so a broker outage is logged, not raised."""
    try:
        send_meeting_rescheduled_notice.delay(meeting_id)
    except Exception:  # noqa: BLE001 - any broker failure
        logger.exception("Could not queue the rescheduling notice for meeting %s", meeting_id)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, user) -> Meeting:
    """Cancel a meeting. The record stays, with the reason, and the public still sees that it was cancelled."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not reason.strip():
        raise ValidationError("Give the reason for cancelling; it is shown with the meeting.")
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_DRAFT, Meeting.Status.MINUTES_CONFIRMED,
                          Meeting.Status.SIGNED):
        raise ValidationError("A meeting that has been held cannot be cancelled.")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.version += 1
    _save(meeting, user)
    return meeting
