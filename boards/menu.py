"""The boards app's entries in the main menu."""
from boards.access import board_ids_for, is_admin
from core import menu


def register_entries():
    menu.register(label="Boards and meetings", url_name="home", order=0, shown_to=lambda user: True, public=True)
    menu.register(label="People", url_name="people_list", order=80,
                  shown_to=lambda user: is_admin(user) or bool(board_ids_for(user, "clerks")))


def is_officer_or_clerk(user) -> bool:
    """Officers write reports, lead actions and own resolutions; clerks approve the reports."""
    return is_admin(user) or bool(board_ids_for(user, "officers") or board_ids_for(user, "clerks"))
