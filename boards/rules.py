"""Permissions on boards. Object-level, per board, with `rules`."""
import rules

from boards.access import board_ids_for, clerk_board_ids_for, has_role, is_admin


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


@rules.predicate
def is_clerk_anywhere(user):
    return bool(board_ids_for(user, "clerks"))


@rules.predicate
def is_clerk_for_person(user, person):
    """A clerk keeps the people of her boards (present or past) and anyone on no board yet; never
    a system administrator's log-in."""
    if person is None or not is_clerk_anywhere(user):
        return False
    if person.user_id and person.user.is_superuser:
        return False
    boards = set(person.memberships.values_list("board_id", flat=True))
    return not boards or bool(boards & set(clerk_board_ids_for(user)))


# The people list and "Add a person" belong to every clerk: a new person is on no board yet.
rules.add_perm("boards.manage_people", is_admin_user | is_clerk_anywhere)
rules.add_perm("boards.manage_person", is_admin_user | is_clerk_for_person)
rules.add_perm("boards.create_board", is_admin_user)
