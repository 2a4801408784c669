"""The action plans' entries in the main menu: "My actions" only for someone who leads actions or
is an officer who may; "Action plans" for anyone on a board or owning a plan."""
from boards.access import board_ids_for, is_admin
from boards.menu import is_officer_or_clerk
from core import menu


def _actions_led(user):
    from actions.models import Action

    return Action.objects.filter(lead_person__user=user)


def _plans_owned(user):
    from actions.models import Plan

    return Plan.objects.filter(owner=user)


def register_entries():
    menu.register(label="My actions", url_name="actions:my_actions", order=30, shown_to=is_officer_or_clerk,
                  evidence=_actions_led)
    menu.register(label="Action plans", url_name="actions:plan_list", order=40,
                  shown_to=lambda user: is_admin(user) or bool(board_ids_for(user)), evidence=_plans_owned)
