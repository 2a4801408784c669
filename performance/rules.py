"""Who may do what with indicators, values and performance reports.

The public sees indicators that a board follows, with small numbers suppressed. People on a
following board (members, clerks, officers) see the real values. Officers and clerks of a
following board enter values; admins keep the catalogue. Views ask `has_perm`; roles are read
only through boards.access.
"""
import rules

from boards.access import board_ids_for, has_role, is_admin


def _following_board_ids(obj):
    """Boards following the indicator (or a value's indicator); uses the prefetch cache when there is one."""
    indicator = obj.indicator if hasattr(obj, "indicator_id") else obj
    return {b.pk for b in indicator.boards.all()}


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


@rules.predicate
def is_followed(user, indicator):
    return indicator is not None and bool(_following_board_ids(indicator))


@rules.predicate
def is_on_following_board(user, indicator):
    return indicator is not None and bool(_following_board_ids(indicator) & set(board_ids_for(user, "any")))


@rules.predicate
def enters_values_for(user, indicator):
    if indicator is None:
        return False
    allowed = set(board_ids_for(user, "officers")) | set(board_ids_for(user, "clerks"))
    return bool(_following_board_ids(indicator) & allowed)


@rules.predicate
def is_clerk_of_board(user, board):
    return board is not None and has_role(user, board.pk, "clerks")


@rules.predicate
def is_on_snapshot_board(user, snapshot):
    return snapshot is not None and has_role(user, snapshot.board_id, "any")


@rules.predicate
def snapshot_is_public(user, snapshot):
    if snapshot is None or not snapshot.public or snapshot.agenda_item_id is None:
        return False
    item = snapshot.agenda_item
    return item.meeting.agenda_published_at is not None and not item.is_exempt


rules.add_perm("performance.view_indicator", is_followed | is_admin_user)
rules.add_perm("performance.view_real_values", is_on_following_board | is_admin_user)
rules.add_perm("performance.enter_values", enters_values_for | is_admin_user)
rules.add_perm("performance.view_value_history", is_on_following_board | is_admin_user)
rules.add_perm("performance.change_catalogue", is_admin_user)
rules.add_perm("performance.create_snapshot", is_clerk_of_board | is_admin_user)
rules.add_perm("performance.view_snapshot", snapshot_is_public | is_on_snapshot_board | is_admin_user)
