"""The meetings app's entries in the main menu: a member who writes and owns nothing sees neither."""
from boards.menu import is_officer_or_clerk
from core import menu


def _reports_written(user):
    from meetings.models import Report

    return Report.objects.filter(author=user)


def register_entries():
    menu.register(label="My reports", url_name="meetings:my_reports", order=10, shown_to=is_officer_or_clerk,
                  evidence=_reports_written)
