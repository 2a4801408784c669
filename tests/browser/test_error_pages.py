"""The 403 and 404 pages read as the rest of Quorum: a heading, a plain-English reason, links back;
axe-core finds nothing. A refusal of an edit to confirmed minutes says why."""
import datetime

import pytest
from playwright.sync_api import expect

from minutes import services as svc
from tests.minutes.factories import drafted

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_refusal_page_explains_and_passes_axe(page, board, clerk, officer):
    meeting = drafted(board, datetime.date(2030, 5, 10), clerk, first_number=1)
    sign_in(page, "officer")
    response = page.goto(f"/meetings/{meeting.pk}/minutes/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You don't have permission to do this")
    expect(page.get_by_role("link", name="Boards and meetings").last).to_be_visible()
    assert_accessible(page)


def test_locked_minutes_refusal_shows_the_reason_and_passes_axe(page, board, clerk, member, admin_user):
    old = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    later = drafted(board, datetime.date(2030, 3, 10), clerk)
    svc.minutes_publish(meeting=old, user=clerk)
    svc.minutes_confirm(meeting=old, at_meeting=later, user=clerk)
    sign_in(page, admin_user.username)
    page.goto(f"/meetings/{old.pk}/apologies/")
    page.get_by_label("Apologies from").select_option(label=member.person.full_name)
    page.get_by_role("button", name="Send apologies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You don't have permission to do this")
    expect(page.get_by_text("confirmed as a correct record and are locked")).to_be_visible()
    assert_accessible(page)


def test_not_found_page_passes_axe(page, db):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("main").get_by_role("link", name="sign in")).to_be_visible()
    assert_accessible(page)
