"""An agenda item can carry the date its report is due: the author of a draft is e-mailed once a
day from REPORT_DUE_REMINDER_DAYS days before it until the report is submitted, and the clerk's
agenda says in words when an item's report is overdue."""
import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from meetings.models import Report, ReportReminderSent
from meetings.tasks import send_report_due_reminders

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

MEETING_DAY = datetime.date(2030, 11, 18)
DUE = datetime.date(2030, 11, 4)


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REPORT_DUE_REMINDER_DAYS = 3


@pytest.fixture
def item(board):
    meeting = MeetingFactory(board=board, date=MEETING_DAY)
    return AgendaItemFactory(meeting=meeting, position=1, title="Child Sexual Exploitation", report_due=DUE)


@pytest.fixture
def report(item, officer):
    return ReportFactory(agenda_item=item, author=officer, title="CSE update")


def travel(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 40)), tick=False)


def _date_input(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'type="([^"]+)"', tag).group(1), (re.search(r'value="([^"]*)"', tag) or [None, None])[1]


def test_clerk_sets_the_due_date_on_the_item_form_and_it_survives_an_unchanged_save(client, clerk, board):
    meeting = MeetingFactory(board=board, date=MEETING_DAY)
    item = AgendaItemFactory(meeting=meeting, title="Child Sexual Exploitation")
    client.force_login(clerk)
    url = reverse("meetings:item_edit", args=[item.pk])
    page = client.get(url).content.decode()
    assert "Report due by" in page
    assert _date_input(page, "report_due") == ("date", None)
    data = {"title": item.title, "description": "", "presenter": item.presenter, "paper_status": "attached",
            "exempt_reason": "", "report_due": "2030-11-04", "version": item.version}
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.report_due == DUE
    page = client.get(url).content.decode()
    assert _date_input(page, "report_due") == ("date", "2030-11-04")
    # Saved again unchanged, as the browser sends it back: the date stays.
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert client.post(url, {**data, "version": version}).status_code == 302
    item.refresh_from_db()
    assert item.report_due == DUE
    assert item.version == int(version)  # an unchanged save stores nothing, not even a new version
    # A stale version is refused, as on the other edit forms.
    response = client.post(url, {**data, "report_due": "", "version": int(version) - 1})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.report_due == DUE


def test_no_reminder_before_the_window_then_one_a_day_never_two(report, officer):
    with travel(DUE - datetime.timedelta(days=4)):
        assert send_report_due_reminders() == 0
    with travel(DUE - datetime.timedelta(days=3)):
        assert send_report_due_reminders() == 1
        assert send_report_due_reminders() == 0  # the same day again: nothing
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email]
    assert "“CSE update”" in message.subject and "due by 4 November 2030" in message.subject
    assert "item 1, “Child Sexual Exploitation”" in message.body and "18 November 2030" in message.body
    assert report.get_absolute_url() in message.body
    with travel(DUE - datetime.timedelta(days=2)):
        assert send_report_due_reminders() == 1
    with travel(DUE + datetime.timedelta(days=1)):  # overdue: still daily, and it says so
        assert send_report_due_reminders() == 1
        assert send_report_due_reminders() == 0
    assert len(mail.outbox) == 3
    assert "overdue" in mail.outbox[-1].subject and "has not been submitted yet: it is overdue" in mail.outbox[-1].body
    assert ReportReminderSent.objects.filter(report=report).count() == 3


def test_no_reminder_for_a_report_already_submitted(report, item, officer, other_officer):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
    also_done = ReportFactory(agenda_item=item, author=other_officer, title="Published one")
    Report.objects.filter(pk=also_done.pk).update(status=Report.Status.PUBLISHED)
    with travel(DUE + datetime.timedelta(days=2)):
        assert send_report_due_reminders() == 0
    assert mail.outbox == []


def test_each_author_of_each_draft_report_gets_their_own_reminder(report, item, officer, other_officer):
    ReportFactory(agenda_item=item, author=other_officer, title="Second paper")
    no_date = AgendaItemFactory(meeting=item.meeting, title="Any other business")
    ReportFactory(agenda_item=no_date, author=officer, title="No due date")
    with travel(DUE):
        assert send_report_due_reminders() == 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted([
        (officer.email, "Quorum: your report “CSE update” is due by 4 November 2030"),
        (other_officer.email, "Quorum: your report “Second paper” is due by 4 November 2030"),
    ])


def _agenda_line(page, item):
    return re.search(rf'<li class="agenda-item" id="item-{item.pk}".*?</li>', page, re.S).group(0)


def test_clerk_agenda_says_overdue_in_words_until_the_report_is_submitted(client, clerk, report, item):
    url = item.meeting.get_absolute_url()
    with travel(DUE):  # due today: not yet overdue
        client.force_login(clerk)
        line = _agenda_line(client.get(url).content.decode(), item)
    assert "Report due by 4 November 2030" in line and "Overdue" not in line
    with travel(DUE + datetime.timedelta(days=1)):
        client.force_login(clerk)
        line = _agenda_line(client.get(url).content.decode(), item)
        assert "Overdue: no report submitted" in line
        Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
        line = _agenda_line(client.get(url).content.decode(), item)
        assert "Report due by 4 November 2030" in line and "Overdue" not in line


def test_an_item_with_no_report_at_all_is_overdue_once_its_date_passes(client, clerk, item):
    with travel(DUE + datetime.timedelta(days=1)):
        client.force_login(clerk)
        line = _agenda_line(client.get(item.meeting.get_absolute_url()).content.decode(), item)
    assert "Overdue: no report submitted" in line


def test_members_and_the_public_do_not_see_the_due_date(client, member, item):
    with travel(DUE + datetime.timedelta(days=1)):
        client.force_login(member)
        page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "CHILD SEXUAL EXPLOITATION" in page
    assert "Report due by" not in page and "Overdue" not in page
