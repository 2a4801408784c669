"""The pack reader in Chromium: a member finds words with the pack search, highlights them and adds
a note with the keyboard; the clerk republishes the pack after editing another report, and the
note is still on the same words. Offline: a note made with the network cut is saved once the
device is back online. axe-core runs on the reader and on My notes.
"""
import re

import pytest

from meetings.demo import load_demo
from meetings.models import Meeting
from packs.models import Pack
from packs.services import pack_build
from reader.models import Annotation
from tests.packs.factories import page_texts

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.worker]

NOTE = "Ask how the 91-week threshold compares with neighbours"


@pytest.fixture
def demo(db):
    """The demo board as `manage.py load_demo` loads it (minutes, plans, indicators), packs built here."""
    import importlib

    from quorum.management.commands.load_demo import link_demo_papers

    board = load_demo()
    for app in ("minutes.demo", "actions.demo", "performance.demo"):
        importlib.import_module(app).load_demo(board)
    link_demo_papers(board)
    meeting = Meeting.objects.get(date="2013-11-18")
    for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
        pack_build(meeting_id=meeting.pk, variant=variant)
    return meeting


def _open_reader(page, meeting):
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Read the members' pack in the browser").click()
    page.wait_for_selector("#reader[data-ready=true]")
    page.locator(".reader-page.is-rendered").first.wait_for()


def _keyboard_press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def _find(page, words):
    _keyboard_press(page, page.get_by_role("button", name="Search", exact=True))
    page.get_by_label("Words to find").fill(words)
    page.keyboard.press("Enter")
    results = page.locator("#search-results button")
    results.first.wait_for()
    return results


def _rect(page, selector):
    return page.locator(selector).first.bounding_box()


def test_member_highlights_found_words_adds_a_note_by_keyboard_and_it_survives_a_republish(
        page, live_server, demo, live_worker):
    meeting = demo
    sign_in(page, "member", "member-demo-2013")
    _open_reader(page, meeting)
    v1 = Pack.objects.get(meeting=meeting, variant="members", kind="main").current_version
    assert page.get_by_role("status").filter(has_text="Page 1 of").first.inner_text() == f"Page 1 of {v1.page_count}"
    assert_accessible(page)

    results = _find(page, "adoption scorecard")
    assert page.locator("#search-status").inner_text().startswith("1 match")
    hit_label = results.first.inner_text()
    page_number = int(re.match(r"Page (\d+):", hit_label).group(1))
    _keyboard_press(page, results.first)
    page.locator(".reader-hit.is-active").wait_for()
    # The reader's page number is the one printed at the foot of that page of the PDF.
    assert f"Page {page_number} of {v1.page_count}" in page.locator("#page-status").inner_text()
    with v1.file.open("rb") as f:
        printed = page_texts(f.read())[page_number - 1]
    assert f"Page {page_number} of {v1.page_count}" in " ".join(printed.split())
    assert "adoption scorecard" in " ".join(printed.split()).lower()

    _keyboard_press(page, page.get_by_role("button", name="Highlight", exact=True))
    page.locator(f'.reader-page[data-page="{page_number}"] .reader-highlight').first.wait_for()
    _keyboard_press(page, page.get_by_role("button", name="Add note", exact=True))
    dialog = page.get_by_role("dialog", name="Add note")
    dialog.wait_for()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Save note"
    notes_tab = page.get_by_role("button", name="My notes", exact=True)
    _keyboard_press(page, notes_tab)
    note_item = page.locator("#notes-list article").filter(has_text=NOTE)
    note_item.wait_for()
    assert "adoption scorecard" in note_item.inner_text()
    assert f"Page {page_number}" in note_item.inner_text()
    saved = Annotation.objects.get(owner__username="member")
    assert saved.quote_exact.lower() == "adoption scorecard" and saved.note == NOTE
    assert_accessible(page)

    # The clerk edits another report and republishes the pack (the worker builds it).
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "clerk", "clerk-demo-2013")
    report = meeting.items.get(title="Reducing Offending Behaviour").reports.get()
    report.summary = report.summary + " The figures for the second quarter are now included."
    report.save()
    page.goto(meeting.get_absolute_url())
    page.get_by_role("button", name="Publish pack").click()
    page.get_by_text("The members' and public packs are being built.").wait_for()
    for _ in range(300):
        pack = Pack.objects.get(meeting=meeting, variant="members", kind="main")
        if pack.current_version_id != v1.pk and pack.state == Pack.State.READY:
            break
        page.wait_for_timeout(500)
    else:
        pytest.fail("the republished pack was not built: " + live_worker["log"].read_text()[-3000:])
    v2 = pack.current_version
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "member", "member-demo-2013")
    _open_reader(page, meeting)
    assert page.url.endswith(f"/reader/versions/{v2.pk}/")
    changed = page.get_by_role("region", name=re.compile("Changed since you last read it"))
    assert "Reducing Offending Behaviour" in changed.inner_text()
    assert "Adoption" not in changed.inner_text()
    _keyboard_press(page, page.get_by_role("button", name="My notes", exact=True))
    note_item = page.locator("#notes-list article").filter(has_text=NOTE)
    note_item.wait_for()
    assert f"Page {page_number}" in note_item.inner_text()
    assert page.locator("#unplaced-list article").count() == 0
    # Still on the same words: the highlight covers exactly where the search finds them.
    results = _find(page, "adoption scorecard")
    _keyboard_press(page, results.first)
    hit = _rect(page, ".reader-hit.is-active")
    highlight = _rect(page, f'.reader-page[data-page="{page_number}"] .reader-highlight')
    assert highlight is not None and hit is not None
    assert abs(hit["x"] - highlight["x"]) < 2 and abs(hit["y"] - highlight["y"]) < 2
    assert abs(hit["width"] - highlight["width"]) < 2
    assert_accessible(page)

    page.goto("/reader/my-notes/")
    assert NOTE in page.locator("main").inner_text()
    assert_accessible(page)


def test_a_note_made_offline_is_saved_when_the_device_is_back_online(page, live_server, demo):
    meeting = demo
    sign_in(page, "member", "member-demo-2013")
    _open_reader(page, meeting)
    _keyboard_press(page, page.get_by_role("button", name="Make available offline"))
    page.get_by_text("Available offline on this device").wait_for()
    assert page.evaluate("async () => (await caches.keys()).length") == 1
    kept = page.evaluate("async () => (await (await caches.open('quorum-reader-v1')).keys()).map(r => new URL(r.url).pathname)")
    assert any(p.endswith("/pack.pdf") for p in kept) and any(p.endswith("/notes/") for p in kept)

    page.context.set_offline(True)
    page.reload()  # served by the service worker from what was kept
    page.wait_for_selector("#reader[data-ready=true]")
    _keyboard_press(page, page.get_by_role("button", name="Note on this page"))
    page.keyboard.type("Written on the train")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("change(s) waiting to be saved").wait_for()
    assert not Annotation.objects.filter(note="Written on the train").exists()

    page.context.set_offline(False)
    for _ in range(60):
        if Annotation.objects.filter(owner__username="member", note="Written on the train").exists():
            break
        page.wait_for_timeout(250)
    else:
        pytest.fail("the offline note was not saved once back online")

    # Signing out clears what was kept on the device (the exempt papers of the members' pack with it).
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    assert page.evaluate("async () => (await caches.keys()).length") == 0
