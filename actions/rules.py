"""Who may do what with action plans. Views and services ask `user.has_perm("actions.<perm>", obj)`.

- Anyone with a role on the plan's board (and the plan owner) sees the plan.
- The board's clerks, the plan owner and admins change the plan: its sections, actions and leads,
  every action's progress and RAG, imports, snapshots and reminders.
- An officer updates (progress and RAG) only the actions they lead, or the sub-actions of one.
- The resolution an action is linked to is quoted only to those who may read it in the minutes:
  the board (or anyone, once the minutes are public), and for an exempt item only those who may
  read exempt minutes (members, the clerk, admins).
"""
import rules

from boards.access import has_role, is_admin


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


def _plan(obj):
    if obj is None:
        return None
    if hasattr(obj, "sections"):  # a Plan
        return obj
    return getattr(obj, "plan", None)


@rules.predicate
def is_clerk_of_plan_board(user, obj):
    plan = _plan(obj)
    return plan is not None and has_role(user, plan.board_id, "clerks")


@rules.predicate
def is_on_plan_board(user, obj):
    plan = _plan(obj)
    return plan is not None and has_role(user, plan.board_id, "any")


@rules.predicate
def is_plan_owner(user, obj):
    plan = _plan(obj)
    return plan is not None and user.is_authenticated and plan.owner_id == user.pk


@rules.predicate
def is_clerk_of_board(user, board):
    return board is not None and has_role(user, board.pk, "clerks")


def _leads(user, action):
    return bool(action.lead_person_id) and action.lead_person.user_id == user.pk


@rules.predicate
def is_action_lead(user, action):
    """The action's lead person is this user, or the lead of the action it is a sub-action of."""
    if action is None or not user.is_authenticated:
        return False
    if _leads(user, action):
        return True
    return action.parent_id is not None and _leads(user, action.parent)


def resolution_is_exempt(resolution) -> bool:
    item = resolution.minute.agenda_item if resolution.minute.agenda_item_id else None
    return bool(item and item.is_exempt)


@rules.predicate
def may_read_resolution(user, resolution):
    """Asks the meetings rules; expects `minute__meeting` and `minute__agenda_item` to be loaded."""
    if resolution is None:
        return False
    meeting = resolution.minute.meeting
    if resolution_is_exempt(resolution) and not user.has_perm("meetings.view_exempt_minutes", meeting):
        return False
    return user.has_perm("meetings.view_resolutions", meeting) or user.has_perm("meetings.view_minutes", meeting)


can_change_plan = is_admin_user | is_clerk_of_plan_board | is_plan_owner

rules.add_perm("actions.add_plan", is_admin_user | is_clerk_of_board)
rules.add_perm("actions.import_plan", is_admin_user | is_clerk_of_board)
rules.add_perm("actions.view_plan", can_change_plan | is_on_plan_board)
rules.add_perm("actions.change_plan", can_change_plan)
rules.add_perm("actions.snapshot_plan", can_change_plan)
rules.add_perm("actions.send_reminders", can_change_plan)
rules.add_perm("actions.view_plan_history", can_change_plan)
rules.add_perm("actions.view_action", can_change_plan | is_on_plan_board | is_action_lead)
rules.add_perm("actions.update_action", can_change_plan | is_action_lead)
rules.add_perm("actions.view_action_history", can_change_plan | is_action_lead)
rules.add_perm("actions.view_snapshot", can_change_plan | is_on_plan_board)
rules.add_perm("actions.read_linked_resolution", may_read_resolution)
