"""Factories for action plans. Numbers are set by `plan_renumber`, as the services do."""
import factory

from actions.models import Action, Plan, Section
from actions.services import plan_renumber
from tests.factories import BoardFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Action plan {n}")
    period = "2012–14"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    position = factory.Sequence(lambda n: n + 1)
    responsibility_heading = "Responsibility"
    responsibility_text = "What the partners will do together."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    section = factory.SubFactory(SectionFactory)
    plan = factory.LazyAttribute(lambda a: a.section.plan)
    text = factory.Sequence(lambda n: f"Do thing {n}")
    position = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def renumber(obj, create, extracted, **kwargs):
        if create:
            plan_renumber(plan=obj.plan)
            obj.refresh_from_db()


def person_of(user):
    return user.person


def plan_with_two_leads(board, officer, other_officer, user=None):
    """A plan with section 1 and actions 1.1 (led by `officer`) and 1.2 (led by `other_officer`),
    built through the services as a clerk would."""
    from actions import services

    plan = services.plan_create(board=board, title="CSE action plan", period="2012–14", user=user)
    section = services.section_create(plan=plan, title="Prevention & Response", user=user,
                                      responsibility_heading="Promote awareness",
                                      responsibility_text="There is a critical need for awareness.")
    mine = services.action_create(section=section, text="Establish communication channels", user=user,
                                  lead_person=officer.person)
    theirs = services.action_create(section=section, text="Establish a training working group", user=user,
                                    lead_person=other_officer.person)
    return plan, section, mine, theirs
