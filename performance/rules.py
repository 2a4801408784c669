"""Who may do what with indicators, values and performance reports.

The public sees indicators that a board follows, with small numbers suppressed. People on a
following board (members, clerks, officers) see the real values. The clerk and the performance
lead of a following board, and the officers named as responsible for an indicator, enter its
values; the clerk and the performance lead keep their boards' catalogue, admins all of it. Views ask `has_perm`; roles are read
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


def _keeper_board_ids(user):
    """Boards whose indicators the user keeps: as the clerk or the performance lead."""
    return set(board_ids_for(user, "clerks")) | set(board_ids_for(user, "performance_leads"))


@rules.predicate
def keeps_following_board(user, indicator):
    return indicator is not None and bool(_following_board_ids(indicator) & _keeper_board_ids(user))


@rules.predicate
def is_responsible_officer(user, indicator):
    """Named among the officers who enter this indicator's values (prefetch `responsible_officers`)."""
    if indicator is None or not user.is_authenticated:
        return False
    return any(p.user_id == user.pk for p in indicator.responsible_officers.all())


@rules.predicate
def keeps_a_catalogue(user):
    return bool(_keeper_board_ids(user))


# The clerk or performance lead of a following board, and the officers named on the indicator.
enters_values_for = is_followed & (keeps_following_board | is_responsible_officer)


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
# The catalogue: a clerk or performance lead adds indicators (for her boards) and keeps those her
# boards follow; an indicator no board follows is the admin's.
rules.add_perm("performance.add_indicator", keeps_a_catalogue | is_admin_user)
rules.add_perm("performance.change_indicator", keeps_following_board | is_admin_user)
rules.add_perm("performance.create_snapshot", is_clerk_of_board | is_admin_user)
rules.add_perm("performance.view_snapshot", snapshot_is_public | is_on_snapshot_board | is_admin_user)
