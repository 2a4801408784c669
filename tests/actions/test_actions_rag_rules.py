"""RAG rules: every change recorded with who and when; suggested Red exactly when overdue and
incomplete; complete means Blue; no recent update before the next meeting is flagged."""
import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, Rag, RagChange
from tests.factories import MeetingFactory
from tests.actions.factories import plan_with_two_leads


@pytest.fixture
def action(board, officer, other_officer):
    return plan_with_two_leads(board, officer, other_officer)[2]


def fresh(action):
    return Action.objects.get(pk=action.pk)


def test_rag_history_records_every_change_with_user_time_and_reason(action, officer, clerk):
    with time_machine.travel(datetime.datetime(2013, 9, 1, 10, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        services.action_progress_add(action=fresh(action), user=officer, text="Started", rag=Rag.AMBER)
    with time_machine.travel(datetime.datetime(2013, 9, 20, 15, 30, tzinfo=timezone.get_current_timezone()), tick=False):
        services.action_progress_add(action=fresh(action), user=clerk, rag=Rag.RED, reason="Training slipped")
    with time_machine.travel(datetime.datetime(2013, 11, 1, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        services.action_progress_add(action=fresh(action), user=officer, text="Done", complete=True)
    changes = list(RagChange.objects.filter(action=action).order_by("changed_at"))
    assert [(c.from_rag, c.to_rag) for c in changes] == [("", "amber"), ("amber", "red"), ("red", "blue")]
    assert [c.changed_by for c in changes] == [officer, clerk, officer]
    assert [timezone.localtime(c.changed_at).date() for c in changes] == [
        datetime.date(2013, 9, 1), datetime.date(2013, 9, 20), datetime.date(2013, 11, 1)]
    assert [c.reason for c in changes] == ["Started", "Training slipped", "Done"]


def test_a_progress_update_that_keeps_the_rating_records_no_rag_change(action, officer):
    services.action_progress_add(action=fresh(action), user=officer, text="First", rag=Rag.GREEN)
    services.action_progress_add(action=fresh(action), user=officer, text="Still on track", rag=Rag.GREEN)
    assert RagChange.objects.filter(action=action).count() == 1
    assert [u.text for u in fresh(action).progress_updates.all()] == ["Still on track", "First"]


def test_marking_complete_sets_blue_and_blue_marks_complete(action, officer, other_officer, board):
    services.action_progress_add(action=fresh(action), user=officer, text="All done", complete=True)
    assert (fresh(action).rag, fresh(action).status) == (Rag.BLUE, Action.Status.COMPLETE)
    services.action_progress_add(action=fresh(action), user=officer, text="Reopened", rag=Rag.AMBER)
    assert fresh(action).status == Action.Status.IN_PROGRESS
    services.action_progress_add(action=fresh(action), user=officer, rag=Rag.BLUE, reason="Done after all")
    assert fresh(action).status == Action.Status.COMPLETE


def test_the_history_is_shown_on_the_action_page(client, action, officer):
    services.action_progress_add(action=fresh(action), user=officer, text="Started", rag=Rag.AMBER)
    client.force_login(officer)
    page = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert "RAG history" in page and "Amber" in page and "Not rated" in page


@pytest.mark.parametrize("today, expected", [
    (datetime.date(2012, 5, 30), False),  # before the timescale
    (datetime.date(2012, 5, 31), False),  # on the day: not yet past
    (datetime.date(2012, 6, 1), True),    # the day after
])
def test_suggested_red_exactly_when_past_the_timescale_date(action, today, expected):
    Action.objects.filter(pk=action.pk).update(timescale_date=datetime.date(2012, 5, 31))
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12)), tick=False):
        assert fresh(action).suggested_red is expected


def test_complete_actions_are_never_suggested_red(action, officer):
    Action.objects.filter(pk=action.pk).update(timescale_date=datetime.date(2012, 5, 31))
    services.action_progress_add(action=fresh(action), user=officer, text="Completed", complete=True)
    with time_machine.travel(datetime.datetime(2013, 1, 1, 12), tick=False):
        assert fresh(action).suggested_red is False


def test_actions_in_words_are_never_suggested_red(action):
    Action.objects.filter(pk=action.pk).update(timescale_text="Ongoing")
    with time_machine.travel(datetime.datetime(2030, 1, 1, 12), tick=False):
        assert fresh(action).suggested_red is False


def test_suggested_red_is_shown_on_the_plan_page_only_when_overdue(client, action, clerk):
    Action.objects.filter(pk=action.pk).update(timescale_date=datetime.date(2012, 5, 31))
    client.force_login(clerk)
    url = reverse("actions:plan_detail", args=[action.plan_id])
    with time_machine.travel(datetime.datetime(2012, 5, 1, 12), tick=False):
        assert "suggested Red</span>" not in client.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2012, 6, 1, 12), tick=False):
        assert "Overdue: suggested Red" in client.get(url).content.decode()


def test_no_recent_update_is_flagged_against_the_next_meeting(action, officer, settings):
    settings.ACTIONS_NO_UPDATE_DAYS = 28
    next_meeting = datetime.date(2013, 11, 18)
    today = datetime.date(2013, 11, 1)
    a = fresh(action)
    assert a.lacks_recent_update(next_meeting, today=today)  # never updated
    a.last_update_on = datetime.date(2013, 10, 20)  # 29 days before the meeting
    assert a.lacks_recent_update(next_meeting, today=today)
    a.last_update_on = datetime.date(2013, 10, 21)  # 28 days before the meeting
    assert not a.lacks_recent_update(next_meeting, today=today)
    a.status = Action.Status.COMPLETE
    a.last_update_on = None
    assert not a.lacks_recent_update(next_meeting, today=today)


def test_plan_page_flags_no_recent_update_using_the_boards_next_meeting(client, action, clerk, board, officer):
    MeetingFactory(board=board, date=datetime.date(2013, 11, 18))
    client.force_login(clerk)
    url = reverse("actions:plan_detail", args=[action.plan_id])
    with time_machine.travel(datetime.datetime(2013, 11, 1, 12), tick=False):
        assert client.get(url).content.decode().count("No recent update</span>") == 2
        services.action_progress_add(action=fresh(action), user=officer, text="Update", rag=Rag.GREEN)
        assert client.get(url).content.decode().count("No recent update</span>") == 1
