"""The reminder task e-mails each lead only their own actions that need an update, once a day."""
import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from actions import services
from actions.models import Action, Rag, ReminderSent
from actions.tasks import send_action_reminders
from tests.factories import MeetingFactory
from tests.actions.factories import plan_with_two_leads


@pytest.fixture
def setup(board, officer, other_officer):
    plan, section, mine, theirs = plan_with_two_leads(board, officer, other_officer)
    also_mine = services.action_create(section=section, text="Map the levels of CSE", user=None,
                                       lead_person=officer.person, timescale_date=datetime.date(2013, 10, 1))
    done = services.action_create(section=section, text="Finished work", user=None, lead_person=officer.person)
    services.action_progress_add(action=done, user=None, text="Completed", complete=True)
    MeetingFactory(board=board, date=datetime.date(2013, 11, 18))
    return plan, mine, theirs, also_mine


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def travel(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7)), tick=False)


def test_each_lead_gets_one_email_listing_only_their_actions(setup, officer, other_officer):
    plan, mine, theirs, also_mine = setup
    with travel(datetime.date(2013, 11, 1)):
        assert send_action_reminders() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {officer.person.email, other_officer.person.email}
    officer_mail = by_recipient[officer.person.email].body
    assert "1.1 Establish communication channels" in officer_mail
    assert "1.3 Map the levels of CSE" in officer_mail and "overdue: suggested Red" in officer_mail
    assert "training working group" not in officer_mail
    assert "Finished work" not in officer_mail  # complete actions need no update
    other_mail = by_recipient[other_officer.person.email].body
    assert "1.2 Establish a training working group" in other_mail and "communication channels" not in other_mail
    assert "18 November 2013" in other_mail


def test_no_lead_gets_a_second_reminder_the_same_day(setup):
    with travel(datetime.date(2013, 11, 1)):
        send_action_reminders()
        assert send_action_reminders() == 0
    assert len(mail.outbox) == 2
    with travel(datetime.date(2013, 11, 2)):
        assert send_action_reminders() == 2
    assert len(mail.outbox) == 4
    assert ReminderSent.objects.count() == 4


def test_recently_updated_actions_are_not_chased(setup, officer, other_officer):
    plan, mine, theirs, also_mine = setup
    with travel(datetime.date(2013, 11, 1)):
        services.action_progress_add(action=Action.objects.get(pk=theirs.pk), user=other_officer,
                                     text="On track", rag=Rag.GREEN)
        send_action_reminders()
    assert [m.to[0] for m in mail.outbox] == [officer.person.email]


def test_clerk_can_send_reminders_now_from_the_plan_page(client, setup, clerk):
    client.force_login(clerk)
    with travel(datetime.date(2013, 11, 1)):
        response = client.post(reverse("actions:plan_reminders", args=[setup[0].pk]), follow=True)
    assert "Reminders sent to 2 leads." in response.content.decode()
    assert len(mail.outbox) == 2


def test_officers_cannot_send_reminders(client, setup, officer):
    client.force_login(officer)
    assert client.post(reverse("actions:plan_reminders", args=[setup[0].pk])).status_code == 403
    assert mail.outbox == []


def test_the_task_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["actions-reminders"]
    assert entry["task"] == "actions.tasks.send_action_reminders"
    assert send_action_reminders.name == entry["task"]


def test_clerk_previews_the_reminders_then_sees_them_listed_with_their_actions(client, setup, clerk, officer,
                                                                               django_assert_max_num_queries):
    plan, mine, theirs, also_mine = setup
    client.force_login(clerk)
    url = reverse("actions:plan_reminders", args=[plan.pk])
    with travel(datetime.date(2013, 11, 1)):
        preview = client.get(url)
        assert mail.outbox == [] and ReminderSent.objects.count() == 0  # a preview sends nothing
        page = preview.content.decode()
        assert officer.person.email in page and "Will be sent" in page and mine.reference in page
        client.post(url)
        again = client.post(url, follow=True)  # pressed twice: no second e-mail the same day
        assert "No reminders sent" in again.content.decode()
        with django_assert_max_num_queries(12):
            listed = client.get(url)
    assert len(mail.outbox) == 2
    rows = list(listed.context["sent"])
    assert {r.person_id for r in rows} == {officer.person.pk, theirs.lead_person_id}
    mine_row = next(r for r in rows if r.person_id == officer.person.pk)
    assert {a.pk for a in mine_row.actions.all()} == {mine.pk, also_mine.pk}
    assert "Already reminded today: not sent again" in listed.content.decode()
