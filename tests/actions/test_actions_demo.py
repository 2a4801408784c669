"""The demo board carries the CSE multi-agency action plan 2012–14 from the reference."""
from django.contrib.auth import get_user_model

from actions.demo import load_demo
from actions.models import Action, Plan, Rag
from boards.models import Membership


def test_demo_loads_every_section_action_and_sub_action_of_the_reference(board):
    load_demo(board)
    plan = Plan.objects.get(board=board)
    assert (plan.title, plan.period) == ("Child Sexual Exploitation Multi-Agency Action Plan", "2012–14")
    assert [s.display_title for s in plan.sections.order_by("position")] == [
        "Overarching strategy and governance", "1. Prevention & Response", "2. Safeguarding and Protection",
        "3. Bringing Offenders to Justice", "4. Public Confidence"]
    refs = list(Action.objects.filter(plan=plan).order_by("section__position", "reference")
                .values_list("reference", flat=True))
    assert refs == ["a)", "b)", "c)", "1.1", "1.2", "1.2 a)", "1.2 b)", "1.2 c)", "1.2 d)", "1.2 e)",
                    "2.1", "2.1 a)", "2.1 b)", "2.1 c)", "2.2", "2.2 a)", "2.2 b)", "3.1", "4.1", "4.2"]
    completed = Action.objects.filter(plan=plan, status=Action.Status.COMPLETE)
    assert sorted(completed.values_list("reference", flat=True)) == ["a)", "b)", "c)"]
    assert set(completed.values_list("rag", flat=True)) == {Rag.BLUE}
    leads = {a.reference: a.lead_display for a in Action.objects.filter(plan=plan).select_related(
        "lead_person__organisation", "lead_organisation")}
    assert leads["a)"] == "CSECAG"
    assert leads["1.2"] == "Training Working Group (Jo Williams, CityCare Partnership)"
    assert leads["2.1"] == leads["3.1"] == "DI Hillier, Notts Police"
    assert leads["2.2"] == "Terri Johnson, Notts County Council"
    assert leads["4.2"] == "Kim Pocock, NCSCB"
    assert Action.objects.get(plan=plan, reference="4.1").timescale_display == "10 October 2012"


def test_demo_officers_log_in_and_lead_actions(board):
    load_demo(board)
    for username, led in (("hillier", ["2.1", "3.1"]), ("tjohnson", ["2.2"])):
        user = get_user_model().objects.get(username=username)
        assert user.check_password(f"{username}-demo-2013")
        assert Membership.objects.filter(board=board, person__user=user, role="officer").exists()
        assert sorted(Action.objects.led_by(user).values_list("reference", flat=True)) == led


def test_loading_the_demo_twice_changes_nothing(board):
    load_demo(board)
    counts = (Plan.objects.count(), Action.objects.count())
    load_demo(board)
    assert (Plan.objects.count(), Action.objects.count()) == counts
