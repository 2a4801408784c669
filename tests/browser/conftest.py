"""Browser tests: Debian's Chromium driven by Playwright, axe-core on every page visited."""
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the tests still talk to the database directly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("QUORUM_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "quorum-test-pass"


@pytest.fixture(scope="module")
def browser():
    """A fresh Chromium per test module: a long-lived browser was seen to hang on closing a page."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


# Reports each Content-Security-Policy violation to the test (the binding is not subject to the policy).
RECORD_CSP_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__quorumCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber} ${e.sample || ''}`);
});
"""


def watch_csp_violations(pg):
    """Collect every CSP violation on `pg` (the DOM event and Chromium's "Refused to …" console line)."""
    pg.csp_violations = []
    pg.expose_binding("__quorumCspViolation", lambda source, text: pg.csp_violations.append(f"{pg.url}: {text}"))
    pg.add_init_script(RECORD_CSP_VIOLATIONS)
    pg.on("console", lambda m: pg.csp_violations.append(f"{pg.url}: {m.text}")
          if "Content Security Policy" in m.text else None)


def assert_no_csp_violations(page):
    """Nothing on the pages visited so far was blocked by the Content-Security-Policy."""
    assert not page.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(page.csp_violations)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  reduced_motion="reduce")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    watch_csp_violations(pg)
    yield pg
    if os.environ.get("QUORUM_SCREENSHOTS"):
        Path(os.environ["QUORUM_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(os.environ["QUORUM_SCREENSHOTS"]) / "last.png"), full_page=True)
    context.close()
    assert_no_csp_violations(pg)


def assert_accessible(page):
    """axe-core (WCAG 2.0/2.1/2.2 A and AA rules) reports no violations on the current page, and
    the Content-Security-Policy blocked nothing on the pages visited so far."""
    assert_no_csp_violations(page)
    # A click that navigates may still be loading the next page: axe goes into the page that is there.
    page.wait_for_load_state("load")
    # From our static files, as the policy allows (an inline copy would itself be blocked).
    page.add_script_tag(url="/static/vendor/axe.min.js")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in result["violations"]
    ]
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(violations)


def sign_in(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def assert_reflows_at_320(page):
    """WCAG 1.4.10: the current page, narrowed to 320 CSS pixels, needs no sideways scrolling.
    The viewport is put back afterwards."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 720})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width}px wide at 320px"
    finally:
        page.set_viewport_size(size)


def check_page(page):
    """axe-core finds nothing and the page reflows at 320px."""
    assert_accessible(page)
    assert_reflows_at_320(page)
