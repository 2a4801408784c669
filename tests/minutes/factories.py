"""Factories and helpers for the minutes tests."""
import datetime

from minutes import services as svc
from meetings.models import AgendaItem

from tests.factories import AgendaItemFactory, MeetingFactory


def meeting_with_items(board, date, titles=("Apologies for absence", "Declarations of interests", "Minutes", "Business"), **kw):
    """A published meeting with agenda items of the standard kinds, then business."""
    meeting = MeetingFactory(board=board, date=date, agenda_published_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc), **kw)
    kinds = [AgendaItem.Kind.APOLOGIES, AgendaItem.Kind.DECLARATIONS, AgendaItem.Kind.MINUTES]
    for position, title in enumerate(titles, start=1):
        kind = kinds[position - 1] if position <= 3 else AgendaItem.Kind.BUSINESS
        AgendaItemFactory(meeting=meeting, position=position, title=title, kind=kind)
    return meeting


def drafted(board, date, user, first_number=None, **kw):
    meeting = meeting_with_items(board, date, **kw)
    svc.minutes_draft(meeting=meeting, user=user, first_number=first_number)
    return meeting


def numbers(meeting):
    return list(meeting.minutes.order_by("position").values_list("number", flat=True))


def record_present(meeting, person, **fields):
    """The clerk has recorded `person` present (only people present at an item declare interests in it)."""
    from minutes.models import Attendance

    row, _ = Attendance.objects.update_or_create(meeting=meeting, person=person,
                                                 defaults={"status": Attendance.Status.PRESENT, **fields})
    return row
