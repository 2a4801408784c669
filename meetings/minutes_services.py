"""Writes to attendance, declarations, minutes and resolutions. Each function is one transaction.

Every function is keyword-only; each sets `history_user` through `_save`/`_audit` so the audit
trail names the person (or is empty for tasks and commands). Locked minutes are refused by the
model layer (`MinutesLocked`); the services check first so that the message is a clear one.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from boards.models import Membership, Person
from core.concurrency import claim_version
from core.formats import plain_date, short_time
from meetings.models import AgendaItem, Meeting
from meetings.models.minutes import (
    Attendance, Declaration, Interest, MeetingMinutes, Minute, MinutePoint, MinutesLocked, MinutesStatus,
    OtherAttendee, Resolution, ResolutionResponse, meeting_minutes_locked,
)
from meetings.services import _audit, _save

NEXT_MEETING_TITLES = ("date of next meeting", "date of the next meeting")


# The minutes record and its numbering ------------------------------------------------------

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
    for m in _board_meetings_from(meeting):
        minutes = list(Minute.objects.filter(meeting=m).order_by("position", "number", "pk"))
        if not minutes:
            continue
        start = minutes_first_number(m)
        locked = meeting_minutes_locked(m.pk)
        mapping = {}
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
                _save(minute, user, update_fields=["number", "position"])
        if mapping and not locked:
            # Partial attendance refers to minute numbers: keep it pointing at the same minutes.
            for row in Attendance.objects.filter(meeting=m).filter(Q(from_minute__isnull=False) | Q(to_minute__isnull=False)):
                row.from_minute = mapping.get(row.from_minute, row.from_minute)
                row.to_minute = mapping.get(row.to_minute, row.to_minute)
                _save(row, user, update_fields=["from_minute", "to_minute"])


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


def _refresh_from_records(meeting: Meeting, user):
    """Write the date-of-next-meeting resolution from the next meeting's record."""
    for minute in meeting.minutes.filter(kind=Minute.Kind.NEXT_MEETING):
        text = next_meeting_text(meeting)
        resolution = minute.resolutions.filter(parent=None).order_by("order", "pk").first()
        if resolution is None:
            _save(Resolution(minute=minute, order=1, text=text, status=Resolution.Status.DONE), user)
        elif resolution.text != text:
            resolution.text = text
            _save(resolution, user)


@transaction.atomic
def minutes_refresh_from_records(*, meeting: Meeting, user) -> None:
    """Rewrite the minutes that come from records (next meeting date) after the records changed."""
    _refuse_if_locked(meeting.pk)
    _refresh_from_records(meeting, user)


# Minutes ---------------------------------------------------------------------------------------

@transaction.atomic
def minute_insert(*, meeting: Meeting, user, title: str, after: Minute | None = None,
                  kind: str = Minute.Kind.BUSINESS, agenda_item: AgendaItem | None = None,
                  narrative: str = "", corrects: Minute | None = None) -> Minute:
    """Insert a minute after `after` (or first); later minutes, and later draft meetings, renumber."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_locked(meeting.pk)
    minutes_record_for(meeting)
    minutes = list(meeting.minutes.order_by("position", "number", "pk"))
    index = 0
    if after is not None:
        index = next(i for i, m in enumerate(minutes) if m.pk == after.pk) + 1
    minute = Minute(meeting=meeting, title=title, kind=kind, agenda_item=agenda_item, narrative=narrative,
                    corrects=corrects, number=0, position=0)
    _save(minute, user)
    minutes.insert(index, minute)
    # Positions first (a plain update: these rows are unlocked drafts), then numbers follow them.
    for position, m in enumerate(minutes, start=1):
        Minute.objects.filter(pk=m.pk).update(position=position)
    _renumber_from(meeting, user)
    minute.refresh_from_db()
    return minute


@transaction.atomic
def minute_delete(*, minute: Minute, user) -> None:
    """Remove a minute before confirmation; the rest renumber."""
    meeting = Meeting.objects.select_for_update().get(pk=minute.meeting_id)
    _refuse_if_locked(meeting.pk)
    _audit(minute, user)
    minute.delete()
    _renumber_from(meeting, user)


@transaction.atomic
def minute_move(*, minute: Minute, direction: str, user) -> Minute:
    meeting = Meeting.objects.select_for_update().get(pk=minute.meeting_id)
    _refuse_if_locked(meeting.pk)
    minutes = list(meeting.minutes.order_by("position", "number", "pk"))
    i = next(k for k, m in enumerate(minutes) if m.pk == minute.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(minutes):
        minutes[i], minutes[j] = minutes[j], minutes[i]
        for position, m in enumerate(minutes, start=1):
            Minute.objects.filter(pk=m.pk).update(position=position)
        _renumber_from(meeting, user)
    minute.refresh_from_db()
    return minute


@transaction.atomic
def minute_update(*, minute: Minute, version: int | None, user, **fields) -> Minute:
    """Save the title and narrative, refusing a save based on an older version."""
    _refuse_if_locked(minute.meeting_id)
    claim_version(minute, version)
    for name, value in fields.items():
        setattr(minute, name, value)
    _save(minute, user)
    return minute


# Points and resolutions (shared ordering) ---------------------------------------------------

def _siblings(model, obj):
    return list(model.objects.filter(minute_id=obj.minute_id, parent_id=obj.parent_id).order_by("order", "pk"))


def _put_in_order(objs, user):
    for order, obj in enumerate(objs, start=1):
        if obj.order != order:
            obj.order = order
            _save(obj, user, update_fields=["order"])


def _lock_minute(minute_id: int) -> Minute:
    minute = Minute.objects.select_for_update().get(pk=minute_id)
    _refuse_if_locked(minute.meeting_id)
    return minute


def _next_order(model, minute, parent):
    return (model.objects.filter(minute=minute, parent=parent).aggregate(o=Max("order"))["o"] or 0) + 1


def _move(model, obj, direction, user):
    _lock_minute(obj.minute_id)
    siblings = _siblings(model, obj)
    i = next(k for k, s in enumerate(siblings) if s.pk == obj.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
        _put_in_order(siblings, user)
    obj.refresh_from_db()
    return obj


def _reorder(model, minute, parent_id, ordered_ids, user):
    _lock_minute(minute.pk)
    siblings = {s.pk: s for s in model.objects.filter(minute=minute, parent_id=parent_id)}
    if set(ordered_ids) != set(siblings):
        raise ValidationError("The list changed while you were reordering it. Reload the page and try again.")
    _put_in_order([siblings[i] for i in ordered_ids], user)


def _delete(model, obj, user):
    _lock_minute(obj.minute_id)
    _audit(obj, user)
    obj.delete()
    _put_in_order(_siblings(model, obj), user)


def _check_parent(minute, parent):
    if parent is not None and (parent.minute_id != minute.pk or parent.parent_id is not None):
        raise ValidationError("A sub-point belongs under a lettered point of the same minute.")


@transaction.atomic
def point_add(*, minute: Minute, user, text: str, parent: MinutePoint | None = None, lead_in: str = "") -> MinutePoint:
    """Add a lettered point (or a sub-point under `parent`) at the end; letters follow the order."""
    minute = _lock_minute(minute.pk)
    _check_parent(minute, parent)
    point = MinutePoint(minute=minute, parent=parent, text=text.strip(), lead_in=lead_in.strip(),
                        order=_next_order(MinutePoint, minute, parent))
    _save(point, user)
    return point


@transaction.atomic
def point_update(*, point: MinutePoint, version: int | None, user, text: str, lead_in: str = "") -> MinutePoint:
    _lock_minute(point.minute_id)
    claim_version(point, version)
    point.text, point.lead_in = text.strip(), lead_in.strip()
    _save(point, user)
    return point


@transaction.atomic
def point_delete(*, point: MinutePoint, user) -> None:
    _delete(MinutePoint, point, user)


@transaction.atomic
def point_move(*, point: MinutePoint, direction: str, user) -> MinutePoint:
    return _move(MinutePoint, point, direction, user)


@transaction.atomic
def points_reorder(*, minute: Minute, parent_id: int | None, ordered_ids: list[int], user) -> None:
    _reorder(MinutePoint, minute, parent_id, ordered_ids, user)


def _default_status(text: str) -> str:
    # Noting needs no action, so it is done as soon as it is resolved.
    return Resolution.Status.DONE if text.strip().lower().startswith("to note") else Resolution.Status.OPEN


@transaction.atomic
def resolution_add(*, minute: Minute, user, text: str, parent: Resolution | None = None, owner=None,
                   due_meeting: Meeting | None = None, status: str | None = None) -> Resolution:
    """Add a resolution (or a sub-resolution) at the end of the minute's RESOLVED block."""
    minute = _lock_minute(minute.pk)
    _check_parent(minute, parent)
    resolution = Resolution(minute=minute, parent=parent, text=text.strip(), owner=owner, due_meeting=due_meeting,
                            status=status or _default_status(text), order=_next_order(Resolution, minute, parent))
    _save(resolution, user)
    return resolution


@transaction.atomic
def resolution_update(*, resolution: Resolution, version: int | None, user, text: str) -> Resolution:
    _lock_minute(resolution.minute_id)
    claim_version(resolution, version)
    resolution.text = text.strip()
    _save(resolution, user)
    return resolution


@transaction.atomic
def resolution_delete(*, resolution: Resolution, user) -> None:
    _delete(Resolution, resolution, user)


@transaction.atomic
def resolution_move(*, resolution: Resolution, direction: str, user) -> Resolution:
    return _move(Resolution, resolution, direction, user)


@transaction.atomic
def resolutions_reorder(*, minute: Minute, parent_id: int | None, ordered_ids: list[int], user) -> None:
    _reorder(Resolution, minute, parent_id, ordered_ids, user)


@transaction.atomic
def resolution_track(*, resolution: Resolution, version: int | None, user, owner=None,
                     due_meeting: Meeting | None = None, status: str) -> Resolution:
    """Set who owns a resolution, when it is due back and how far it has got (allowed after
    confirmation: only the wording is locked)."""
    claim_version(resolution, version)
    resolution.owner, resolution.due_meeting, resolution.status = owner, due_meeting, status
    _save(resolution, user)
    return resolution


@transaction.atomic
def resolution_respond(*, resolution: Resolution, user, text: str, date: datetime.date | None = None,
                       status: str | None = None) -> ResolutionResponse:
    """Record a dated account of the action taken on a resolution (optionally moving its status)."""
    response = ResolutionResponse(resolution=resolution, text=text.strip(), date=date or timezone.localdate(), author=user)
    _save(response, user)
    if status and status != resolution.status:
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        resolution.status = status
        _save(resolution, user)
    elif resolution.status == Resolution.Status.OPEN:
        resolution.status = Resolution.Status.IN_PROGRESS
        _save(resolution, user, update_fields=["status"])
    return response


# Lifecycle -------------------------------------------------------------------------------------

@transaction.atomic
def minutes_publish(*, meeting: Meeting, user) -> MeetingMinutes:
    """Publish the draft minutes: the public can read them and they become the next meeting's
    "for confirmation" paper."""
    record = MeetingMinutes.objects.select_for_update().get(meeting=meeting)
    if record.status != MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can be published as a draft.")
    if not meeting.minutes.exists():
        raise ValidationError("There are no minutes to publish yet.")
    record.status, record.published_at = MinutesStatus.PUBLISHED, timezone.now()
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
                    signed_by: Person | None = None) -> MeetingMinutes:
    """Confirm `meeting`'s minutes as a correct record at `at_meeting` (usually the next one).

    Records the decision as a resolution under `at_meeting`'s minutes item ("The Board confirmed
    the minutes of the meeting held on … as a correct record and they were signed by the Chair"),
    then locks the confirmed minutes for good.
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
    now = timezone.now()
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
