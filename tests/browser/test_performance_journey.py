"""Performance indicators as an officer and the public take them: the officer enters a quarter with the
keyboard and sees the chart and the table beneath it take the new value; the public reads the page with
small numbers suppressed. axe-core on every page visited."""
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance import periods
from performance.charts import VALUE_COLOUR
from performance.models import IndicatorValue, Target
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

TITLE = "Children in care who offended"


def quarter(n):
    """The start of the financial quarter `n` quarters before the current one."""
    current = periods.period_start_for(timezone.localdate(), "quarterly", "financial")
    return periods.shift(current, "quarterly", -n)


def label(start):
    return periods.label(start, periods.standard_end(start, "quarterly"), "quarterly", "financial")


@pytest.fixture
def offending(board, officer):
    """Three quarters recorded (4, 3 and 2 quarters ago: 3.7%, 3.1%, 2.8% against a 3% target); the
    last completed quarter is still to enter. Two quarters ago had 3 offenders: a small number."""
    indicator = IndicatorFactory(code="CIC-OFF", title=TITLE, boards=[board], responsible_officers=[officer.person])
    for n, numerator, denominator in ((4, 12, 324), (3, 10, 320), (2, 3, 107)):
        IndicatorValueFactory(indicator=indicator, period_start=quarter(n), numerator=Decimal(numerator),
                              denominator=Decimal(denominator))
        Target.objects.create(indicator=indicator, period_start=quarter(n), value=Decimal(3))
    return indicator


def value_points(page):
    """The points on the chart's value line."""
    line = page.locator(f"svg.trend-chart polyline[stroke='{VALUE_COLOUR}']")
    expect(line).to_have_count(1)
    return line.get_attribute("points").split()


def test_officer_enters_a_quarter_with_the_keyboard(page, offending, officer):
    new = quarter(1)
    sign_in(page, "officer")
    assert_accessible(page)
    page.get_by_role("link", name="Performance", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Performance indicators", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"CIC-OFF {TITLE}", level=1)).to_be_visible()
    assert_accessible(page)

    chart = page.get_by_role("img", name=re.compile(r"^CIC-OFF .*: trend"))
    expect(chart).to_have_accessible_name(re.compile(rf"for 3 periods from {label(quarter(4))} to {label(quarter(2))}\."))
    assert len(value_points(page)) == 3
    table = page.get_by_role("table", name=f"CIC-OFF {TITLE}: values by period")
    expect(table.get_by_role("rowheader", name=label(new))).to_have_count(0)
    expect(table).not_to_contain_text("2.5%")

    # The form offers the quarter after the newest recorded; the officer tabs through and types.
    period = page.get_by_label("Period", exact=True)
    period.focus()
    expect(period).to_have_value(new.isoformat())
    page.keyboard.press("Tab")
    expect(page.get_by_label("Numerator: Children who offended")).to_be_focused()
    page.keyboard.type("8")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Denominator: Children in care aged 10 to 17")).to_be_focused()
    page.keyboard.type("326")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Target for this period")).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(f"Saved {label(new)}.")
    assert_accessible(page)

    # The table beneath the chart: the computed percentage, with its RAG in words.
    table = page.get_by_role("table", name=f"CIC-OFF {TITLE}: values by period")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label(new), exact=True))
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("8")
    expect(cells.nth(1)).to_have_text("326")
    expect(cells.nth(2)).to_have_text("2.5%")
    expect(cells.nth(3)).to_have_text("3.0%")
    expect(cells.nth(4)).to_have_text("Green")

    # The chart: one more point, the new quarter on its axis, and its description read out.
    assert len(value_points(page)) == 4
    expect(page.locator("svg.trend-chart text").filter(has_text=label(new))).to_have_count(1)
    expect(chart).to_have_accessible_name(re.compile(
        rf"for 4 periods from {label(quarter(4))} to {label(new)}\. Latest period {label(new)}: 2\.5%, RAG Green\."))

    saved = IndicatorValue.objects.get(indicator=offending, period_start=new)
    assert (saved.numerator, saved.denominator) == (Decimal(8), Decimal(326))


def test_public_reads_an_indicator_with_small_numbers_suppressed(page, offending):
    page.goto("/performance/")
    expect(page.get_by_role("heading", name="Performance indicators", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"CIC-OFF {TITLE}", level=1)).to_be_visible()
    assert_accessible(page)

    table = page.get_by_role("table", name=f"CIC-OFF {TITLE}: values by period (small numbers suppressed)")
    small = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label(quarter(2)), exact=True))
    expect(small.get_by_role("cell").nth(0)).to_have_text("c")
    expect(small.get_by_role("cell").nth(2)).to_have_text("c")
    expect(small).not_to_contain_text("2.8%")
    shown = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label(quarter(4)), exact=True))
    expect(shown.get_by_role("cell").nth(2)).to_have_text("3.7%")
    # The suppressed quarter leaves a gap in the chart: two points, and no value or RAG for it said aloud.
    chart = page.get_by_role("img", name=re.compile(r"^CIC-OFF .*: trend"))
    expect(chart).to_have_accessible_name(re.compile(rf"Latest period {label(quarter(2))}: suppressed \(small number\)\."))
    assert len(page.locator(f"svg.trend-chart polyline[stroke='{VALUE_COLOUR}']").get_attribute("points").split()) == 2
    # The public enters nothing.
    expect(page.get_by_role("heading", name="Enter or correct a value")).to_have_count(0)
    expect(page.get_by_role("button", name="Save value")).to_have_count(0)
