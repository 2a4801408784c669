"""The life of a meeting's minutes: drafted from the agenda, published as a draft, confirmed as
a correct record at a later meeting (and locked for good), signed, and corrected afterwards."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from boards.models import Membership, Person
from core.formats import plain_date, short_time
from minutes.selectors import minutes_document
from meetings.models import AgendaItem, Meeting
from minutes.models import (
    MeetingMinutes, Minute, MinutesLocked, MinutesStatus, Resolution, meeting_minutes_locked,
)
from core.audit import save_audited as _save

from .editing import _next_order, minute_insert, resolution_add
from .numbering import _refuse_if_locked, _renumber_from, minutes_record_for

NEXT_MEETING_TITLES = ("date of next meeting", "date of the next meeting")


# Drafting from the agenda and the meeting records --------------------------------------------

def _kind_for(item: AgendaItem) -> str:
    if item.kind == AgendaItem.Kind.APOLOGIES:
        return Minute.Kind.APOLOGIES
    if item.kind == AgendaItem.Kind.DECLARATIONS:
        return Minute.Kind.DECLARATIONS
    if item.kind == AgendaItem.Kind.MINUTES:
        return Minute.Kind.MINUTES
    if item.title.strip().lower() in NEXT_MEETING_TITLES:
        return Minute.Kind.NEXT_MEETING
    return Minute.Kind.BUSINESS


@transaction.atomic
def minutes_draft(*, meeting: Meeting, user, first_number: int | None = None) -> MeetingMinutes:
    """Open the minutes of a meeting: one minute per agenda item not yet minuted, numbered on
    from the board's last minute. Safe to run again (it only adds what is missing)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    record = minutes_record_for(meeting)
    if record.is_locked:
        raise MinutesLocked()
    if first_number is not None and first_number != record.first_number:
        record.first_number = first_number
        _save(record, user)
    minuted = set(meeting.minutes.exclude(agenda_item=None).values_list("agenda_item_id", flat=True))
    last_position = meeting.minutes.aggregate(p=Max("position"))["p"] or 0
    for item in meeting.items.order_by("position", "pk"):
        if item.pk in minuted:
            continue
        last_position += 1
        minute = Minute(meeting=meeting, agenda_item=item, kind=_kind_for(item), title=item.title,
                        position=last_position, number=0)
        _save(minute, user)
    _renumber_from(meeting, user)
    _refresh_from_records(meeting, user)
    if meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.HELD):
        meeting.status = Meeting.Status.MINUTES_DRAFT
        _save(meeting, user, update_fields=["status"])
    return record


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board_id=meeting.board_id)
        .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, start_time__gt=meeting.start_time))
        .exclude(status=Meeting.Status.CANCELLED).order_by("date", "start_time").first()
    )


def next_meeting_text(meeting: Meeting) -> str:
    nxt = next_meeting_after(meeting)
    if nxt is None:
        return "to note that the date of the next meeting is to be confirmed."
    return (f"to note that the next meeting is scheduled to be held on {plain_date(nxt.date)} at "
            f"{short_time(nxt.start_time)} in {nxt.venue}.")


def _refresh_from_records(meeting: Meeting, user, *, rewrite: bool = False):
    """Write the date-of-next-meeting resolution from the next meeting's record.

    Drafting again keeps what the minutes already say (the record may rightly differ from today's
    data: "2.30pm in Loxley House" as resolved, though the meeting was later set for 2.00pm
    elsewhere); only a "to be confirmed" placeholder is filled in. `rewrite` (the clerk's "refresh
    from records") writes it again from the next meeting's record."""
    for minute in meeting.minutes.filter(kind=Minute.Kind.NEXT_MEETING):
        text = next_meeting_text(meeting)
        resolution = minute.resolutions.filter(parent=None).order_by("order", "pk").first()
        if resolution is None:
            _save(Resolution(minute=minute, order=1, text=text, status=Resolution.Status.DONE), user)
        elif resolution.text != text and (rewrite or "is to be confirmed" in resolution.text):
            resolution.text = text
            _save(resolution, user)


@transaction.atomic
def minutes_refresh_from_records(*, meeting: Meeting, user) -> None:
    """Rewrite the minutes that come from records (next meeting date) after the records changed."""
    _refuse_if_locked(meeting.pk)
    _refresh_from_records(meeting, user, rewrite=True)


# Lifecycle -------------------------------------------------------------------------------------

@transaction.atomic
def minutes_publish(*, meeting: Meeting, user, at=None) -> MeetingMinutes:
    """Publish the draft minutes: the public can read them and they become the next meeting's
    "for confirmation" paper. `at`: when (default now; a loader entering an earlier record)."""
    record = MeetingMinutes.objects.select_for_update().get(meeting=meeting)
    if record.status != MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can be published as a draft.")
    if not meeting.minutes.exists():
        raise ValidationError("There are no minutes to publish yet.")
    record.status, record.published_at = MinutesStatus.PUBLISHED, at or timezone.now()
    record.version += 1
    _save(record, user)
    return record


@transaction.atomic
def minutes_unpublish(*, meeting: Meeting, user) -> MeetingMinutes:
    """Take published draft minutes back to draft (before confirmation only)."""
    record = MeetingMinutes.objects.select_for_update().get(meeting=meeting)
    if record.status != MinutesStatus.PUBLISHED:
        raise ValidationError("Only minutes published as a draft can go back to draft.")
    record.status = MinutesStatus.DRAFT
    record.version += 1
    _save(record, user)
    return record


def confirmation_text(meeting: Meeting, signed: bool) -> str:
    text = f"confirmed the minutes of the meeting held on {plain_date(meeting.date)}, as a correct record"
    return text + (" and they were signed by the Chair." if signed else ".")


def _chair_of(meeting: Meeting) -> Person | None:
    m = Membership.objects.filter(board_id=meeting.board_id, role=Membership.Role.CHAIR, end_date__isnull=True).select_related("person").first()
    return m.person if m else None


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting, user, signed: bool = True,
                    signed_by: Person | None = None, at=None) -> MeetingMinutes:
    """Confirm `meeting`'s minutes as a correct record at `at_meeting` (usually the next one).

    Records the decision as a resolution under `at_meeting`'s minutes item ("The Board confirmed
    the minutes of the meeting held on … as a correct record and they were signed by the Chair"),
    then locks the confirmed minutes for good and freezes everything they print from other records.
    """
    record = MeetingMinutes.objects.select_for_update().get(meeting=meeting)
    if record.status != MinutesStatus.PUBLISHED:
        raise ValidationError("Minutes are confirmed after they have been published as a draft, and only once.")
    if at_meeting.pk == meeting.pk or (at_meeting.date, at_meeting.start_time) <= (meeting.date, meeting.start_time):
        raise ValidationError("Minutes are confirmed at a later meeting.")
    if meeting_minutes_locked(at_meeting.pk):
        raise MinutesLocked("The minutes of the confirming meeting are already locked.")
    minutes_record_for(at_meeting)
    minute = at_meeting.minutes.filter(kind=Minute.Kind.MINUTES).first()
    if minute is None:
        item = at_meeting.items.filter(kind=AgendaItem.Kind.MINUTES).first()
        if item is not None and not at_meeting.minutes.exists():
            minutes_draft(meeting=at_meeting, user=user)
            minute = at_meeting.minutes.filter(kind=Minute.Kind.MINUTES).first()
        if minute is None:
            minute = minute_insert(meeting=at_meeting, user=user, title="Minutes", kind=Minute.Kind.MINUTES,
                                   agenda_item=item)
    minute.resolution_style = Minute.ResolutionStyle.BOARD
    _save(minute, user, update_fields=["resolution_style"])
    minute.resolutions.filter(confirms__isnull=False).delete()
    _save(Resolution(minute=minute, order=_next_order(Resolution, minute, None), text=confirmation_text(meeting, signed),
                     confirms=record, status=Resolution.Status.DONE), user)
    now = at or timezone.now()  # `at`: a loader entering an earlier record
    # Freeze what the minutes show from other records (the heading, attendance, declarations, item
    # numbers and titles): from now on they print as confirmed, whatever those records become.
    record.frozen = {**minutes_document(meeting), "confirmed_on": plain_date(at_meeting.date)}
    record.status = MinutesStatus.SIGNED if signed else MinutesStatus.CONFIRMED
    record.confirmed_at, record.confirmed_at_meeting = now, at_meeting
    if signed:
        record.signed_at, record.signed_by = now, signed_by or _chair_of(at_meeting)
    record.version += 1
    _save(record, user)
    meeting.status = Meeting.Status.SIGNED if signed else Meeting.Status.MINUTES_CONFIRMED
    _save(meeting, user, update_fields=["status"])
    return record


@transaction.atomic
def minutes_sign(*, meeting: Meeting, user, signed_by: Person | None = None) -> MeetingMinutes:
    """Record the Chair's signature on confirmed minutes."""
    record = MeetingMinutes.objects.select_for_update().get(meeting=meeting)
    if record.status != MinutesStatus.CONFIRMED:
        raise ValidationError("Only confirmed, unsigned minutes can be signed.")
    record.status, record.signed_at = MinutesStatus.SIGNED, timezone.now()
    record.signed_by = signed_by or _chair_of(record.confirmed_at_meeting or meeting)
    record.version += 1
    _save(record, user)
    meeting.status = Meeting.Status.SIGNED
    _save(meeting, user, update_fields=["status"])
    return record


@transaction.atomic
def correction_record(*, minute: Minute, at_meeting: Meeting, user, text: str) -> Minute:
    """Record a correction to confirmed minutes as a new minute of a later meeting, linked to the
    one it corrects. The confirmed minute itself is never edited."""
    if not meeting_minutes_locked(minute.meeting_id):
        raise ValidationError("Draft minutes are corrected by editing them; corrections are for confirmed minutes.")
    if (at_meeting.date, at_meeting.start_time) <= (minute.meeting.date, minute.meeting.start_time):
        raise ValidationError("A correction is recorded at a later meeting.")
    last = at_meeting.minutes.order_by("-position").first()
    correction = minute_insert(
        meeting=at_meeting, user=user, after=last, kind=Minute.Kind.CORRECTION, corrects=minute,
        title=f"Correction to minute {minute.number} of {plain_date(minute.meeting.date)}",
    )
    resolution_add(minute=correction, user=user, status=Resolution.Status.DONE,
                   text=f"to correct minute {minute.number} of the meeting held on {plain_date(minute.meeting.date)}: {text.strip()}")
    return correction
