"""Rescheduling a meeting whose agenda is published: the meeting shows it moved (from what to
what), members and the officers with reports on it are e-mailed, and the publication deadline and
the "published late" state follow the new date, both ways."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from meetings.tasks import send_meeting_rescheduled_notice

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

PUBLISHED = timezone.make_aware(datetime.datetime(2030, 11, 8, 10, 0))  # Friday: the deadline for Monday 18 November


@pytest.fixture
def run_notices(monkeypatch):
    """The worker: the queued task runs in-process, as Celery would run it."""
    monkeypatch.setattr("meetings.tasks.send_meeting_rescheduled_notice.delay",
                        lambda *args: send_meeting_rescheduled_notice.apply(args=args))


@pytest.fixture
def meeting(board, officer):
    m = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                       venue="Loxley House", agenda_published_at=PUBLISHED, status=Meeting.Status.AGENDA_PUBLISHED)
    ReportFactory(board=board, author=officer, agenda_item=AgendaItemFactory(meeting=m, position=1))
    return m


def _edit(client, meeting, capture, **changes):
    data = {"date": meeting.date.isoformat(), "start_time": "14:00", "end_time": "", "venue": meeting.venue,
            "version": meeting.version, **changes}
    with capture(execute=True):
        return client.post(f"/meetings/{meeting.pk}/edit/", data, follow=True)


def test_moving_a_published_meeting_emails_members_and_officers_and_shows_the_move(
        board, clerk, member, officer, meeting, client, run_notices, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    page = _edit(client, meeting, django_capture_on_commit_callbacks, date="2030-11-25", start_time="10:30",
                 venue="Council House").content.decode()
    assert "Meeting rescheduled. Members are being notified by e-mail." in page
    assert ("rescheduled</strong> from Monday 18 November 2030 at 2.00pm (Loxley House) to "
            "Monday 25 November 2030 at 10.30am (Council House)") in page
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([member.email, officer.email])
    assert mail.outbox[0].subject == "Meeting rescheduled: Corporate Parenting Board, Monday 25 November 2030"
    assert "It was: Monday 18 November 2030 at 2.00pm (Loxley House)." in mail.outbox[0].body
    assert "It is now: Monday 25 November 2030 at 10.30am (Council House)." in mail.outbox[0].body
    # The deadline is the new date's: Friday 15 November 2030.
    assert "Publication deadline (five clear working days): <strong>Friday 15 November 2030</strong>" in page
    # Running the task again (a redelivery) sends nothing more.
    assert send_meeting_rescheduled_notice.apply(args=(meeting.pk,)).get() == 0
    assert len(mail.outbox) == 2


def test_editing_only_the_finish_time_or_an_unpublished_meeting_is_not_a_rescheduling(
        board, clerk, member, meeting, client, run_notices, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    page = _edit(client, meeting, django_capture_on_commit_callbacks, end_time="16:00").content.decode()
    assert "Meeting details saved." in page and "rescheduled" not in page
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=None, status=Meeting.Status.SCHEDULED)
    meeting.refresh_from_db()
    _edit(client, meeting, django_capture_on_commit_callbacks, date="2030-11-25")
    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).rescheduled_at is None


def test_moving_earlier_makes_the_publication_late_and_needs_the_chairs_reason(
        board, clerk, member, meeting, client, run_notices, django_capture_on_commit_callbacks):
    client.force_login(clerk)
    refused = _edit(client, meeting, django_capture_on_commit_callbacks, date="2030-11-13").content.decode()
    assert "Give the Chair&#x27;s reason for urgency to reschedule to it." in refused
    assert Meeting.objects.get(pk=meeting.pk).date == datetime.date(2030, 11, 18)
    assert mail.outbox == []
    page = _edit(client, meeting, django_capture_on_commit_callbacks, date="2030-11-13",
                 urgency_reason="The venue flooded.").content.decode()
    assert "Published late; reason for urgency: “The venue flooded.”." in page
    assert len(mail.outbox) == 2  # the member and the officer whose report is on it


def test_moving_later_again_makes_the_publication_on_time(
        board, clerk, member, meeting, client, run_notices, django_capture_on_commit_callbacks):
    Meeting.objects.filter(pk=meeting.pk).update(date=datetime.date(2030, 11, 13), urgency_reason="The venue flooded.")
    meeting.refresh_from_db()
    client.force_login(clerk)
    page = _edit(client, meeting, django_capture_on_commit_callbacks, date="2030-11-20").content.decode()
    assert "Published late" not in page and "The venue flooded." not in page
    assert Meeting.objects.get(pk=meeting.pk).urgency_reason == ""
    assert "This meeting has been rescheduled" in page
