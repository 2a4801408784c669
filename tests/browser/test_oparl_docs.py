"""The API's page for people: reached from the footer of every page, axe-clean, readable at 320 px
without sideways scrolling, and its links (the System object, the OpenAPI description) work."""
import json

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_developer_finds_the_api_from_the_footer_and_reads_it_at_any_width(page, board):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data API (OParl)").click()
    page.wait_for_url("**/oparl/")
    assert page.get_by_role("heading", level=1).inner_text() == "Open data API (OParl 1.1)"
    assert_accessible(page)
    assert "/oparl/v1.1/" in page.get_by_text("/oparl/v1.1/", exact=False).first.inner_text()

    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert_accessible(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 320px"

    page.get_by_role("link", name="the OpenAPI description (JSON)").click()
    description = json.loads(page.locator("body").inner_text())
    assert description["openapi"].startswith("3.1") and "/oparl/v1.1/meeting/{id}/" in description["paths"]
