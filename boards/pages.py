"""What the home page and a board's page show of the apps above boards/.

Meetings live in meetings/, which boards/ may not import: MeetingsConfig.ready() fills this
registry with the two reads those pages need.
"""
from collections.abc import Callable

_meetings: dict[str, Callable] = {}


def provide_meetings(*, upcoming_and_recent: Callable, of_board: Callable) -> None:
    """`upcoming_and_recent(user)` → (next meetings, past meetings) this user may see, across boards;
    `of_board(board, user)` → the board's meetings this user may see, newest first."""
    _meetings.update(upcoming_and_recent=upcoming_and_recent, of_board=of_board)


def upcoming_and_recent_meetings(user) -> tuple:
    return _meetings["upcoming_and_recent"](user)


def board_meetings(board, user):
    return _meetings["of_board"](board, user)
