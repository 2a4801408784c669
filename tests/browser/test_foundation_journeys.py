"""The foundation's main journeys, as a keyboard and screen-reader user would take them."""
import datetime

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Report

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_clerk_builds_and_publishes_an_agenda(page, board, clerk):
    sign_in(page, "clerk")
    assert_accessible(page)
    page.get_by_role("link", name="Corporate Parenting Board").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a meeting").click()
    assert_accessible(page)
    meeting_date = timezone.localdate() + datetime.timedelta(days=60)
    page.get_by_label("Date").fill(meeting_date.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_role("button", name="Schedule meeting").click()

    # The standard items are there by themselves.
    agenda = page.get_by_role("list", name="Agenda items")
    for title in ("APOLOGIES FOR ABSENCE", "DECLARATIONS OF INTERESTS", "MINUTES"):
        assert agenda.get_by_role("link", name=title, exact=True).is_visible()
    assert_accessible(page)

    page.get_by_label("Title").fill("Fostering annual report")
    page.get_by_label("Presenter").fill("Report of Director of Safeguarding")
    page.get_by_label("Paper status").select_option(label="Attached")
    page.get_by_role("button", name="Add item").click()
    page.get_by_label("Title").fill("Residential contract award")
    page.get_by_label("Exempt from publication (Schedule 12A)").check()
    page.get_by_label("Schedule 12A paragraph").select_option("3")
    page.get_by_label("Exempt reason").fill("Commercially sensitive bid prices")
    page.get_by_role("button", name="Add item").click()
    assert_accessible(page)

    # Reorder with the keyboard: focus "Move up" on the fostering report and press Enter.
    move_up = page.get_by_role("button", name="Move up “Fostering annual report”")
    move_up.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="is now item 3").wait_for()
    meeting = Meeting.objects.get(date=meeting_date)
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
        "Apologies for absence", "Declarations of interests", "Fostering annual report", "Minutes",
        "Exclusion of the public", "Residential contract award",  # the standard item before the first exempt one
    ]
    # Focus stays on the moved item's buttons for the next key press.
    assert page.evaluate("document.activeElement.textContent").startswith("Move up “Fostering annual report”")
    assert_accessible(page)

    page.get_by_role("button", name="Publish agenda").click()
    page.get_by_text("Agenda published.").wait_for()
    assert Meeting.objects.get(pk=meeting.pk).is_published
    assert_accessible(page)

    page.get_by_role("link", name="Agenda front sheet (printable)").click()
    assert page.get_by_role("heading", name="Agenda").is_visible()
    assert_accessible(page)


def test_officer_writes_and_submits_a_report(page, board, officer, clerk):
    meeting = Meeting.objects.create(board=board, date=timezone.localdate() + datetime.timedelta(days=40),
                                     start_time=datetime.time(14), venue="Loxley House")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Reducing Offending Behaviour")
    sign_in(page, "officer")
    page.get_by_role("link", name="My reports").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write a report for the Corporate Parenting Board").click()
    page.get_by_label("Agenda item").select_option(index=1)
    page.get_by_label("Title of paper").fill("Reducing Offending Behaviour")
    page.get_by_label("Director(s) / corporate director(s)").fill("Helen Blackman, Acting Director of Safeguarding")
    page.get_by_label("Safer Nottingham").check()
    page.get_by_label("Summary of issues (including benefits to customers/service users)").fill("Progress in reducing the criminalisation of children in care.")
    page.get_by_label("Recommendations", exact=True).fill("The Board to note the report")
    background = page.locator("#id_background")
    background.click()
    page.keyboard.type("Offending by children in care fell to 8.7%.")
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved as a draft.").wait_for()
    assert_accessible(page)
    assert page.get_by_text("1.1 Offending by children in care fell to 8.7%.").is_visible()
    page.get_by_role("button", name="Submit to the clerk").click()
    page.get_by_text("Report submitted to the clerk for approval.").wait_for()
    report = Report.objects.get(title="Reducing Offending Behaviour")
    assert report.status == Report.Status.SUBMITTED
    assert report.strategic_priorities.filter(name="Safer Nottingham").exists()
    assert_accessible(page)


def test_public_sees_the_agenda_without_the_exempt_paper(page, board, officer):
    meeting = Meeting.objects.create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                     venue="LB 31/32 at Loxley House, Station Street", agenda_published_at=timezone.now(),
                                     status=Meeting.Status.AGENDA_PUBLISHED)
    open_item = AgendaItem.objects.create(meeting=meeting, position=1, title="Fostering annual report", paper_status="attached")
    exempt = AgendaItem.objects.create(meeting=meeting, position=2, title="Residential contract award", is_exempt=True,
                                       exempt_paragraph=3, exempt_reason="Prices", paper_status="attached")
    Report.objects.create(board=board, agenda_item=open_item, author=officer, title="Fostering annual report 2030",
                          status=Report.Status.PUBLISHED)
    Report.objects.create(board=board, agenda_item=exempt, author=officer, title="Bid prices SECRET-4471",
                          status=Report.Status.PUBLISHED)
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Corporate Parenting Board, Monday 18 November 2030, 2.00pm").click()
    assert_accessible(page)
    assert page.get_by_role("link", name="Fostering annual report 2030").is_visible()
    assert page.get_by_text("RESIDENTIAL CONTRACT AWARD").is_visible()
    assert page.get_by_text("Exempt – paragraph 3").is_visible()
    assert "SECRET-4471" not in page.content()
    page.get_by_role("link", name="Fostering annual report 2030").click()
    assert_accessible(page)
