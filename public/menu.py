"""The public side's entries in the main menu: for everyone, signed in or not."""
from core import menu


def register_entries():
    for order, (label, url_name) in enumerate(
            (("Calendar", "public:calendar"), ("Decisions", "public:decisions"), ("Members", "public:member_list")), start=1):
        menu.register(label=label, url_name=url_name, order=order, shown_to=lambda user: True, public=True)
