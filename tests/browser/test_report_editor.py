"""The report editor in a real browser: paragraphs number themselves, a continuation is made with
the keyboard, a table with a header row is added with the keyboard, and what is saved reads on the
report page with the same numbers; an unchanged save changes nothing."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Report

from .conftest import assert_accessible, assert_reflows_at_320, sign_in

pytestmark = pytest.mark.browser


def test_officer_writes_numbered_paragraphs_and_a_table_with_the_keyboard(page, board, officer):
    report = Report.objects.create(board=board, author=officer, title="Reducing Offending Behaviour",
                                   status=Report.Status.DRAFT)
    sign_in(page, "officer")
    page.goto(reverse("meetings:report_edit", args=[report.pk]))
    assert_accessible(page)
    editor = page.get_by_role("textbox", name="4 FINANCIAL IMPLICATIONS (INCLUDING VALUE FOR MONEY)")
    editor.click()
    page.keyboard.type("The post is jointly funded.")
    page.keyboard.press("Enter")
    page.keyboard.type("It benefits the Authority and its partners.")
    # A continuation: the paragraph loses its number (Ctrl+Alt+N), and the button says so.
    page.keyboard.press("Control+Alt+n")
    toolbar = page.get_by_role("toolbar", name="4 FINANCIAL IMPLICATIONS (INCLUDING VALUE FOR MONEY): formatting")
    expect(toolbar.get_by_role("button", name="Numbered paragraph")).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt+n")
    page.keyboard.type("The YOT Lead role is a specialism.")
    page.keyboard.press("Enter")
    # The table: from the toolbar by keyboard (Shift+Tab back to the toolbar would do as well).
    toolbar.get_by_role("button", name="Insert table").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Year")
    page.keyboard.press("Tab")
    page.keyboard.type("Rate")
    page.keyboard.press("Tab")
    page.keyboard.type("Children")
    page.keyboard.press("Tab")
    page.keyboard.type("2012/13")
    page.keyboard.press("Tab")
    page.keyboard.type("8.7%")
    page.keyboard.press("Tab")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    expect(toolbar.get_by_role("button", name="Delete row")).to_be_visible()
    toolbar.get_by_role("button", name="Delete row").click()  # the empty third row
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved.").wait_for()

    report.refresh_from_db()
    assert '<p class="continuation">It benefits the Authority and its partners.</p>' in report.financial
    assert '<thead><tr><th scope="col"><p>Year</p></th><th scope="col"><p>Rate</p></th><th scope="col"><p>Children</p></th></tr></thead>' in report.financial
    assert "<tbody><tr><td><p>2012/13</p></td><td><p>8.7%</p></td><td><p>20</p></td></tr></tbody>" in report.financial
    section = page.locator("#section-4 + .numbered-paragraphs")
    expect(section.locator(".para-no")).to_have_text(["4.1", "4.2"])
    expect(section.get_by_role("columnheader", name="Year")).to_be_visible()
    assert_accessible(page)
    assert_reflows_at_320(page)

    # Opened again and saved without a change: nothing changes, not even the version.
    version, stored = report.version, report.financial
    page.goto(reverse("meetings:report_edit", args=[report.pk]))
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved.").wait_for()
    report.refresh_from_db()
    assert report.financial == stored
