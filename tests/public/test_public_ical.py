"""The iCalendar feeds read strictly (RFC 5545): a stable UID per meeting, DTSTAMP, a SEQUENCE that
goes up when the meeting changes, STATUS:CANCELLED, Europe/London with its VTIMEZONE, and links
back to the meeting page and agenda."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting
from public.models import PersonalCalendar

from tests.factories import MeetingFactory

PUBLISHED = datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc)


def _strict(body: bytes) -> Calendar:
    """Parse as a calendar program would, refusing anything broken, and check the round trip."""
    cal = Calendar.from_ical(body)
    assert not cal.errors
    for component in cal.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
    assert Calendar.from_ical(cal.to_ical()).to_ical() == cal.to_ical()
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return cal


def _events(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def meetings(board, clerk):
    held = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=PUBLISHED,
                          status=Meeting.Status.AGENDA_PUBLISHED, venue="Loxley House")
    off = MeetingFactory(board=board, date=datetime.date(2030, 12, 2), agenda_published_at=PUBLISHED,
                         status=Meeting.Status.AGENDA_PUBLISHED, venue="Council House")
    services.meeting_cancel(meeting=off, reason="Not quorate", user=clerk)
    hidden = MeetingFactory(board=board, date=datetime.date(2031, 1, 20), venue="ICALHIDDENVENUE")
    return held, off, hidden


def test_all_meetings_feed_is_valid_icalendar_with_london_times(client, meetings):
    held, off, hidden = meetings
    response = client.get(reverse("public:ical_all"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = _strict(response.content)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    events = _events(cal)
    assert set(events) == {f"meeting-{held.pk}@quorum.nottinghamcity.gov.uk", f"meeting-{off.pk}@quorum.nottinghamcity.gov.uk"}
    event = events[f"meeting-{held.pk}@quorum.nottinghamcity.gov.uk"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == datetime.datetime(2030, 11, 18, 14, 0, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)  # November: GMT
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith(held.get_absolute_url())
    assert reverse("meetings:frontsheet", args=[held.pk]) in str(event["DESCRIPTION"])
    cancelled = events[f"meeting-{off.pk}@quorum.nottinghamcity.gov.uk"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and "Cancelled" in str(cancelled["SUMMARY"])
    assert b"ICALHIDDENVENUE" not in response.content


def test_summer_meeting_is_in_british_summer_time(client, board):
    MeetingFactory(board=board, date=datetime.date(2030, 7, 15), agenda_published_at=PUBLISHED)
    cal = _strict(client.get(reverse("public:ical_board", args=[board.slug])).content)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)


def test_sequence_goes_up_when_the_meeting_is_rescheduled_and_uid_stays(client, meetings, clerk,
                                                                         django_capture_on_commit_callbacks):
    held = meetings[0]
    uid = f"meeting-{held.pk}@quorum.nottinghamcity.gov.uk"
    before = _events(_strict(client.get(reverse("public:ical_all")).content))[uid]
    held.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # the cached feed is refreshed on commit
        services.meeting_update(meeting=held, version=held.version, user=clerk, date=datetime.date(2030, 11, 25),
                                start_time=held.start_time, venue="Council House", end_time=None)
    after = _events(_strict(client.get(reverse("public:ical_all")).content))[uid]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTAMP") >= before.decoded("DTSTAMP")
    assert after.decoded("DTSTART").date() == datetime.date(2030, 11, 25)
    assert "Rescheduled" in str(after["SUMMARY"])
    # Reading it again changes nothing: the sequence is stored, not counted per request.
    again = _events(_strict(client.get(reverse("public:ical_all")).content))[uid]
    assert int(again["SEQUENCE"]) == int(after["SEQUENCE"])


def test_feed_answers_not_modified_to_a_calendar_that_has_it(client, meetings):
    first = client.get(reverse("public:ical_all"))
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(reverse("public:ical_all"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_personal_calendar_has_the_members_unpublished_meetings_by_secret_address(client, meetings, member):
    hidden = meetings[2]
    client.force_login(member)
    page = client.get(reverse("public:personal_calendar"))
    token = PersonalCalendar.objects.get(user=member).token
    assert token in page.content.decode()
    client.logout()
    cal = _strict(client.get(reverse("public:ical_personal", args=[token])).content)
    assert f"meeting-{hidden.pk}@quorum.nottinghamcity.gov.uk" in _events(cal)
    assert "Agenda not yet published" in str(_events(cal)[f"meeting-{hidden.pk}@quorum.nottinghamcity.gov.uk"]["SUMMARY"])
    assert client.get(reverse("public:ical_personal", args=["not-a-token"])).status_code == 404


def test_resetting_the_personal_address_stops_the_old_one(client, member, board):
    client.force_login(member)
    client.get(reverse("public:personal_calendar"))
    old = PersonalCalendar.objects.get(user=member).token
    client.post(reverse("public:personal_calendar_reset"))
    new = PersonalCalendar.objects.get(user=member).token
    assert new != old
    client.logout()
    assert client.get(reverse("public:ical_personal", args=[old])).status_code == 404
    assert client.get(reverse("public:ical_personal", args=[new])).status_code == 200


def test_other_boards_member_does_not_get_this_boards_unpublished_meeting(client, meetings, other_member):
    client.force_login(other_member)
    client.get(reverse("public:personal_calendar"))
    token = PersonalCalendar.objects.get(user=other_member).token
    body = client.get(reverse("public:ical_personal", args=[token])).content
    assert b"ICALHIDDENVENUE" not in body
    assert timezone.now()  # the feed itself is valid, even empty
    _strict(body)
