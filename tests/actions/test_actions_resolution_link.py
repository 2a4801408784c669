"""An action can be linked to the resolution that created it:
the action page quotes it, the resolution page lists its actions, and only plan editors change the link."""
import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from actions import services
from actions.forms import ActionForm
from actions.models import Action
from minutes import services as msvc
from meetings.models import AgendaItem

from tests.factories import BoardFactory
from tests.actions.factories import plan_with_two_leads
from tests.minutes.factories import meeting_with_items

SECRET = "ZANZIBAR-CONTRACT-2291"
TITLES = ("Apologies for absence", "Declarations of interests", "Minutes", "Fostering update", "Contract award")


@pytest.fixture
def world(board, clerk, officer, other_officer):
    meeting = meeting_with_items(board, datetime.date(2013, 9, 23), titles=TITLES)
    AgendaItem.objects.filter(meeting=meeting, position=5).update(
        is_exempt=True, exempt_paragraph=3, exempt_reason="Contract prices")
    msvc.minutes_draft(meeting=meeting, user=clerk, first_number=19)
    open_minute = meeting.minutes.get(agenda_item__position=4)
    exempt_minute = meeting.minutes.get(agenda_item__position=5)
    msvc.resolution_add(minute=open_minute, user=clerk, text="to note the report;")
    resolution = msvc.resolution_add(minute=open_minute, user=clerk,
                                     text="to approve the continuation of the foster carer recruitment campaign.")
    exempt = msvc.resolution_add(minute=exempt_minute, user=clerk, text=f"to award the contract to {SECRET}.")
    plan, _, mine, theirs = plan_with_two_leads(board, officer, other_officer, user=clerk)
    return {"meeting": meeting, "minute": open_minute, "resolution": resolution, "exempt": exempt,
            "plan": plan, "mine": mine, "theirs": theirs}


def _form_data(action, **changes):
    data = {"text": action.text, "lead_person": action.lead_person_id or "", "lead_group": action.lead_group,
            "lead_organisation": "", "timescale_date": "", "timescale_text": action.timescale_text,
            "resolution": "", "resolution_reference": "", "version": action.version}
    data.update(changes)
    return data


def test_clerk_links_an_action_to_a_resolution_from_the_form(client, clerk, world):
    action = world["mine"]
    client.force_login(clerk)
    page = client.get(reverse("actions:action_edit", args=[action.pk])).content.decode()
    # The select names each resolution by minute number, meeting date and its opening words.
    assert "Minute 22 (2), 23 September 2013: to approve the continuation of the foster carer" in page
    response = client.post(reverse("actions:action_edit", args=[action.pk]),
                           _form_data(action, resolution=world["resolution"].pk))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.resolution == world["resolution"]
    assert action.history.first().resolution_id == world["resolution"].pk  # audited


def test_form_refuses_a_resolution_of_another_board(clerk, world, other_board, other_clerk):
    from tests.minutes.factories import drafted

    elsewhere = drafted(other_board, datetime.date(2013, 9, 24), other_clerk, first_number=1).minutes.get(number=4)
    foreign = msvc.resolution_add(minute=elsewhere, user=other_clerk, text="to do something else.")
    form = ActionForm(_form_data(world["mine"], resolution=foreign.pk), instance=world["mine"],
                      board=world["plan"].board, user=clerk)
    assert not form.is_valid() and "resolution" in form.errors
    with pytest.raises(ValidationError):
        services.action_update(action=Action.objects.get(pk=world["mine"].pk), user=clerk, resolution=foreign)


def test_form_refuses_both_a_linked_resolution_and_words(clerk, world):
    form = ActionForm(_form_data(world["mine"], resolution=world["resolution"].pk,
                                 resolution_reference="Minute 3, 2011"),
                      instance=world["mine"], board=world["plan"].board, user=clerk)
    assert not form.is_valid() and "resolution_reference" in form.errors


def test_action_page_quotes_the_resolution_with_its_minute_and_meeting_date(client, officer, clerk, world):
    services.action_update(action=world["mine"], user=clerk, resolution=world["resolution"])
    client.force_login(officer)
    page = client.get(reverse("actions:action_detail", args=[world["mine"].pk])).content.decode()
    assert "RESOLVED (2) to approve the continuation of the foster carer recruitment campaign." in page
    assert "23 September 2013" in page
    assert f'href="{reverse("meetings:resolution", args=[world["resolution"].pk])}">Minute 22 (2)</a>' in page


def test_resolution_page_lists_the_linked_actions_with_their_rag_by_word(client, clerk, officer, world):
    mine = services.action_update(action=world["mine"], user=clerk, resolution=world["resolution"])
    services.action_progress_add(action=mine, user=officer, text="Campaign running", rag="amber", reason="",
                                 complete=False, version=mine.version)
    client.force_login(officer)
    page = client.get(reverse("meetings:resolution", args=[world["resolution"].pk])).content.decode()
    assert "Actions created by this resolution" in page
    assert f'href="{mine.get_absolute_url()}">Action 1.1</a>' in page
    assert ">Amber<" in page
    assert "Action 1.2" not in page  # not linked


def test_resolution_page_lists_only_the_actions_the_reader_may_see(client, clerk, world, other_board):
    from tests.factories import user_with_role
    from boards.models import Membership

    services.action_update(action=world["mine"], user=clerk, resolution=world["resolution"])
    # An officer of another board who leads nothing on this board cannot see the action…
    stranger = user_with_role(other_board, Membership.Role.OFFICER, "stranger")
    assert not Action.objects.visible_to(stranger).filter(pk=world["mine"].pk).exists()
    # …and a clerk of this board can.
    client.force_login(clerk)
    page = client.get(reverse("meetings:resolution", args=[world["resolution"].pk])).content.decode()
    assert "Action 1.1" in page


def test_officer_who_cannot_change_the_action_cannot_change_its_link(client, officer, clerk, world):
    action = world["mine"]  # the officer leads it: they may update progress, not what the action is
    client.force_login(officer)
    assert client.get(reverse("actions:action_edit", args=[action.pk])).status_code == 403
    response = client.post(reverse("actions:action_edit", args=[action.pk]),
                           _form_data(action, resolution=world["resolution"].pk))
    assert response.status_code == 403
    # The progress form (page and htmx) ignores a resolution smuggled into it.
    client.post(reverse("actions:action_update", args=[action.pk]),
                {"text": "Done some", "rag": "green", "resolution": world["resolution"].pk, "version": action.version})
    with pytest.raises(PermissionDenied):
        services.action_update(action=Action.objects.get(pk=action.pk), user=officer, resolution=world["resolution"])
    action.refresh_from_db()
    assert action.resolution_id is None
    assert action.progress_updates.count() == 1


def test_exempt_resolution_wording_is_not_shown_to_an_officer_who_may_not_read_it(client, officer, clerk, member, world):
    services.action_update(action=world["mine"], user=clerk, resolution=world["exempt"])
    url = reverse("actions:action_detail", args=[world["mine"].pk])
    client.force_login(officer)  # an officer of the board: sees the action, gets the public minutes
    page = client.get(url).content.decode()
    assert SECRET not in page
    assert "Minute 23 (1)" in page and "exempt item" in page
    assert reverse("meetings:resolution", args=[world["exempt"].pk]) not in page
    # Nor in the form's select, for a plan owner who may not read exempt minutes.
    form = ActionForm(instance=world["mine"], board=world["plan"].board, user=officer)
    assert SECRET not in str(form["resolution"])
    assert "Minute 23 (1), 23 September 2013: an exempt item: wording withheld" in str(form["resolution"])
    # A member of the board reads it in full.
    client.force_login(member)
    assert SECRET in client.get(url).content.decode()


def test_a_resolution_that_created_an_action_is_not_removed_silently(client, clerk, world):
    services.action_update(action=world["mine"], user=clerk, resolution=world["resolution"])
    client.force_login(clerk)
    response = client.post(reverse("meetings:resolution_delete", args=[world["resolution"].pk]), follow=True)
    assert response.status_code == 200
    assert "it created action 1.1" in response.content.decode()
    world["resolution"].refresh_from_db()  # still there


def _migration():
    return importlib.import_module("actions.migrations.0002_action_resolution")


class _AppsAsThen:
    """The app registry as that migration saw it: Resolution was a model of meetings/ then (it has
    moved to minutes/, keeping its table)."""

    def get_model(self, app_label, model_name):
        if (app_label, model_name.lower()) == ("meetings", "resolution"):
            app_label = "minutes"
        return apps.get_model(app_label, model_name)


def test_migration_links_a_reference_it_can_match_and_keeps_the_words_it_cannot(clerk, world):
    mine, theirs = world["mine"], world["theirs"]
    Action.objects.filter(pk=mine.pk).update(resolution_reference="Minute 22, resolution (2)")
    Action.objects.filter(pk=theirs.pk).update(resolution_reference="Minute 3 of 12 March 2011")
    _migration().link_resolutions(_AppsAsThen(), None)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.resolution == world["resolution"] and mine.resolution_reference == ""
    assert theirs.resolution is None and theirs.resolution_reference == "Minute 3 of 12 March 2011"
    # The words are kept in the action's history.
    assert mine.history.filter(resolution_reference="Minute 22, resolution (2)").exists()
    assert mine.history.first().history_change_reason == "Linked to the resolution its reference named"


def test_migration_does_not_link_across_boards_or_guess(clerk, world):
    plan = world["plan"]
    plan.board = BoardFactory()
    plan.save()
    Action.objects.filter(pk=world["mine"].pk).update(resolution_reference="Minute 22, resolution (2)")
    Action.objects.filter(pk=world["theirs"].pk).update(resolution_reference="Minute 22")  # two resolutions: ambiguous
    _migration().link_resolutions(_AppsAsThen(), None)
    assert not Action.objects.filter(resolution__isnull=False).exists()


def test_migration_backwards_turns_the_link_into_words_again(clerk, world):
    services.action_update(action=world["mine"], user=clerk, resolution=world["resolution"])
    _migration().unlink_resolutions(_AppsAsThen(), None)
    assert Action.objects.get(pk=world["mine"].pk).resolution_reference == "Minute 22, resolution (2)"
