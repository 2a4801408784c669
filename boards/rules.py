"""Permissions on boards. Object-level, per board, with `rules`."""
import rules

from boards.access import has_role, is_admin


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


@rules.predicate
def is_clerk_of_board(user, board):
    return board is not None and has_role(user, board.pk, "clerks")


@rules.predicate
def is_on_board(user, board):
    return board is not None and has_role(user, board.pk, "any")


rules.add_perm("boards.view_board", rules.always_allow)
rules.add_perm("boards.manage_board", is_admin_user | is_clerk_of_board)
rules.add_perm("boards.view_board_history", is_admin_user | is_clerk_of_board)
rules.add_perm("boards.create_meeting", is_admin_user | is_clerk_of_board)
rules.add_perm("boards.write_report", is_admin_user | is_on_board)
