"""The reader's entry in the main menu: "My notes" for board members, and anyone who has notes."""
from boards.access import board_ids_for
from core import menu


def _notes_kept(user):
    from reader.models import Annotation

    return Annotation.objects.filter(owner=user)


def register_entries():
    menu.register(label="My notes", url_name="reader:my_notes", order=35,
                  shown_to=lambda user: bool(board_ids_for(user, "members")), evidence=_notes_kept)
