"""Actions are numbered within their section by their order and renumber on moves."""
import pytest
from django.urls import reverse

from actions import services
from actions.models import Action, Section


def numbers(plan):
    return list(Action.objects.filter(plan=plan).order_by("section__position", "reference")
                .values_list("reference", flat=True))


@pytest.fixture
def plan(board, clerk):
    plan = services.plan_create(board=board, title="CSE action plan", user=clerk)
    over = services.section_create(plan=plan, title="Overarching strategy and governance", numbered=False, user=clerk)
    for text in ("Complete a Strategy Document", "Complete and agree Action Plan"):
        services.action_create(section=over, text=text, user=clerk)
    first = services.section_create(plan=plan, title="Prevention & Response", user=clerk)
    a11 = services.action_create(section=first, text="Establish channels", user=clerk)
    a12 = services.action_create(section=first, text="Establish a training working group to:", user=clerk)
    for text in ("Develop a training programme", "Identify agencies", "Identify mechanisms"):
        services.action_create(section=first, parent=a12, text=text, user=clerk)
    second = services.section_create(plan=plan, title="Safeguarding and Protection", user=clerk)
    services.action_create(section=second, text="Map the levels of CSE", user=clerk)
    return plan


def test_actions_are_numbered_by_section_and_sub_actions_lettered(plan):
    assert numbers(plan) == ["a)", "b)", "1.1", "1.2", "1.2 a)", "1.2 b)", "1.2 c)", "2.1"]
    assert [s.display_title for s in plan.sections.order_by("position")] == [
        "Overarching strategy and governance", "1. Prevention & Response", "2. Safeguarding and Protection"]


def test_moving_an_action_renumbers_it_and_its_sub_actions(plan, clerk):
    a12 = Action.objects.get(plan=plan, reference="1.2")
    services.action_move(action=a12, direction="up", user=clerk)
    moved = Action.objects.get(pk=a12.pk)
    assert moved.reference == "1.1" and moved.text.startswith("Establish a training")
    assert sorted(moved.sub_actions.values_list("reference", flat=True)) == ["1.1 a)", "1.1 b)", "1.1 c)"]
    assert Action.objects.get(plan=plan, reference="1.2").text == "Establish channels"


def test_moving_a_sub_action_reletters_its_siblings(plan, clerk):
    c = Action.objects.get(plan=plan, reference="1.2 c)")
    services.action_move(action=c, direction="up", user=clerk)
    assert Action.objects.get(pk=c.pk).reference == "1.2 b)"
    assert Action.objects.get(plan=plan, reference="1.2 c)").text == "Identify agencies"


def test_moving_a_section_renumbers_its_actions(plan, clerk):
    second = Section.objects.get(plan=plan, title="Safeguarding and Protection")
    services.section_move(section=second, direction="up", user=clerk)
    assert Section.objects.get(pk=second.pk).display_title == "1. Safeguarding and Protection"
    assert Action.objects.get(plan=plan, text="Map the levels of CSE").reference == "1.1"
    assert Action.objects.get(plan=plan, text="Establish channels").reference == "2.1"


def test_deleting_an_action_closes_the_gap(plan, clerk):
    services.action_delete(action=Action.objects.get(plan=plan, reference="1.1"), user=clerk)
    assert numbers(plan) == ["a)", "b)", "1.1", "1.1 a)", "1.1 b)", "1.1 c)", "2.1"]


def test_moving_the_first_action_up_changes_nothing(plan, clerk):
    before = numbers(plan)
    services.action_move(action=Action.objects.get(plan=plan, reference="1.1"), direction="up", user=clerk)
    assert numbers(plan) == before


def test_sub_actions_past_z_are_lettered_as_the_minutes_are(board, clerk):
    """After z) comes aa), bb) — the one rule the council's papers use (Word's), as minute points do."""
    plan = services.plan_create(board=board, title="Long plan", user=clerk)
    section = services.section_create(plan=plan, title="Everything", user=clerk)
    parent = services.action_create(section=section, text="Do many things:", user=clerk)
    for i in range(28):
        services.action_create(section=section, parent=parent, text=f"Thing {i + 1}", user=clerk)
    refs = list(parent.sub_actions.order_by("position").values_list("reference", flat=True))
    assert refs[25:] == ["1.1 z)", "1.1 aa)", "1.1 bb)"]


def test_a_move_shows_in_the_actions_history(client, plan, clerk):
    a12 = Action.objects.get(plan=plan, reference="1.2")
    entries_before = Action.objects.get(plan=plan, reference="1.1").history.count()
    client.force_login(clerk)
    client.post(reverse("actions:action_move", args=[a12.pk, "up"]))
    page = client.get(reverse("actions:action_history", args=[a12.pk])).content.decode()
    assert "<strong>Item number</strong>: “2” → “1”" in page
    assert a12.history.first().reference == "1.1"
    moved_down = Action.objects.get(plan=plan, text="Establish channels")
    page = client.get(reverse("actions:action_history", args=[moved_down.pk])).content.decode()
    assert "<strong>Item number</strong>: “1” → “2”" in page
    assert moved_down.history.first().history_user == clerk
    assert moved_down.history.first().reference == "1.2"
    # The move is one entry per action moved, not one for the place and another for the number.
    assert moved_down.history.count() == entries_before + 1


def test_a_section_move_shows_in_the_sections_and_its_actions_history(plan, clerk):
    second = Section.objects.get(plan=plan, title="Safeguarding and Protection")
    services.section_move(section=second, direction="up", user=clerk)
    assert second.history.first().history_user == clerk
    assert (second.history.first().number, second.history.all()[1].number) == (1, 2)
    action = Action.objects.get(plan=plan, text="Map the levels of CSE")
    assert [h.reference for h in action.history.all()[:2]] == ["1.1", "2.1"]
