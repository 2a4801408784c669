"""The pack snapshot of a plan is frozen: later updates do not change it."""
import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from actions import services
from actions.models import Action, AgendaPlan, PlanSnapshot, Rag
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.actions.factories import plan_with_two_leads


@pytest.fixture
def setup(board, officer, other_officer):
    return plan_with_two_leads(board, officer, other_officer)


def test_snapshot_does_not_change_after_a_later_update(setup, clerk, officer):
    plan, _, mine, _ = setup
    services.action_progress_add(action=Action.objects.get(pk=mine.pk), user=officer, text="Started", rag=Rag.AMBER)
    snapshot = services.plan_snapshot_create(plan=plan, user=clerk)
    html_before = render_to_string("actions/_plan_snapshot.html", {"rows": snapshot.rows})
    services.action_progress_add(action=Action.objects.get(pk=mine.pk), user=officer, text="Finished", complete=True)
    services.action_update(action=Action.objects.get(pk=mine.pk), user=clerk, text="Renamed action")
    stored = PlanSnapshot.objects.get(pk=snapshot.pk)
    assert stored.rows == snapshot.rows
    html_after = render_to_string("actions/_plan_snapshot.html", {"rows": stored.rows})
    assert html_after == html_before
    assert "Amber" in html_after and "Finished" not in html_after and "Renamed action" not in html_after
    assert services.plan_snapshot_create(plan=plan, user=clerk).content_hash != stored.content_hash


def test_snapshot_shows_rag_by_colour_and_by_word_with_a_summary(setup, clerk, officer):
    plan, _, mine, _ = setup
    services.action_progress_add(action=Action.objects.get(pk=mine.pk), user=officer, text="x", rag=Rag.RED)
    rows = services.plan_snapshot_create(plan=plan, user=clerk).rows
    html = render_to_string("actions/_plan_snapshot.html", {"rows": rows})
    assert '<td class="rag-cell-red">Red</td>' in html
    assert {c["label"]: c["count"] for c in rows["summary"]["counts"]} == {
        "Red": 1, "Amber": 0, "Green": 0, "Blue": 0, "Not rated": 1}
    assert "<caption>Actions of 1. Prevention &amp; Response</caption>" in html


def test_snapshot_lists_changes_since_the_last_meeting(setup, clerk, officer, board):
    plan, _, mine, _ = setup
    MeetingFactory(board=board, date=datetime.date.today() - datetime.timedelta(days=30))
    services.action_progress_add(action=Action.objects.get(pk=mine.pk), user=officer, text="Moved on",
                                 rag=Rag.GREEN)
    rows = services.plan_snapshot_create(plan=plan, user=clerk).rows
    assert [(c["reference"], c["from_label"], c["to_label"]) for c in rows["since"]["rag_changes"]] == [
        ("1.1", "Not rated", "Green")]
    assert rows["since"]["updated"] == ["1.1"]


def test_publishing_snapshots_each_plan_paper_once(setup, clerk, board):
    plan = setup[0]
    item = AgendaItemFactory(meeting=MeetingFactory(board=board), title="CSE action plan update")
    services.agenda_plan_attach(agenda_item=item, plan=plan, user=clerk)
    first = services.agenda_plans_snapshot(meeting=item.meeting, user=clerk)
    again = services.agenda_plans_snapshot(meeting=item.meeting, user=clerk)
    assert [s.pk for s in first] == [s.pk for s in again]
    assert first[0].agenda_item == item
    assert AgendaPlan.objects.get(agenda_item=item).plan == plan


def test_snapshot_page_shows_the_frozen_plan(client, setup, clerk, officer):
    plan = setup[0]
    client.force_login(clerk)
    response = client.post(reverse("actions:plan_snapshot", args=[plan.pk]))
    snapshot = PlanSnapshot.objects.get()
    assert response["Location"] == snapshot.get_absolute_url()
    assert "Establish communication channels" in client.get(snapshot.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert client.post(reverse("actions:plan_snapshot", args=[plan.pk])).status_code == 403


@pytest.mark.parametrize("papers", [2, 20])
def test_publishing_again_reads_the_existing_snapshots_in_a_fixed_number_of_queries(
        setup, clerk, board, papers, django_assert_max_num_queries):
    plan = setup[0]
    meeting = MeetingFactory(board=board)
    for i in range(papers):
        item = AgendaItemFactory(meeting=meeting, title=f"Action plan update {i}")
        services.agenda_plan_attach(agenda_item=item, plan=plan, user=clerk)
    first = services.agenda_plans_snapshot(meeting=meeting, user=clerk)
    with django_assert_max_num_queries(4):
        again = services.agenda_plans_snapshot(meeting=meeting, user=clerk)
    assert [s.pk for s in again] == [s.pk for s in first]
    assert PlanSnapshot.objects.filter(agenda_item__meeting=meeting).count() == papers
