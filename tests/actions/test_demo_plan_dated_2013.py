"""The demo's action plan reads as the 2013 record: its RAG changes, progress and frozen plan carry
2013 dates and the names of the people who made them, never the day the loader ran or "System"."""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action, PlanSnapshot, RagChange
from boards.models import Board


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Board.objects.get(slug="corporate-parenting-board")


def test_every_rag_change_is_dated_2013_and_names_who_made_it(demo):
    changes = list(RagChange.objects.select_related("action", "changed_by"))
    assert len(changes) == 6
    for change in changes:
        assert change.changed_at.year == 2013, change
        assert change.changed_by is not None, change
    by_action = {c.action.reference: c.changed_by.get_full_name() for c in changes}
    assert by_action["2.1"] == by_action["3.1"] and "Hillier" in by_action["2.1"]
    assert "Terri Johnson" == by_action["2.2"]
    assert by_action["a)"] == "Catherine Ziane-Pryor"


def test_the_leads_history_and_action_page_show_2013_and_their_names(demo, client):
    client.force_login(demo.clerk.user)
    action = Action.objects.get(plan__board=demo, reference="2.2")
    html = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert "21 October 2013" in html and "Terri Johnson" in html
    assert "System" not in html
    history = client.get(reverse("actions:action_history", args=[action.pk])).content.decode()
    assert "21 October 2013" in history and "2 September 2013" in history
    assert "Terri Johnson" in history and "Catherine Ziane-Pryor" in history
    today = datetime.date.today()
    assert f"{today.day} {today:%B %Y}" not in history
    assert "System" not in history


def test_the_frozen_plan_is_as_at_publication_with_the_changes_since_september(demo, client):
    snapshot = PlanSnapshot.objects.get(agenda_item__meeting__date="2013-11-18")
    assert snapshot.created_at.date() == datetime.date(2013, 11, 8)
    assert snapshot.rows["as_at_display"].startswith("8 November 2013")
    since = snapshot.rows["since"]
    assert since["display"] == "23 September 2013"
    assert sorted((c["reference"], c["to_label"], c["when"]) for c in since["rag_changes"]) == [
        ("2.1", "Green", "14 October 2013"), ("2.2", "Amber", "21 October 2013"), ("3.1", "Green", "14 October 2013")]
    assert {c["by"] for c in since["rag_changes"]} >= {"Terri Johnson"}
    assert all(c["by"] for c in since["rag_changes"])


def test_the_demo_meetings_history_reads_as_2013_with_the_clerks_and_authors_names(demo, client):
    """A meeting's History timeline of the demo: items, reports, attendance and minutes as they were
    recorded in 2013, by the clerk and the reports' authors (packs the worker builds today aside)."""
    import re

    from django.utils.html import strip_tags

    from meetings.models import Meeting

    client.force_login(demo.clerk.user)
    this_year = str(datetime.date.today().year)
    for day, expected in (("2013-11-18", ["8 November 2013", "Catherine Ziane-Pryor", "4 November 2013",
                                          "Kevin Hatherley", "Anne Partington"]),
                          ("2013-09-23", ["25 September 2013", "Catherine Ziane-Pryor", "Published as draft"]),
                          ("2013-07-15", ["17 July 2013", "23 September 2013 at 3.10pm", "Confirmed and signed"])):
        meeting = Meeting.objects.get(board=demo, date=day)
        text = " ".join(strip_tags(client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()).split())
        for words in expected:
            assert words in text, (day, words)
        assert "System" not in text, day
        assert not re.search(rf"\b\d{{1,2}} [A-Z][a-z]+ {this_year}\b", text), (day, text[:3000])
