"""The agenda pack journey: the clerk publishes, watches it render, downloads both packs; the public
sees the public pack only.

Rendering runs in a real Celery worker started by the shared `live_worker` fixture (tests/worker.py), on
the broker the suite uses, reading the live server's test database through a queue of its own.
"""
import os
import re
import time
from pathlib import Path

import pytest

from meetings.models import AgendaItem, ExemptParagraph
from packs.models import Pack
from tests.packs.factories import page_texts, pack_meeting, report_for
from tests.worker import output

from .conftest import assert_accessible, sign_in, watch_csp_violations

pytestmark = pytest.mark.browser

MARKER = "ZQXJOURNEYEXEMPT"  # appears only in the exempt report


@pytest.fixture
def journey_meeting(board, clerk, member):
    """The standard pack meeting plus an item whose report is exempt (paragraph 3)."""
    meeting = pack_meeting(board)
    item = AgendaItem.objects.create(meeting=meeting, position=7, title="Residential placements contract",
                                     presenter="Report of Director of Commissioning", paper_status="attached")
    report_for(item, "Residential placements contract award", marker=MARKER, is_exempt=True,
               exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Commercial terms.")
    return meeting


def _fetch_pdf(page, href) -> bytes:
    response = page.request.get(href)
    assert response.status == 200, f"{href}: HTTP {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body[:5] == b"%PDF-", f"{href} is not a PDF"
    return body


def _wait_for_ready(page, worker, timeout=150):
    """Both packs say "ready" in the status line; the page polls, it is never reloaded."""
    status = page.locator("#pack-status [role=status]")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = " ".join(status.inner_text().split())
        if ("Members' pack: ready" in text and "Public pack: ready" in text):
            return text
        if "failed" in text:
            pytest.fail(f"the pack failed: {text}")
        if worker["process"].poll() is not None:
            pytest.fail("the worker exited:\n" + output(worker))
        page.wait_for_timeout(500)
    pytest.fail(f"the packs were not ready within {timeout} s; status: {text}\n"
                + output(worker))


@pytest.mark.worker
def test_clerk_publishes_the_pack_and_the_public_gets_the_public_one_only(
        page, browser, live_server, live_worker, journey_meeting):
    meeting = journey_meeting
    meeting_url = meeting.get_absolute_url()

    sign_in(page, "clerk")
    assert_accessible(page)
    page.goto(meeting_url)
    panel = page.get_by_role("region", name="Agenda pack")
    assert "No pack has been published for this meeting yet." in panel.inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Publish pack").click()
    page.get_by_text("The members' and public packs are being built.").wait_for()
    assert page.url.endswith(meeting_url)
    status_text = " ".join(page.locator("#pack-status [role=status]").inner_text().split())
    assert re.search(r"Members' pack: (queued|rendering)", status_text), status_text
    assert_accessible(page)

    # From here the page is never reloaded: a marker set on this document must survive until "ready".
    page.evaluate("window.__packJourneyDocument = 'same'")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    ready_text = _wait_for_ready(page, live_worker)
    assert page.evaluate("window.__packJourneyDocument") == "same"
    assert navigations == [], f"the page was reloaded: {navigations}"
    assert "Out of date" not in ready_text
    assert_accessible(page)

    members_link = page.get_by_role("link", name=re.compile(r"^Download the members' pack \(PDF, \d+ pages"))
    public_link = page.get_by_role("link", name=re.compile(r"^Download the public pack \(PDF, \d+ pages"))
    members_href = members_link.get_attribute("href")
    public_href = public_link.get_attribute("href")
    members_pdf = _fetch_pdf(page, members_href)
    public_pdf = _fetch_pdf(page, public_href)

    members_text = "\n".join(page_texts(members_pdf))
    public_text = "\n".join(page_texts(public_pdf))
    assert MARKER in members_text
    assert MARKER not in public_text
    assert MARKER.encode() not in public_pdf
    assert "Residential placements contract" in public_text and "not for publication" in public_text
    assert "OFFENDINGTEXT" in public_text  # the open papers are in the public pack
    for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
        pack = Pack.objects.get(meeting=meeting, variant=variant, kind=Pack.Kind.MAIN)
        assert pack.state == Pack.State.READY and pack.current_version.number == 1

    # The public: not signed in, sees the public pack only.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900},
                                  locale="en-GB", reduced_motion="reduce")
    try:
        public = context.new_page()
        public.set_default_timeout(15000)
        watch_csp_violations(public)
        public.goto(meeting_url)
        assert_accessible(public)
        links = public.get_by_role("link", name=re.compile(r"^Download the "))
        assert links.count() == 1
        assert links.first.get_attribute("href") == public_href
        assert public.get_by_role("button", name="Publish pack").count() == 0
        assert "members' pack" not in public.locator("main").inner_text().lower()
        assert MARKER not in public.content()
        assert _fetch_pdf(public, public_href) == public_pdf
        assert public.request.get(members_href).status == 404  # not told the members' pack exists
        if os.environ.get("QUORUM_SCREENSHOTS"):
            public.screenshot(path=str(Path(os.environ["QUORUM_SCREENSHOTS"]) / "pack-journey-public.png"),
                              full_page=True)
    finally:
        context.close()
