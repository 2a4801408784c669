"""Attendance, others in attendance, apologies, declarations of interest and the register of interests."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from boards.models import Membership, Person
from core.concurrency import claim_version
from meetings.models import AgendaItem, Meeting
from meetings.models.minutes import Attendance, Declaration, Interest, OtherAttendee
from meetings.services import _audit, _save

from .numbering import _refuse_if_locked, minutes_record_for


# Attendance ------------------------------------------------------------------------------------

def board_members_at(meeting: Meeting):
    """The board's members (Chair, Vice-Chair, members, co-opted) on the day of the meeting."""
    roles = [r for r in Membership.MEMBER_ROLES if r != Membership.Role.SUBSTITUTE]
    return (
        Membership.objects.filter(board_id=meeting.board_id, role__in=roles)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=meeting.date))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .select_related("person").order_by("position", "person__last_name")
    )


@transaction.atomic
def attendance_prefill(*, meeting: Meeting, user) -> list[Attendance]:
    """One attendance row per member, present unless they sent apologies in advance (their row
    already exists). Adds only what is missing."""
    _refuse_if_locked(meeting.pk)
    have = set(meeting.attendance.values_list("person_id", flat=True))
    for membership in board_members_at(meeting):
        if membership.person_id not in have:
            _save(Attendance(meeting=meeting, person=membership.person, position=membership.position,
                             recorded_by=user if user and user.is_authenticated else None), user)
            have.add(membership.person_id)
    return list(meeting.attendance.select_related("person", "substitute"))


@transaction.atomic
def apology_record(*, meeting: Meeting, person: Person, user, reason: str = "") -> Attendance:
    """Record apologies sent in before the meeting (by the member or the clerk)."""
    _refuse_if_locked(meeting.pk)
    row = Attendance.objects.filter(meeting=meeting, person=person).first()
    if row is None:
        position = Membership.objects.filter(board_id=meeting.board_id, person=person).values_list("position", flat=True).first()
        row = Attendance(meeting=meeting, person=person, position=position if position is not None else 500)
    row.status, row.apology_in_advance, row.apology_reason = Attendance.Status.APOLOGIES, True, reason.strip()
    row.recorded_by = user if user and user.is_authenticated else None
    _save(row, user)
    return row


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[dict], version: int | None, user) -> None:
    """Save the attendance sheet. `rows` are dicts with the Attendance fields and `id`.

    The sheet carries the minutes record's version: a second clerk's sheet based on an older
    version is refused (StaleEdit) and nothing is overwritten.
    """
    _refuse_if_locked(meeting.pk)
    record = minutes_record_for(meeting)
    claim_version(record, version)
    _save(record, user)
    for data in rows:
        row = Attendance.objects.get(pk=data["id"], meeting=meeting)
        for name in ("status", "substitute", "apology_reason", "apology_in_advance", "from_minute", "to_minute"):
            if name in data:
                setattr(row, name, data[name])
        if row.status != Attendance.Status.SUBSTITUTED:
            row.substitute = None
        if row.status == Attendance.Status.SUBSTITUTED and row.substitute is None:
            raise ValidationError(f"Choose who substituted for {row.person.full_name}.")
        row.recorded_by = user if user and user.is_authenticated else None
        _save(row, user)


@transaction.atomic
def attendance_add(*, meeting: Meeting, person: Person, user, status: str = Attendance.Status.APOLOGIES,
                   apology_reason: str = "") -> Attendance:
    """Add someone who is not a member to the attendance record (e.g. an officer's apologies)."""
    _refuse_if_locked(meeting.pk)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(f"{person.full_name} is already on the attendance record.")
    row = Attendance(meeting=meeting, person=person, status=status, apology_reason=apology_reason.strip(), position=500,
                     recorded_by=user if user and user.is_authenticated else None)
    _save(row, user)
    return row


@transaction.atomic
def other_attendee_add(*, meeting: Meeting, person: Person, user, note: str = "", organisation: str = "") -> OtherAttendee:
    _refuse_if_locked(meeting.pk)
    last = meeting.other_attendees.aggregate(p=Max("position"))["p"] or 0
    other = OtherAttendee(meeting=meeting, person=person, note=note.strip(), organisation=organisation.strip(), position=last + 1)
    _save(other, user)
    return other


@transaction.atomic
def other_attendee_remove(*, other: OtherAttendee, user) -> None:
    _refuse_if_locked(other.meeting_id)
    _audit(other, user)
    other.delete()


# Declarations and the register -------------------------------------------------------------

@transaction.atomic
def declaration_add(*, meeting: Meeting, person: Person, agenda_item: AgendaItem, kind: str, text: str,
                    action: str, user, interest: Interest | None = None) -> Declaration:
    """Record a member's declaration of an interest in an agenda item of this meeting."""
    _refuse_if_locked(meeting.pk)
    if agenda_item.meeting_id != meeting.pk:
        raise ValidationError("The declaration must be about an item of this meeting.")
    declaration = Declaration(meeting=meeting, person=person, agenda_item=agenda_item, kind=kind,
                              text=text.strip().rstrip("."), action=action, interest=interest)
    declaration.full_clean()
    _save(declaration, user)
    return declaration


@transaction.atomic
def declaration_delete(*, declaration: Declaration, user) -> None:
    _refuse_if_locked(declaration.meeting_id)
    _audit(declaration, user)
    declaration.delete()


@transaction.atomic
def interest_register(*, person: Person, user, kind: str, description: str, registered_on: datetime.date) -> Interest:
    """Add an entry to a member's register of interests."""
    interest = Interest(person=person, kind=kind, description=description.strip(), registered_on=registered_on)
    interest.full_clean()
    _save(interest, user)
    return interest


@transaction.atomic
def interest_end(*, interest: Interest, user, ended_on: datetime.date | None = None) -> Interest:
    """Close a register entry (it stays on the record, dated)."""
    interest.ended_on = ended_on or timezone.localdate()
    _save(interest, user)
    return interest
