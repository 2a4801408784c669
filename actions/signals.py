"""How action plans hook into the apps below them; connected in ActionsConfig.ready()."""
from actions.models import Action
from actions.selectors import actions_for_resolution
from actions.services import agenda_plans_snapshot
from meetings.signals import agenda_published
from minutes import links


def _freeze_agenda_plans(sender, *, meeting, user, **kwargs):
    """An agenda is published: the action plans its items carry are frozen as they stand now."""
    agenda_plans_snapshot(meeting=meeting, user=user)


def _action_name(action: Action) -> str:
    return f"action {action.reference} of “{action.plan}”"


def connect():
    agenda_published.connect(_freeze_agenda_plans, dispatch_uid="actions.freeze_agenda_plans")
    # A resolution's page lists the actions it created; removing it is refused while they point at it.
    links.register(Action, lister=actions_for_resolution, namer=_action_name)
