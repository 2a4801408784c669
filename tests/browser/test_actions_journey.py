"""Action plans as an officer and a board member take them: the officer keeps an action current with
the keyboard alone; the member reads the plan and its RAG summary. axe-core on every page visited."""
import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action, Rag
from meetings.models import Meeting
from tests.actions.factories import plan_with_two_leads

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

UPDATE_TEXT = "Communication channels agreed with Notts Police and the County Council."
REASON = "Channels in place and in use."


@pytest.fixture
def plan_since_last_meeting(board, officer, other_officer, clerk):
    """The CSE plan with 1.1 led by the officer and 1.2 by another officer; the board met a month ago
    and meets again in three weeks."""
    today = timezone.localdate()
    Meeting.objects.create(board=board, date=today - datetime.timedelta(days=30), start_time=datetime.time(14),
                           venue="Loxley House")
    Meeting.objects.create(board=board, date=today + datetime.timedelta(days=21), start_time=datetime.time(14),
                           venue="Loxley House")
    plan, section, mine, theirs = plan_with_two_leads(board, officer, other_officer, user=clerk)
    return plan, mine, theirs


def press_link(page, name):
    """Follow a link as a keyboard user does: focus it, press Enter."""
    page.get_by_role("link", name=name, exact=True).first.focus()
    page.keyboard.press("Enter")


def test_officer_updates_an_action_and_its_rag_with_the_keyboard_alone(page, plan_since_last_meeting):
    plan, mine, theirs = plan_since_last_meeting
    sign_in(page, "officer")
    assert_accessible(page)

    press_link(page, "My actions")
    expect(page.get_by_role("heading", name="My actions", level=1)).to_be_visible()
    page.wait_for_load_state()  # htmx is ready for the Update links
    assert_accessible(page)
    my_actions = page.get_by_role("table", name="Actions you lead")
    row = my_actions.get_by_role("row").filter(has_text="Establish communication channels")
    expect(row).to_have_count(1)
    # Only the action the officer leads is listed: no way in to the other officer's action.
    expect(my_actions).not_to_contain_text("Establish a training working group")
    expect(page.get_by_role("link", name="Update action 1.2")).to_have_count(0)
    rag_cell = row.get_by_role("cell").nth(2)
    expect(rag_cell).to_contain_text("Not rated")

    # Enter on "Update" opens the form in place of the row, with the cursor in the progress update.
    press_link(page, "Update action 1.1")
    form = page.get_by_role("form", name=re.compile(r"^Update action 1\.1"))
    expect(form).to_be_visible()
    progress = form.get_by_label("Progress update")
    expect(progress).to_be_focused()
    assert_accessible(page)

    page.keyboard.type(UPDATE_TEXT)
    page.keyboard.press("Tab")
    rag = form.get_by_label("RAG rating", exact=True)
    expect(rag).to_be_focused()
    # Not rated → Red → Amber → Green, with the arrow keys.
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(rag).to_have_value("green")
    page.keyboard.press("Tab")
    expect(form.get_by_label("Reason for a change of RAG rating")).to_be_focused()
    page.keyboard.type(REASON)
    page.keyboard.press("Tab")
    expect(form.get_by_label("Mark the action complete (sets the rating to Blue)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_label("Date it happened (optional)")).to_be_focused()  # left empty: today
    save = form.get_by_role("button", name="Save update")
    for _ in range(5):  # Chromium's date input: Tab stops for day, month, year and its picker
        page.keyboard.press("Tab")
        if save.evaluate("b => b === document.activeElement"):
            break
    expect(save).to_be_focused()
    page.keyboard.press("Enter")

    # The row comes back saved, with the new rating in words, and the keyboard user keeps their place.
    row = my_actions.get_by_role("row").filter(has_text="Establish communication channels")
    expect(row.get_by_role("status")).to_have_text("Saved.")
    rag_cell = row.get_by_role("cell").nth(2)
    expect(rag_cell).to_contain_text("Green")
    expect(rag_cell).not_to_contain_text("Not rated")
    expect(row.get_by_role("cell").nth(1)).to_contain_text(timezone.localdate().strftime("%-d %B %Y"))
    expect(page.get_by_role("link", name="Update action 1.1")).to_be_focused()
    assert_accessible(page)
    mine.refresh_from_db()
    assert mine.rag == Rag.GREEN

    # Enter again reopens the form, now showing the new rating; Cancel brings the row back, focus and all.
    page.keyboard.press("Enter")
    form = page.get_by_role("form", name=re.compile(r"^Update action 1\.1 \(now Green"))
    expect(form.get_by_label("Progress update")).to_be_focused()  # htmx has settled the form in place
    expect(form.get_by_label("RAG rating", exact=True)).to_have_value("green")
    form.get_by_role("link", name="Cancel").focus()
    page.keyboard.press("Enter")
    expect(form).to_have_count(0)
    expect(page.get_by_role("link", name="Update action 1.1")).to_be_focused()
    assert_accessible(page)

    # The action's page shows the update under "Progress to date" and the change in the RAG history.
    press_link(page, "1.1")
    expect(page.get_by_role("heading", name="Action 1.1", level=1)).to_be_visible()
    progress_section = page.get_by_role("region", name="Progress to date")
    expect(progress_section).to_contain_text(UPDATE_TEXT)
    history = page.get_by_role("table", name="Every change of RAG rating, newest first")
    change = history.get_by_role("row").filter(has_text=REASON)
    expect(change).to_have_count(1)
    expect(change.get_by_role("cell").nth(2)).to_contain_text("Not rated")
    expect(change.get_by_role("cell").nth(3)).to_contain_text("Green")
    assert_accessible(page)

    # The plan page: the officer may update 1.1 and sees its progress; nothing lets them change 1.2.
    page.goto(plan.get_absolute_url())
    assert_accessible(page)
    plan_row = page.get_by_role("row").filter(has_text="Establish communication channels")
    expect(plan_row).to_contain_text(UPDATE_TEXT)
    expect(plan_row.get_by_role("cell").last).to_contain_text("Green")
    expect(page.get_by_role("link", name="Update action 1.1")).to_be_visible()
    expect(page.get_by_role("link", name="Update action 1.2")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^Edit"))).to_have_count(0)

    # 1.2's own page: readable, but with no form to update it, and the update address refuses them.
    page.goto(theirs.get_absolute_url())
    expect(page.get_by_role("heading", name="Action 1.2", level=1)).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Add progress and set the RAG rating")).to_have_count(0)
    expect(page.get_by_label("Progress update")).to_have_count(0)
    expect(page.get_by_role("button", name="Save update")).to_have_count(0)
    assert page.request.get(f"/plans/actions/{theirs.pk}/update/").status == 403
    theirs.refresh_from_db()
    assert theirs.rag == Rag.NONE and not theirs.progress_updates.exists()


def test_member_reads_the_plan_and_its_rag_summary(page, plan_since_last_meeting, officer, member):
    from actions import services

    plan, mine, theirs = plan_since_last_meeting
    services.action_progress_add(action=Action.objects.get(pk=mine.pk), user=officer, text=UPDATE_TEXT,
                                 rag=Rag.GREEN, reason=REASON)
    services.action_progress_add(action=Action.objects.get(pk=theirs.pk), user=None, text="Group not yet formed",
                                 rag=Rag.AMBER)
    sign_in(page, "member")
    assert_accessible(page)
    press_link(page, "Action plans")
    expect(page.get_by_role("heading", name="Action plans", level=1)).to_be_visible()
    assert_accessible(page)
    press_link(page, plan.title)
    expect(page.get_by_role("heading", name=plan.title, level=1)).to_be_visible()
    assert_accessible(page)

    # The RAG summary counts each rating, named in words.
    summary = page.get_by_role("table", name="Actions by RAG rating (2 in all)")
    for word, count in (("Red", "0"), ("Amber", "1"), ("Green", "1"), ("Blue", "0"), ("Not rated", "0")):
        summary_row = summary.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(f"^{word}")))
        # A count above 0 is also a link that shows only those actions ("1 Amber: show only these").
        expect(summary_row.get_by_role("cell")).to_have_text(re.compile(rf"^{count}\b"))

    # What changed since the board last met, by word: 1.1 Not rated → Green, with the reason.
    changes = page.get_by_role("table", name=re.compile(r"^RAG changes since"))
    change = changes.get_by_role("row").filter(has_text=REASON)
    expect(change.get_by_role("cell").nth(1)).to_contain_text("Not rated")
    expect(change.get_by_role("cell").nth(2)).to_contain_text("Green")
    expect(page.get_by_role("region", name="Changed since the last meeting")).to_contain_text(
        "2 RAG changes, 2 actions with a new progress update")

    # The actions, each with its lead, progress and RAG in words; a member updates nothing.
    row = page.get_by_role("row").filter(has_text="Establish communication channels")
    expect(row).to_contain_text(UPDATE_TEXT)
    expect(row.get_by_role("cell").last).to_contain_text("Green")
    row = page.get_by_role("row").filter(has_text="Establish a training working group")
    expect(row.get_by_role("cell").last).to_contain_text("Amber")
    expect(page.get_by_role("link", name=re.compile(r"^Update action"))).to_have_count(0)

    press_link(page, "1.1")
    expect(page.get_by_role("heading", name="Action 1.1", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Progress to date")).to_contain_text(UPDATE_TEXT)
    expect(page.get_by_label("Progress update")).to_have_count(0)
    assert_accessible(page)
