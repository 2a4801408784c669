"""What axe-core does not check, on every page the browser journeys visit (the page list of
test_every_page_accessible): the page reflows at 320 CSS pixels with no horizontal scrolling
(WCAG 1.4.10), form-field borders stand out 3:1 from the page (WCAG 1.4.11), each page's title
names its object so two edit pages are never called the same (WCAG 2.4.2), and every page's
footer links to the accessibility statement.
"""
import pytest
from django.urls import reverse

from meetings.models import Meeting

from .conftest import assert_no_csp_violations, sign_in, watch_csp_violations
from .test_every_page_accessible import _pages, demo  # noqa: F401  (the demo fixture)

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 720}

# The contrast of each visible field's border against what is behind the field (WCAG 2 relative
# luminance; a translucent border is blended over that background first).
FIELD_CONTRAST_JS = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const behind = (el) => { for (let e = el.parentElement; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) return c; } return [255, 255, 255, 1]; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const out = [];
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea, [contenteditable=true]');
  for (const el of fields) {
    const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') continue;
    // A checkbox or radio the browser draws itself has Chromium's own #767676 edge (4.5:1).
    if (['checkbox', 'radio'].includes(el.type) && s.appearance !== 'none') continue;
    const bg = behind(el); let b = parse(s.borderTopColor);
    if (parseFloat(s.borderTopWidth) === 0 || !b) { out.push({field: el.outerHTML.slice(0, 80), ratio: 1}); continue; }
    b = [0, 1, 2].map((i) => b[i] * b[3] + bg[i] * (1 - b[3]));
    const [hi, lo] = [lum(b), lum(bg)].sort((x, y) => y - x);
    out.push({field: el.outerHTML.slice(0, 80), ratio: (hi + 0.05) / (lo + 0.05)});
  }
  return out;
}
"""


def _narrow_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=NARROW, locale="en-GB", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15000)
    watch_csp_violations(page)
    return context, page


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"


def test_every_page_reflows_at_320_pixels_and_its_field_borders_contrast_3_to_1(browser, live_server, demo):  # noqa: F811
    public_pages, clerk_pages = _pages(demo)
    context, page = _narrow_page(browser, live_server)
    try:
        too_wide, faint, no_statement = [], [], []
        for who, urls in (("public", public_pages + [reverse("accessibility")]), ("clerk", clerk_pages)):
            if who == "clerk":
                sign_in(page, "clerk", "clerk-demo-2013")
            for url in urls:
                _visit(page, url)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > NARROW["width"]:
                    too_wide.append(f"{url} ({who}) is {width}px wide")
                for field in page.evaluate(FIELD_CONTRAST_JS):
                    if field["ratio"] < 3:
                        faint.append(f"{url}: {field['field']} border {field['ratio']:.2f}:1")
                if page.locator("footer").get_by_role("link", name="Accessibility statement").count() != 1:
                    no_statement.append(url)
        assert not too_wide, "Pages scroll sideways at 320px:\n" + "\n".join(too_wide)
        assert not faint, "Field borders under 3:1:\n" + "\n".join(faint[:40])
        assert not no_statement, "No accessibility statement link in the footer of:\n" + "\n".join(no_statement)
        assert_no_csp_violations(page)
    finally:
        context.close()


def test_wide_tables_scroll_in_their_own_labelled_focusable_region(browser, live_server, demo):  # noqa: F811
    """A table wider than the screen scrolls inside a region a keyboard user can reach and hear named."""
    _, clerk_pages = _pages(demo)
    context, page = _narrow_page(browser, live_server)
    try:
        sign_in(page, "clerk", "clerk-demo-2013")
        unreachable = []
        for url in clerk_pages:
            _visit(page, url)
            unreachable += [f"{url}: {t}" for t in page.evaluate("""() => {
              const out = [];
              for (const t of document.querySelectorAll('table')) {
                if (t.scrollWidth <= t.parentElement.clientWidth + 1 && t.getBoundingClientRect().width <= 320) continue;
                const box = t.closest('[role=region][tabindex="0"][aria-label]');
                if (!box || !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) out.push(t.caption ? t.caption.textContent.trim() : t.outerHTML.slice(0, 60));
              }
              return out; }""")]
        assert not unreachable, "Wide tables not in a focusable scrolling region:\n" + "\n".join(unreachable)
        assert_no_csp_violations(page)
    finally:
        context.close()


def test_each_page_title_names_its_object(page, demo):  # noqa: F811
    """No two pages share a title; the edit pages of two meetings are told apart by date."""
    _, clerk_pages = _pages(demo)
    sign_in(page, "clerk", "clerk-demo-2013")
    titles = {}
    for url in clerk_pages:
        _visit(page, url)
        titles.setdefault(page.title(), []).append(url)
    shared = {title: urls for title, urls in titles.items() if len(urls) > 1}
    assert not shared, f"Pages share a title: {shared}"

    september = Meeting.objects.get(board=demo, date="2013-09-23")
    _visit(page, reverse("meetings:edit", args=[september.pk]))
    assert page.title() == "Edit meeting 23 September 2013 – Quorum"
    november = Meeting.objects.get(board=demo, date="2013-11-18")
    _visit(page, reverse("meetings:edit", args=[november.pk]))
    assert page.title() == "Edit meeting 18 November 2013 – Quorum"
