"""The minutes app's entry in the main menu: an officer or clerk who owns no resolution sees none."""
from boards.menu import is_officer_or_clerk
from core import menu


def _resolutions_owned(user):
    from minutes.models import Resolution

    return Resolution.objects.filter(owner__user=user)


def register_entries():
    menu.register(label="My resolutions", url_name="meetings:my_resolutions", order=20, shown_to=is_officer_or_clerk,
                  evidence=_resolutions_owned)
