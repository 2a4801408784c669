"""The Content-Security-Policy blocks nothing Quorum itself needs: every page loads, and htmx,
drag and drop (SortableJS), the report editor (Tiptap), Bootstrap's menu and the Django admin all
still work, with not one "Refused to …" in the console.

Every browser test records violations (tests/browser/conftest.py) and fails on any; this module
visits what the journeys do not, and first shows that the recorder does see a violation.
"""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Board
from meetings.models import AgendaItem, Meeting, Report
from minutes.models import Minute

from .conftest import assert_no_csp_violations, sign_in
from .test_every_page_accessible import _pages

pytestmark = pytest.mark.browser


def _visit(page, urls):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        page.wait_for_load_state("load")
    assert_no_csp_violations(page)


def test_the_recorder_sees_an_inline_script_being_refused(page, board):
    page.goto("/")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';
                              document.head.appendChild(s); }""")
    expect(page.locator("body")).to_be_visible()
    page.wait_for_function("() => true")
    assert page.evaluate("window.pwned") is None
    assert any("script-src" in v for v in page.csp_violations), page.csp_violations
    page.csp_violations.clear()


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    return Board.objects.get(slug="corporate-parenting-board")


def test_every_page_loads_without_a_violation_for_the_public_and_the_clerk(page, demo):
    public_pages, clerk_pages = _pages(demo)
    _visit(page, public_pages)
    sign_in(page, "clerk", "clerk-demo-2013")
    _visit(page, clerk_pages)


def test_django_admin_works_under_the_policy(page, demo):
    sign_in(page, "admin", "admin-demo-2013")
    report = Report.objects.filter(board=demo).first()
    _visit(page, ["/admin/", "/admin/meetings/report/", f"/admin/meetings/report/{report.pk}/change/",
                  f"/admin/meetings/report/{report.pk}/history/", "/admin/meetings/meeting/add/",
                  "/admin/auth/user/"])
    # The admin's own scripts run: the changelist's "select all" ticks every row.
    page.goto("/admin/meetings/report/")
    page.locator("#action-toggle").check()
    expect(page.locator("input.action-select").first).to_be_checked()
    assert_no_csp_violations(page)


@pytest.fixture
def agenda(board, clerk):
    meeting = Meeting.objects.create(board=board, date=timezone.localdate() + datetime.timedelta(days=60),
                                     start_time=datetime.time(14), venue="Loxley House")
    for position, title in enumerate(["Apologies for absence", "Fostering update", "Residential care"], start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title)
    return meeting


def _titles(meeting):
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def test_clerk_reorders_by_button_and_by_dragging_under_the_policy(page, agenda):
    sign_in(page, "clerk")
    page.goto(reverse("meetings:detail", args=[agenda.pk]))
    # htmx: Move down swaps the agenda list in place.
    page.get_by_role("button", name="Move down “Fostering update”").click()
    page.get_by_role("status").filter(has_text="is now item 3").wait_for()
    assert _titles(agenda) == ["Apologies for absence", "Residential care", "Fostering update"]
    # SortableJS: drag the last item to the top.
    handles = page.locator("#agenda-list .drag-handle")
    handles.nth(2).drag_to(handles.nth(0))
    page.get_by_role("status").filter(has_text="Agenda reordered.").wait_for()
    assert _titles(agenda)[0] == "Fostering update"
    assert_no_csp_violations(page)


def test_officer_formats_text_in_the_report_editor_under_the_policy(page, board, officer, agenda):
    report = Report.objects.create(board=board, agenda_item=agenda.items.get(position=2), author=officer,
                                   title="Fostering update", status=Report.Status.DRAFT)
    sign_in(page, "officer")
    page.goto(reverse("meetings:report_edit", args=[report.pk]))
    editor = page.locator("#id_background")
    expect(editor).to_be_visible()
    # The editor's stylesheet (a static file) is in force: ProseMirror keeps typed spaces.
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
    editor.click()
    page.get_by_role("toolbar", name="1 BACKGROUND: formatting").get_by_role(
        "button", name="Bold").click()
    expect(editor).to_be_focused()
    page.keyboard.type("Placements are stable.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved.").wait_for()
    report.refresh_from_db()
    assert "<strong>Placements are stable.</strong>" in report.background
    assert_no_csp_violations(page)


def test_menu_opens_on_a_narrow_screen_under_the_policy(page, board):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/")
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_no_csp_violations(page)


def test_minutes_points_drag_under_the_policy(page, board, clerk):
    from tests.minutes.factories import drafted
    from minutes import services as svc

    meeting = drafted(board, datetime.date(2030, 9, 23), clerk)
    minute = Minute.objects.filter(meeting=meeting).order_by("position").last()
    for text in ("First point", "Second point"):
        svc.point_add(minute=minute, user=clerk, text=text)
    sign_in(page, "clerk")
    page.goto(reverse("meetings:minute_edit", args=[minute.pk]))
    handles = page.get_by_role("list", name="Lettered points").locator(":scope > li .drag-handle")
    with page.expect_navigation():
        handles.nth(1).drag_to(handles.nth(0))
    assert list(minute.points.order_by("order").values_list("text", flat=True)) == ["Second point", "First point"]
    assert_no_csp_violations(page)
