"""My actions: what an officer leads, due and overdue first, updated in one form with or without JavaScript."""
import datetime

import pytest
import time_machine
from django.urls import reverse

from actions import services
from actions.models import Action, Rag
from tests.actions.factories import plan_with_two_leads


@pytest.fixture
def setup(board, officer, other_officer):
    plan, section, undated, theirs = plan_with_two_leads(board, officer, other_officer)
    later = services.action_create(section=section, text="Later work", user=None, lead_person=officer.person,
                                   timescale_date=datetime.date(2014, 3, 31))
    overdue = services.action_create(section=section, text="Overdue work", user=None, lead_person=officer.person,
                                     timescale_date=datetime.date(2013, 6, 30))
    done = services.action_create(section=section, text="Done work", user=None, lead_person=officer.person,
                                  timescale_date=datetime.date(2013, 1, 31))
    services.action_progress_add(action=done, user=None, text="Completed", complete=True)
    return plan, undated, theirs, later, overdue, done


def test_my_actions_lists_only_my_actions_overdue_first_and_complete_last(client, officer, setup):
    client.force_login(officer)
    with time_machine.travel(datetime.datetime(2013, 11, 1, 12), tick=False):
        page = client.get(reverse("actions:my_actions")).content.decode()
    order = [page.index(t) for t in ("Overdue work", "Later work", "Establish communication channels", "Done work")]
    assert order == sorted(order)
    assert "training working group" not in page
    assert "Overdue: suggested Red" in page


def test_htmx_update_returns_the_refreshed_row(client, officer, setup):
    undated = setup[1]
    client.force_login(officer)
    hx = {"HTTP_HX_REQUEST": "true"}
    form = client.get(reverse("actions:action_update", args=[undated.pk]), **hx).content.decode()
    assert "<form" in form and 'hx-post="' in form and "<html" not in form
    response = client.post(reverse("actions:action_update", args=[undated.pk]),
                           {"text": "Channels agreed", "rag": Rag.GREEN, "version": 1}, **hx)
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith('<tr id="my-action-')
    assert "Green" in row and "Saved." in row


def test_htmx_errors_come_back_in_the_form(client, officer, setup):
    undated = setup[1]
    client.force_login(officer)
    response = client.post(reverse("actions:action_update", args=[undated.pk]), {"text": "", "rag": "", "version": 1},
                           HTTP_HX_REQUEST="true")
    assert "Write a progress update, change the RAG rating, or mark the action complete." in response.content.decode()
    assert not Action.objects.get(pk=undated.pk).progress_updates.exists()


def test_without_javascript_the_form_page_saves_and_returns_to_my_actions(client, officer, setup):
    undated = setup[1]
    client.force_login(officer)
    url = reverse("actions:action_update", args=[undated.pk])
    page = client.get(url + "?next=/plans/mine/").content.decode()
    assert 'for="id_text_' in page and '<textarea' in page and "RAG rating" in page
    response = client.post(url, {"text": "Done", "rag": Rag.AMBER, "version": 1, "next": "/plans/mine/"})
    assert response["Location"] == "/plans/mine/"


def test_a_stale_form_is_refused_without_losing_the_newer_update(client, officer, clerk, setup):
    undated = setup[1]
    services.action_progress_add(action=Action.objects.get(pk=undated.pk), user=clerk, text="Clerk's note",
                                 rag=Rag.RED)
    client.force_login(officer)
    response = client.post(reverse("actions:action_update", args=[undated.pk]),
                           {"text": "Old view", "rag": Rag.GREEN, "version": 1})
    assert response.status_code == 200 and "Someone else saved a newer version" in response.content.decode()
    assert Action.objects.get(pk=undated.pk).rag == Rag.RED


def test_plan_page_shows_rag_summary_in_words(client, member, setup):
    client.force_login(member)
    page = client.get(reverse("actions:plan_detail", args=[setup[0].pk])).content.decode()
    assert "RAG summary" in page
    for word in ("Red", "Amber", "Green", "Blue", "Not rated"):
        assert f">{word}<span class=\"visually-hidden\">" in page


def test_history_pages_show_changes_to_plan_editors_and_leads(client, officer, clerk, member, setup):
    plan, undated = setup[0], setup[1]
    services.action_update(action=Action.objects.get(pk=undated.pk), user=clerk, text="Renamed")
    client.force_login(clerk)
    assert "Renamed" in client.get(reverse("actions:action_history", args=[undated.pk])).content.decode()
    assert client.get(reverse("actions:plan_history", args=[plan.pk])).status_code == 200
    client.force_login(officer)
    assert client.get(reverse("actions:action_history", args=[undated.pk])).status_code == 200
    client.force_login(member)
    assert client.get(reverse("actions:action_history", args=[undated.pk])).status_code == 403
