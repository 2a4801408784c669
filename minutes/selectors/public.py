"""The public's view of minutes (the pages through `rules`, the public pack and the withdrawal of
packs that stop being public all ask `public_minutes`), and the minutes block of the meeting page.
"""
import datetime

from meetings import selectors
from meetings.models import Meeting
from minutes.models import MeetingMinutes, Minute

from .resolutions import response_paper


def public_minutes():
    """Minutes anyone may read: published (as a draft, or confirmed) minutes of a published meeting."""
    return MeetingMinutes.objects.public()


def minutes_for_confirmation(meeting: Meeting, now: datetime.datetime | None = None) -> Meeting | None:
    """The meeting whose minutes `meeting` receives "for confirmation": the last meeting held, once
    its minutes are published. Draft minutes are in no pack, public or members'."""
    last = selectors.last_meeting_held(meeting, now)
    if last is not None and public_minutes().filter(meeting_id=last.pk).exists():
        return last
    return None


def meeting_links(user, meeting) -> dict:
    """The minutes block of the meeting page, with what this user may do."""
    try:
        record = meeting.minutes_record
    except MeetingMinutes.DoesNotExist:
        record = None
    return {
        "meeting": meeting, "record": record,
        "can_view": user.has_perm("meetings.view_minutes", meeting),
        "can_manage": user.has_perm("meetings.manage_minutes", meeting),
        "can_apologise": user.has_perm("meetings.record_apology", meeting),
        "can_view_resolutions": user.has_perm("meetings.view_resolutions", meeting.board),
        "has_response_paper": response_paper(meeting) is not None,
        "minutes_exist": Minute.objects.filter(meeting=meeting).exists(),
    }
