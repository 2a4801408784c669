"""Editing draft minutes: inserting, moving and removing minutes, and the tree of lettered points
and numbered resolutions under each minute."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.concurrency import claim_version
from meetings.models import AgendaItem, Meeting
from minutes.models import Minute, MinutePoint, Resolution
from core.audit import record_user as _audit
from core.audit import save_audited as _save

from .numbering import _refuse_if_locked, _renumber_from, minutes_record_for


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
    _set_positions(minutes)
    _renumber_from(meeting, user)
    minute.refresh_from_db()
    return minute


def _set_positions(minutes):
    """Store the minutes' order in one UPDATE (a plain update: these rows are unlocked drafts)."""
    for position, m in enumerate(minutes, start=1):
        m.position = position
    Minute.objects.bulk_update(minutes, ["position"])


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
        _set_positions(minutes)
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


# Removing a point is undone by restoring it: the removed row lives on in its history
# (django-simple-history), so nothing else that reads points has to know about removed ones.
RESTORE_WITH_PARENT = datetime.timedelta(seconds=5)


@transaction.atomic
def point_restore(*, minute: Minute, point_id: int, user) -> MinutePoint:
    """Put a point removed from draft minutes back where it was, with the sub-points removed with
    it; the letters after it move on again. Refused once the minutes are locked."""
    minute = _lock_minute(minute.pk)
    removal = (MinutePoint.history.filter(id=point_id, minute_id=minute.pk)
               .order_by("-history_date", "-history_id").first())
    if removal is None or removal.history_type != "-" or MinutePoint.objects.filter(pk=point_id).exists():
        raise ValidationError("That point has not been removed, so there is nothing to restore.")
    if removal.parent_id and not MinutePoint.objects.filter(pk=removal.parent_id).exists():
        raise ValidationError("Restore the point this sub-point belongs to first.")
    point = _put_back(removal, user)
    children = {}
    for record in (MinutePoint.history.filter(parent_id=point_id, minute_id=minute.pk)
                   .order_by("history_date", "history_id")):
        children[record.id] = record
    for record in sorted(children.values(), key=lambda r: r.order):
        if (record.history_type == "-" and abs(record.history_date - removal.history_date) <= RESTORE_WITH_PARENT
                and not MinutePoint.objects.filter(pk=record.id).exists()):
            _put_back(record, user)
    return point


def _put_back(record, user) -> MinutePoint:
    point = MinutePoint(pk=record.id, minute_id=record.minute_id, parent_id=record.parent_id, order=record.order,
                        lead_in=record.lead_in, text=record.text, version=record.version + 1)
    _save(point, user, force_insert=True)
    others = [s for s in _siblings(MinutePoint, point) if s.pk != point.pk]
    others.insert(max(0, min(record.order - 1, len(others))), point)
    _put_in_order(others, user)
    point.refresh_from_db()
    return point


@transaction.atomic
def point_move(*, point: MinutePoint, direction: str, user) -> MinutePoint:
    return _move(MinutePoint, point, direction, user)


@transaction.atomic
def points_reorder(*, minute: Minute, parent_id: int | None, ordered_ids: list[int], user) -> None:
    _reorder(MinutePoint, minute, parent_id, ordered_ids, user)


def _is_noting(text: str) -> bool:
    return text.strip().lower().startswith("to note")


def _default_status(text: str, parent: Resolution | None = None) -> str:
    # Noting needs no action, so it is done as soon as it is resolved; so are the things noted
    # under a "to note:" resolution's sub-points.
    noting = _is_noting(text) or (parent is not None and _is_noting(parent.text))
    return Resolution.Status.DONE if noting else Resolution.Status.OPEN


def check_due_meeting(minute: Minute, due_meeting: Meeting | None) -> None:
    """A resolution comes back to a later meeting of the same board than the one that made it."""
    if due_meeting is None:
        return
    made_at = minute.meeting
    if due_meeting.board_id != made_at.board_id:
        raise ValidationError("A resolution reports back to a meeting of the same board.")
    if (due_meeting.date, due_meeting.start_time) <= (made_at.date, made_at.start_time):
        raise ValidationError("A resolution reports back to a later meeting than the one that made it.")


@transaction.atomic
def resolution_add(*, minute: Minute, user, text: str, parent: Resolution | None = None, owner=None,
                   due_meeting: Meeting | None = None, status: str | None = None) -> Resolution:
    """Add a resolution (or a sub-resolution) at the end of the minute's RESOLVED block."""
    minute = _lock_minute(minute.pk)
    _check_parent(minute, parent)
    check_due_meeting(minute, due_meeting)
    resolution = Resolution(minute=minute, parent=parent, text=text.strip(), owner=owner, due_meeting=due_meeting,
                            status=status or _default_status(text, parent), order=_next_order(Resolution, minute, parent))
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
