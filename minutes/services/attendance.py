"""Attendance, others in attendance, apologies, declarations of interest and the register of interests."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from boards.models import Membership, Person
from core.concurrency import claim_version, same_as_stored
from meetings.models import AgendaItem, Meeting
from minutes.models import Attendance, Declaration, Interest, InterestKind, OtherAttendee
from core.audit import record_user as _audit
from core.audit import save_audited as _save

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


def eligible_substitutes(meeting: Meeting):
    """Who may substitute for a member: people holding a member's role on the board (substitutes
    included), never an officer, partner, observer or the clerk."""
    board = meeting.board
    not_members = Membership.objects.filter(
        board_id=board.pk, role__in=[Membership.Role.OFFICER, Membership.Role.CLERK, Membership.Role.OBSERVER],
    ).values("person_id")
    return (
        Person.objects.filter(memberships__board_id=board.pk, memberships__role__in=Membership.MEMBER_ROLES)
        .exclude(pk__in=not_members).exclude(pk=board.clerk_id or 0).distinct().order_by("last_name", "first_name")
    )


@transaction.atomic
def attendance_prefill(*, meeting: Meeting, user) -> list[Attendance]:
    """One attendance row per member, "not recorded" until the clerk records it (apologies sent
    in advance already have their row). Adds only what is missing; never marks anyone present."""
    _refuse_if_locked(meeting.pk)
    have = set(meeting.attendance.values_list("person_id", flat=True))
    for membership in board_members_at(meeting):
        if membership.person_id not in have:
            _save(Attendance(meeting=meeting, person=membership.person, position=membership.position,
                             status=Attendance.Status.NOT_RECORDED,
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
    numbers = meeting.minutes.aggregate(first=Min("number"), last=Max("number"))
    substitutes = set(eligible_substitutes(meeting).values_list("pk", flat=True))
    problems, changed = [], []
    for data in rows:
        row = Attendance.objects.select_related("person").get(pk=data["id"], meeting=meeting)
        for name in ("status", "substitute", "apology_reason", "apology_in_advance", "from_minute", "to_minute"):
            if name in data:
                setattr(row, name, data[name])
        if row.status != Attendance.Status.SUBSTITUTED:
            row.substitute = None
        problems += _attendance_problems(row, numbers, substitutes)
        changed.append(row)
    if problems:
        raise ValidationError(problems)
    # A sheet saved unchanged stores nothing: no row, no version, no History entry.
    changed = [row for row in changed if not same_as_stored(row, ignore=("recorded_by_id",))]
    if changed:
        record._links_changed = True  # the sheet moved on: the next clerk's older sheet is refused
    _save(record, user)
    for row in changed:
        row.recorded_by = user if user and user.is_authenticated else None
        _save(row, user)


def _attendance_problems(row: Attendance, numbers: dict, substitutes: set) -> list[str]:
    """What is wrong with one row of the attendance sheet, in words the clerk can act on."""
    name, problems = row.person.full_name, []
    if row.status == Attendance.Status.SUBSTITUTED:
        if row.substitute is None:
            problems.append(f"Choose who substituted for {name}.")
        elif row.substitute_id == row.person_id:
            problems.append(f"{name} cannot substitute for themselves.")
        elif row.substitute_id not in substitutes:
            problems.append(f"{row.substitute.full_name} cannot substitute for {name}: a substitute must be a "
                            "member or named substitute of the board, not an officer, partner, observer or the clerk.")
    has_range = row.from_minute is not None or row.to_minute is not None
    if has_range and row.status not in (Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTED):
        problems.append(f"{name} is recorded as “{row.get_status_display()}”: a range of minutes is only for "
                        "someone present for part of the meeting. Clear the range or record them present.")
    elif has_range:
        first, last = numbers["first"], numbers["last"]
        if first is None:
            problems.append(f"The range for {name} names minute numbers, but this meeting has no minutes yet. "
                            "Draft the minutes first.")
        else:
            for which in (row.from_minute, row.to_minute):
                if which is not None and not first <= which <= last:
                    problems.append(f"Minute {which} is not one of this meeting's minutes ({first} to {last}): "
                                    f"correct the range for {name}.")
            if row.from_minute is not None and row.to_minute is not None and row.from_minute > row.to_minute:
                problems.append(f"The range for {name} runs backwards (minutes {row.from_minute} to "
                                f"{row.to_minute}): the first minute comes first.")
    return problems


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

def _declaration_problems(declaration: Declaration) -> list[str]:
    """Why a declaration cannot stand: only a member present at the item declares, and taking part
    with a disclosable pecuniary interest is recorded only when the clerk confirms it happened."""
    meeting, person, item = declaration.meeting, declaration.person, declaration.agenda_item
    if item.meeting_id != meeting.pk:
        return ["The declaration must be about an item of this meeting."]
    problems = []
    row = (Attendance.objects.filter(meeting=meeting, person=person, status=Attendance.Status.PRESENT).first()
           or Attendance.objects.filter(meeting=meeting, substitute=person, status=Attendance.Status.SUBSTITUTED).first())
    if row is None:
        problems.append(f"{person.full_name} is not recorded as present at this meeting: record the attendance "
                        "first. Only a member present at an item declares an interest in it.")
    elif row.from_minute is not None or row.to_minute is not None:
        number = meeting.minutes.filter(agenda_item=item).values_list("number", flat=True).first()
        if number is None:
            problems.append(f"{person.full_name} was present for only part of the meeting and item {item.number} has "
                            "no minute yet: draft the minutes first.")
        elif not ((row.from_minute or number) <= number <= (row.to_minute or number)):
            problems.append(f"{person.full_name} was not present at item {item.number} (minute {number}): they were "
                            f"present {row.partial_text.strip('()')}.")
    took_part_with_dpi = (declaration.kind == InterestKind.DISCLOSABLE_PECUNIARY
                          and declaration.action == Declaration.Action.TOOK_PART)
    if took_part_with_dpi and not declaration.took_part_confirmed:
        problems.append("A member with a disclosable pecuniary interest must not take part in the item unless a "
                        "dispensation allows it. Tick the confirmation if they did take part; it is flagged in the minutes.")
    if not took_part_with_dpi:
        declaration.took_part_confirmed = False
    return problems


def _save_checked_declaration(declaration: Declaration, user) -> None:
    problems = _declaration_problems(declaration)
    if problems:
        raise ValidationError(problems)
    declaration.full_clean()
    _save(declaration, user)


@transaction.atomic
def declaration_add(*, meeting: Meeting, person: Person, agenda_item: AgendaItem, kind: str, text: str,
                    action: str, user, interest: Interest | None = None, took_part_confirmed: bool = False,
                    wording: str = "") -> Declaration:
    """Record a member's declaration of an interest in an agenda item of this meeting. `wording`, when
    given, is the sentence the minutes print instead of the one written from the other fields."""
    _refuse_if_locked(meeting.pk)
    declaration = Declaration(meeting=meeting, person=person, agenda_item=agenda_item, kind=kind,
                              text=text.strip().rstrip("."), action=action, interest=interest,
                              took_part_confirmed=took_part_confirmed, wording=wording.strip())
    _save_checked_declaration(declaration, user)
    return declaration


@transaction.atomic
def declaration_update(*, declaration: Declaration, version: int | None, user, **fields) -> Declaration:
    """Correct a declaration before the minutes are confirmed, under the same checks as a new one."""
    _refuse_if_locked(declaration.meeting_id)
    claim_version(declaration, version)
    for name, value in fields.items():
        setattr(declaration, name, value)
    declaration.text = declaration.text.strip().rstrip(".")
    declaration.wording = declaration.wording.strip()
    _save_checked_declaration(declaration, user)
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
