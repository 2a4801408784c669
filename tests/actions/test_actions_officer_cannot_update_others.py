"""An officer updates only the actions they lead; clerks and the plan owner update any."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from actions import services
from actions.forms import ProgressForm
from actions.models import Action, ProgressUpdate, Rag
from tests.actions.factories import plan_with_two_leads

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan_setup(board, officer, other_officer):
    return plan_with_two_leads(board, officer, other_officer)


def _post(client, action, **extra):
    data = {"text": "Spoke to partners", "rag": Rag.GREEN, "reason": "", "version": action.version}
    return client.post(reverse("actions:action_update", args=[action.pk]), data, **extra)


def test_officer_sees_no_update_form_on_an_action_they_do_not_lead(client, officer, plan_setup):
    _, _, mine, theirs = plan_setup
    client.force_login(officer)
    page = client.get(reverse("actions:action_detail", args=[theirs.pk]))
    assert page.status_code == 200
    assert b"Add progress and set the RAG rating" not in page.content
    own = client.get(reverse("actions:action_detail", args=[mine.pk]))
    assert b"Add progress and set the RAG rating" in own.content


def test_officer_cannot_open_the_update_form_of_another_leads_action(client, officer, plan_setup):
    client.force_login(officer)
    response = client.get(reverse("actions:action_update", args=[plan_setup[3].pk]))
    assert response.status_code == 403


def test_officer_cannot_post_an_update_to_another_leads_action(client, officer, plan_setup):
    theirs = plan_setup[3]
    client.force_login(officer)
    assert _post(client, theirs).status_code == 403
    theirs.refresh_from_db()
    assert theirs.rag == Rag.NONE
    assert not ProgressUpdate.objects.filter(action=theirs).exists()


def test_officer_cannot_use_the_htmx_endpoint_on_another_leads_action(client, officer, plan_setup):
    theirs = plan_setup[3]
    client.force_login(officer)
    assert client.get(reverse("actions:action_update", args=[theirs.pk]), **HX).status_code == 403
    assert client.get(reverse("actions:action_row", args=[theirs.pk]), **HX).status_code == 403
    assert _post(client, theirs, **HX).status_code == 403
    assert not ProgressUpdate.objects.filter(action=theirs).exists()


def test_the_service_refuses_an_officer_who_does_not_lead_the_action(officer, plan_setup):
    theirs = Action.objects.get(pk=plan_setup[3].pk)
    with pytest.raises(PermissionDenied):
        services.action_progress_add(action=theirs, user=officer, text="Not mine", rag=Rag.RED)
    assert not ProgressUpdate.objects.filter(action=theirs).exists()


def test_the_form_is_bound_to_one_action_so_posting_it_elsewhere_is_refused(client, officer, plan_setup):
    """A valid form for the officer's own action, sent to the other action's URL, changes nothing."""
    _, _, mine, theirs = plan_setup
    form = ProgressForm({"text": "x", "rag": Rag.AMBER, "version": mine.version}, action=mine)
    assert form.is_valid()
    client.force_login(officer)
    response = client.post(reverse("actions:action_update", args=[theirs.pk]), form.data)
    assert response.status_code == 403


def test_lead_can_update_their_own_action_without_javascript(client, officer, plan_setup):
    mine = plan_setup[2]
    client.force_login(officer)
    response = _post(client, mine)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.rag == Rag.GREEN
    assert mine.progress_updates.get().text == "Spoke to partners"


def test_lead_of_an_action_can_update_its_sub_actions(client, officer, plan_setup, board):
    mine = plan_setup[2]
    sub = services.action_create(section=mine.section, parent=mine, text="A sub-action", user=None)
    client.force_login(officer)
    assert _post(client, sub).status_code == 302


@pytest.mark.parametrize("who", ["clerk", "admin_user"])
def test_clerk_and_admin_can_update_any_action(request, client, who, plan_setup):
    client.force_login(request.getfixturevalue(who))
    theirs = plan_setup[3]
    assert _post(client, theirs).status_code == 302
    assert ProgressUpdate.objects.filter(action=theirs).count() == 1


def test_plan_owner_can_update_any_action(client, officer, plan_setup):
    plan, _, _, theirs = plan_setup
    plan.owner = officer
    plan.save()
    client.force_login(officer)
    assert _post(client, theirs).status_code == 302


@pytest.mark.parametrize("who", ["member", "chair", "other_member", "other_clerk", "public_user"])
def test_nobody_else_can_update_an_action(request, client, who, plan_setup):
    client.force_login(request.getfixturevalue(who))
    assert _post(client, plan_setup[3]).status_code == 403


def test_members_of_the_board_see_the_plan_and_others_do_not(client, member, other_member, public_user, plan_setup):
    plan = plan_setup[0]
    url = reverse("actions:plan_detail", args=[plan.pk])
    client.force_login(member)
    assert client.get(url).status_code == 200
    for outsider in (other_member, public_user):
        client.force_login(outsider)
        assert client.get(url).status_code == 403


def test_anonymous_visitors_are_not_told_the_live_plan_exists(client, plan_setup):
    # The public reads a plan only as frozen into a published pack; the live plan answers 404.
    response = client.get(reverse("actions:plan_detail", args=[plan_setup[0].pk]))
    assert response.status_code == 404


def test_officer_cannot_edit_move_or_delete_actions(client, officer, plan_setup):
    mine = plan_setup[2]
    client.force_login(officer)
    assert client.get(reverse("actions:action_edit", args=[mine.pk])).status_code == 403
    assert client.post(reverse("actions:action_move", args=[mine.pk, "down"])).status_code == 403
    assert client.post(reverse("actions:action_delete", args=[mine.pk])).status_code == 403
    assert Action.objects.filter(pk=mine.pk).exists()
