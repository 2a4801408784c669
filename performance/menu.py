"""The performance app's entry in the main menu: indicators are public."""
from core import menu


def register_entries():
    menu.register(label="Performance", url_name="performance:indicator_list", order=50,
                  shown_to=lambda user: True, public=True)
