"""My actions and the plan page run a fixed number of queries however many actions there are."""
import datetime

import pytest
from django.urls import reverse

from actions.models import Action, ProgressUpdate, Section
from actions.services import plan_renumber
from tests.factories import MeetingFactory
from tests.actions.factories import PlanFactory


def build(board, lead, count):
    plan = PlanFactory(board=board)
    sections = Section.objects.bulk_create(
        [Section(plan=plan, title=f"Section {i}", position=i) for i in range(1, 6)])
    actions = Action.objects.bulk_create([
        Action(plan=plan, section=sections[i % 5], position=i, text=f"Action {i}", lead_person=lead.person,
               timescale_date=datetime.date(2013, 1, 1) + datetime.timedelta(days=i % 400), rag="amber")
        for i in range(count)
    ], batch_size=1000)
    ProgressUpdate.objects.bulk_create([ProgressUpdate(action=a, text="Update", author=lead) for a in actions[:50]])
    plan_renumber(plan=plan)
    MeetingFactory(board=board, date=datetime.date(2013, 9, 23))
    MeetingFactory(board=board, date=datetime.date(2030, 11, 18))
    return plan


@pytest.mark.parametrize("count", [5, 5000])
def test_my_actions_runs_at_most_12_queries(client, board, officer, count, django_assert_max_num_queries):
    build(board, officer, count)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("actions:my_actions"))
    assert response.status_code == 200
    assert response.content.decode().count('id="my-action-') == min(count, 50)


@pytest.mark.parametrize("count", [5, 5000])
def test_plan_page_runs_at_most_12_queries(client, board, officer, count, django_assert_max_num_queries):
    plan = build(board, officer, count)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("actions:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="action-') == count
