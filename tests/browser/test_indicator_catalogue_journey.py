"""The indicator catalogue in a browser: the clerk adds an indicator, sets a period's target and
comparators, and withdraws a mistaken value. axe-core and 320px reflow on every page visited."""
import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from performance.models import Indicator, IndicatorValue
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_clerk_keeps_the_catalogue_and_withdraws_a_value(page, board, clerk, officer):
    existing = IndicatorFactory(code="PS1", title="Placement stability", boards=[board])
    mistaken = IndicatorValueFactory(indicator=existing, period_start=datetime.date(2012, 4, 1), numerator=Decimal(99))
    sign_in(page, "clerk")
    page.get_by_role("link", name="Performance", exact=True).click()
    page.get_by_role("link", name="Add an indicator").click()
    expect(page.get_by_role("heading", name="Add an indicator", level=1)).to_be_visible()
    check_page(page)
    page.get_by_role("textbox", name="Code*").fill("CIC-OFF")
    page.get_by_role("textbox", name="Title*").fill("Children in care who offended")
    page.get_by_role("textbox", name="Definition*").fill("Cautioned or convicted while looked after.")
    page.get_by_role("textbox", name="Numerator label").fill("Offenders")
    page.get_by_role("textbox", name="Denominator label").fill("Cohort aged 10 to 17")
    page.get_by_role("textbox", name="Source*").fill("YOT case system")
    page.get_by_role("checkbox", name=board.name).check()
    page.get_by_role("checkbox", name=officer.person.full_name).check()
    page.get_by_role("button", name="Add indicator").click()
    expect(page.get_by_role("heading", name="CIC-OFF Children in care who offended", level=1)).to_be_visible()
    check_page(page)
    assert list(Indicator.objects.get(code="CIC-OFF").responsible_officers.all()) == [officer.person]

    page.get_by_role("link", name="Targets and comparators").click()
    check_page(page)
    page.get_by_label("Period starting").fill("2013-04-01")
    page.get_by_role("spinbutton", name="Target").fill("3")
    page.get_by_role("spinbutton", name="England").fill("2.9")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: target, England.")).to_be_visible()
    check_page(page)

    page.goto(existing.get_absolute_url())
    page.get_by_role("link", name="Withdraw Q1 2012/13").click()
    check_page(page)
    page.get_by_label("Why is this value withdrawn?").fill("Entered against the wrong quarter")
    page.get_by_role("button", name="Withdraw value").click()
    expect(page.get_by_role("heading", name="Withdrawn values")).to_be_visible()
    check_page(page)
    assert IndicatorValue.all_objects.get(pk=mistaken.pk).withdrawn_at is not None
