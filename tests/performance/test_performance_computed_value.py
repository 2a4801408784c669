"""The value is computed from numerator and denominator, never typed."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from performance import services
from performance.figures import compute_value, format_value
from performance.models import Indicator

from tests.performance.factories import IndicatorFactory


def test_8_out_of_326_is_2_point_5_percent():
    value = compute_value(unit="percentage", numerator=Decimal(8), denominator=Decimal(326), value=None)
    assert value == Decimal("2.4540")
    assert format_value(value, "percentage", 1) == "2.5%"


def test_rate_per_10000():
    value = compute_value(unit="rate_10k", numerator=Decimal(560), denominator=Decimal(95000), value=None)
    assert format_value(value, "rate_10k", 1) == "58.9"


@pytest.mark.django_db
def test_officer_records_numerator_and_denominator_and_the_service_stores_the_percentage(board, officer):
    indicator = IndicatorFactory(boards=[board])
    row = services.indicator_value_record(indicator=indicator, period_start=datetime.date(2012, 10, 1), user=officer,
                                          numerator=Decimal(8), denominator=Decimal(326), value=Decimal(99))
    row.refresh_from_db()
    assert row.value == Decimal("2.4540")  # the typed 99 is ignored
    assert row.period_end == datetime.date(2012, 12, 31)
    assert row.history.first().history_user == officer


@pytest.mark.django_db
def test_a_zero_denominator_is_refused_naming_the_field(board, officer):
    indicator = IndicatorFactory(boards=[board])
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_record(indicator=indicator, period_start=datetime.date(2012, 10, 1), user=officer,
                                        numerator=Decimal(8), denominator=Decimal(0))
    assert "denominator" in exc.value.message_dict


@pytest.mark.django_db
def test_a_period_that_does_not_start_a_quarter_is_refused(board, officer):
    indicator = IndicatorFactory(boards=[board], unit=Indicator.Unit.COUNT)
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_record(indicator=indicator, period_start=datetime.date(2012, 11, 1), user=officer,
                                        numerator=Decimal(3))
    assert "period_start" in exc.value.message_dict
