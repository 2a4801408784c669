"""A performance report frozen into the pack does not change when a value is corrected later."""
import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from performance import services
from performance.models import Indicator

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory, quarter_starts


@pytest.fixture
def offending(board):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board], reporting_lag=2)
    for start in quarter_starts(datetime.date(2012, 4, 1), 4):
        IndicatorValueFactory(indicator=indicator, period_start=start, numerator=Decimal(8), denominator=Decimal(326))
    return indicator


def test_correction_after_freezing_changes_the_page_but_not_the_report(client, offending, board, clerk, officer, member):
    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=False, as_of=datetime.date(2013, 4, 20))
    html_before = render_to_string("performance/_performance_snapshot.html", {"snapshot": snapshot})
    services.indicator_value_record(indicator=offending, period_start=datetime.date(2012, 7, 1), user=officer,
                                    numerator=Decimal(20), denominator=Decimal(326))
    snapshot.refresh_from_db()
    html_after = render_to_string("performance/_performance_snapshot.html", {"snapshot": snapshot})
    assert html_after == html_before
    assert "2.5%" in html_after and "6.1%" not in html_after
    client.force_login(member)
    assert "6.1%" in client.get(offending.get_absolute_url()).content.decode()


def test_latest_period_respects_two_quarters_in_arrears(offending, board, clerk):
    # On 20 April 2013 (Q1 2013/14), two quarters in arrears is Q3 2012/13; Q4 is not yet reportable.
    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=False, as_of=datetime.date(2013, 4, 20))
    item = snapshot.rows["indicators"][0]
    assert item["latest"]["period"] == "Q3 2012/13"
    assert [p["period"] for p in item["series"]["points"]] == ["Q1 2012/13", "Q2 2012/13", "Q3 2012/13"]


def test_clerk_chosen_periods_override_the_lag(offending, board, clerk):
    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=False, indicators=[offending],
                                                    periods=[datetime.date(2012, 4, 1), datetime.date(2013, 1, 1)])
    assert [p["period"] for p in snapshot.rows["indicators"][0]["series"]["points"]] == ["Q1 2012/13", "Q4 2012/13"]


def test_summary_gives_rag_as_a_word_as_well_as_a_colour(board, clerk):
    a1 = IndicatorFactory(code="A1", unit=Indicator.Unit.WEEKS, decimal_places=0, frequency=Indicator.Frequency.ANNUAL,
                          rag_basis=Indicator.RagBasis.THRESHOLDS, green_threshold=Decimal(91), boards=[board])
    IndicatorValueFactory(indicator=a1, numerator=None, denominator=None, value=Decimal(95))
    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=True, as_of=datetime.date(2013, 11, 18))
    html = render_to_string("performance/_performance_snapshot.html", {"snapshot": snapshot})
    assert '<span class="rag rag-red"' in html and ">Red</span>" in html and "95 weeks" in html
