"""Each meeting's calendar SEQUENCE and DTSTAMP (RFC 5545 §3.8.7.4, §3.8.7.2)."""
import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from public.models import CalendarEntry


def fingerprint(meeting) -> str:
    """What an event says about the meeting: a change to any of it is a new SEQUENCE."""
    parts = (meeting.board_id, meeting.date, meeting.start_time, meeting.end_time, meeting.venue, meeting.status,
             meeting.agenda_published_at is not None, meeting.cancelled_reason)
    # str(), not repr(): a status given as an enum member and one read back as text are the same.
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def entry_refresh(*, meeting) -> CalendarEntry:
    """Record the meeting as calendars now see it; SEQUENCE goes up by one if that changed."""
    digest = fingerprint(meeting)
    with transaction.atomic():
        entry, created = CalendarEntry.objects.select_for_update().get_or_create(
            meeting_id=meeting.pk, defaults={"fingerprint": digest})
        if not created and entry.fingerprint != digest:
            CalendarEntry.objects.filter(pk=entry.pk).update(
                sequence=F("sequence") + 1, fingerprint=digest, changed_at=timezone.now())
            entry.refresh_from_db()
    return entry


def entries_for(meetings) -> dict:
    """{meeting id: CalendarEntry} for these meetings, creating the missing ones (meetings made
    before the public app, or by bulk inserts that send no signal)."""
    meetings = list(meetings)
    entries = {e.meeting_id: e for e in CalendarEntry.objects.filter(meeting_id__in=[m.pk for m in meetings])}
    for meeting in meetings:
        entry = entries.get(meeting.pk)
        if entry is None or entry.fingerprint != fingerprint(meeting):
            entries[meeting.pk] = entry_refresh(meeting=meeting)
    return entries
