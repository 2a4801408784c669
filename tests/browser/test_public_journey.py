"""The public side in a browser: a resident who opens the calendar with the keyboard, finds the
meeting, opens the decisions register and filters it, and adds the board's calendar; then axe-core
(0 violations), reflow at 320 CSS pixels and distinct titles on every page the public side adds."""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from boards.models import Board, Membership
from meetings.models import Meeting

from .conftest import assert_accessible, assert_no_csp_violations, watch_csp_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    board = Board.objects.get(slug="corporate-parenting-board")
    # A meeting next month, published, so the resident finds it one "Next month" away.
    first_next = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=10)
    Meeting.objects.create(board=board, date=first_next, start_time=datetime.time(14), venue="Loxley House",
                           status=Meeting.Status.AGENDA_PUBLISHED, agenda_published_at=timezone.now())
    return board


def _press(page, locator):
    """Reach a control and activate it from the keyboard, as a keyboard-only user does."""
    locator.focus()
    page.keyboard.press("Enter")


def test_resident_finds_a_meeting_and_a_decision_and_adds_the_boards_calendar(page, demo):
    page.goto("/")
    _press(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar"))
    page.wait_for_url("**/calendar/")
    assert_accessible(page)
    _press(page, page.get_by_role("link", name="Next month"))
    page.wait_for_url("**/calendar/*/*/")
    assert_accessible(page)
    meeting = Meeting.objects.filter(board=demo, date__gt=timezone.localdate()).order_by("date").first()
    link = page.get_by_role("link", name=f"2.00pm {demo.name}")
    assert link.count() == 1
    _press(page, page.get_by_role("link", name="Show as a list"))
    page.wait_for_url("**view=list")
    assert_accessible(page)
    _press(page, page.get_by_role("link", name=f"{demo.name},").first)
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    assert_accessible(page)

    # The decisions register, from the footer, filtered to the board's 2013 decisions still open.
    _press(page, page.get_by_role("navigation", name="Footer").get_by_role("link", name="Decisions register"))
    page.wait_for_url("**/decisions/")
    assert_accessible(page)
    page.get_by_label("Board").select_option(label=demo.name)
    page.get_by_label("Year").select_option("2013")
    page.get_by_label("Follow-up").select_option(label="Open")
    _press(page, page.get_by_role("button", name="Show decisions"))
    page.wait_for_url("**status=open**")
    status = page.get_by_role("status")
    assert "of Corporate Parenting Board in 2013" in status.inner_text()
    assert page.get_by_text("Fostering Network").first.is_visible()
    assert page.get_by_text("Follow-up: Done").count() == 0
    assert_accessible(page)

    # The board's page, and its calendar added: the address serves a valid calendar of its meetings.
    _press(page, page.get_by_role("link", name=f"{demo.name}, Monday 23 September 2013").first)
    page.wait_for_url("**/minutes/")
    page.goto(demo.get_absolute_url())
    assert_accessible(page)
    add = page.get_by_role("link", name="Add its meetings to your calendar (iCalendar)")
    href = add.get_attribute("href")
    assert href == reverse("public:ical_board", args=[demo.slug])
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert any(str(e["UID"]).startswith(f"meeting-{meeting.pk}@") for e in events)


def _public_pages(board):
    september = Meeting.objects.get(board=board, date="2013-09-23")
    chair = Membership.objects.get(board=board, role="chair").person
    return [
        reverse("public:calendar"), reverse("public:calendar_month", args=[2013, 9]),
        reverse("public:calendar_month", args=[2013, 11]) + "?view=list",
        reverse("public:calendar_month", args=[2013, 11]) + f"?board={board.slug}",
        reverse("public:decisions"), reverse("public:decisions") + f"?board={board.slug}&year=2013&status=open",
        reverse("public:member_list"), reverse("public:member", args=[chair.pk]),
        reverse("public:documents", args=[september.pk]), reverse("public:feeds"), board.get_absolute_url(),
    ]


def test_every_public_side_page_passes_axe_as_the_public_and_a_member(page, demo):
    from .conftest import sign_in

    for url in _public_pages(demo):
        assert page.goto(url).status == 200, url
        assert_accessible(page)
    sign_in(page, "member", "member-demo-2013")
    for url in _public_pages(demo) + [reverse("public:personal_calendar")]:
        assert page.goto(url).status == 200, url
        assert_accessible(page)


def test_every_public_side_page_reflows_at_320_pixels_with_its_own_title(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 720}, locale="en-GB",
                                  reduced_motion="reduce")
    page = context.new_page()
    watch_csp_violations(page)
    try:
        too_wide, titles = [], {}
        for url in _public_pages(demo):
            assert page.goto(url).status == 200, url
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append(f"{url} is {width}px wide")
            titles.setdefault(page.title(), []).append(url)
            assert page.locator("footer").get_by_role("link", name="Feeds (RSS, Atom and iCalendar)").count() == 1
        assert not too_wide, "Pages scroll sideways at 320px:\n" + "\n".join(too_wide)
        shared = {t: u for t, u in titles.items() if len(u) > 1}
        assert not shared, f"Pages share a title: {shared}"
        assert_no_csp_violations(page)
    finally:
        context.close()
