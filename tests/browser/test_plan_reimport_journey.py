"""A plan kept in a spreadsheet, in a browser: the clerk uploads the edited sheet into the existing
plan, reads the preview, confirms; then corrects a progress entry. axe-core and 320px reflow on
every new page."""
import csv
import io

import pytest
from playwright.sync_api import expect

from actions import selectors, spreadsheets
from actions.demo import load_demo
from actions.models import Action, Plan

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def _sheet(plan):
    plan = selectors.plan_with_meetings(plan.pk)
    sections, _ = selectors.plan_tree(plan)
    rows = list(csv.reader(io.StringIO(spreadsheets.export_csv(plan, sections))))
    for row in rows:
        if row and row[0].startswith("2.1 "):
            row[3] = "30 October 2013 – Mapping shared with the County.\n" + row[3]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_clerk_updates_a_plan_from_a_spreadsheet_and_corrects_an_entry(page, board, clerk, tmp_path):
    load_demo(board)
    plan = Plan.objects.get(board=board)
    path = tmp_path / "plan.csv"
    path.write_bytes(_sheet(plan))
    sign_in(page, "clerk")
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Update from a spreadsheet").click()
    check_page(page)
    page.get_by_label("Spreadsheet (.xlsx or .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Preview the changes").click()
    expect(page.get_by_role("heading", name="Preview: nothing is saved until you confirm")).to_be_visible()
    expect(page.get_by_role("heading", name="New progress entries (1)")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Update the plan").click()
    expect(page.get_by_text("Plan updated from the spreadsheet")).to_be_visible()

    action = Action.objects.get(plan=plan, reference="2.1")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Correct or withdraw the update of Wednesday 30 October 2013").click()
    check_page(page)
    page.get_by_label("Reason for the correction or withdrawal").fill("Wrong action")
    page.get_by_role("button", name="Withdraw this entry").click()
    expect(page.get_by_text("Progress entry withdrawn")).to_be_visible()
    assert not action.progress_updates.filter(text="Mapping shared with the County.").exists()


def test_clerk_filters_the_plan_by_rag_and_previews_reminders(page, board, clerk):
    load_demo(board)
    plan = Plan.objects.get(board=board)
    sign_in(page, "clerk")
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Green: show only these").click()
    expect(page.get_by_role("status").filter(has_text="Showing only the actions rated Green.")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Reminders").click()
    expect(page.get_by_role("heading", name="Who would be reminded now")).to_be_visible()
    check_page(page)
