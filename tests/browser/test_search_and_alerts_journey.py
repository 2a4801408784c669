"""A resident, by keyboard alone, finds a decision by searching with filters, opens it in the
minutes, then asks for e-mail alerts about the board. axe-core and 320px reflow on each new page."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from minutes.models import MeetingMinutes, Minute, MinutesStatus, Resolution

from tests.factories import AgendaItemFactory, MeetingFactory
from .conftest import check_page

pytestmark = pytest.mark.browser


def _decision(board, date, number, title, text):
    meeting = MeetingFactory(board=board, date=date, agenda_published_at=timezone.now(),
                             status=Meeting.Status.MINUTES_DRAFT)
    item = AgendaItemFactory(meeting=meeting, position=4, title=title)
    MeetingMinutes.objects.create(meeting=meeting, status=MinutesStatus.PUBLISHED, published_at=timezone.now())
    minute = Minute.objects.create(meeting=meeting, agenda_item=item, number=number, title=title,
                                   narrative="The Board discussed support for kinship carers.")
    Resolution.objects.create(minute=minute, text="to ask for a report on kinship allowances at the next meeting")
    return meeting


@pytest.fixture(autouse=True)
def _confirmations_sent_here(monkeypatch):
    from alerts import tasks

    monkeypatch.setattr(tasks.send_confirmation, "delay", lambda *args: tasks.send_confirmation.apply(args=args))


def test_resident_finds_a_decision_by_keyboard_and_subscribes_to_the_board(page, board, other_board):
    _decision(board, datetime.date(2013, 9, 23), 19, "Kinship care", "")
    _decision(other_board, datetime.date(2013, 9, 30), 7, "Kinship in health", "")

    page.goto("/")
    page.get_by_role("link", name="Search", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/")
    check_page(page)

    page.get_by_label("Search for").focus()
    page.keyboard.type("kinship allowances")
    page.keyboard.press("Tab")  # Board
    page.keyboard.type("Corporate")
    page.keyboard.press("Tab")  # Year
    page.keyboard.type("2013")
    page.keyboard.press("Tab")  # Kind of document
    page.keyboard.type("Decisions")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    heading = page.get_by_role("heading", level=2, name="1 result for “kinship allowances”")
    assert heading.is_visible()
    assert page.locator("mark").first.inner_text().lower() == "kinship"
    check_page(page)

    result = page.get_by_role("link", name="Decision of minute 19: Kinship care")
    result.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/minutes/#minute-19")
    assert page.get_by_text("to ask for a report on kinship allowances").first.is_visible()

    page.goto(f"/boards/{board.slug}/")
    page.get_by_role("link", name="Subscribe to e-mail alerts").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/alerts/?board=*")
    check_page(page)
    assert page.get_by_label("A board's news").input_value() == str(board.pk)
    page.get_by_label("Your e-mail address").focus()
    page.keyboard.type("resident@example.org")
    page.get_by_role("button", name="Send me a link to confirm").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/alerts/check-your-email/")
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    assert "resident@example.org" not in page.content()
    check_page(page)
    assert [m.subject for m in mail.outbox] == ["Confirm your alerts: Corporate Parenting Board"]
