"""RAG ratings respect polarity and thresholds."""
from decimal import Decimal

import pytest

from performance.figures import rag_for
from performance.models import Indicator
from performance.series import indicator_series

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory


def test_95_weeks_against_a_91_week_threshold_is_red():
    assert rag_for(value=Decimal(95), polarity="lower", basis="thresholds", green_threshold=Decimal(91)) == "red"


def test_36_weeks_against_a_30_week_threshold_is_red_and_29_is_green():
    assert rag_for(value=Decimal(36), polarity="lower", basis="thresholds", green_threshold=Decimal(30)) == "red"
    assert rag_for(value=Decimal(29), polarity="lower", basis="thresholds", green_threshold=Decimal(30)) == "green"


def test_the_same_value_is_green_when_higher_is_better():
    assert rag_for(value=Decimal(95), polarity="higher", basis="thresholds", green_threshold=Decimal(91)) == "green"


def test_amber_threshold_gives_amber_between_the_two():
    kwargs = dict(polarity="lower", basis="thresholds", green_threshold=Decimal(91), amber_threshold=Decimal(100))
    assert rag_for(value=Decimal(95), **kwargs) == "amber"
    assert rag_for(value=Decimal(101), **kwargs) == "red"


@pytest.mark.parametrize(
    "value, polarity, expected",
    [
        ("10.0", "lower", "green"),   # on target
        ("10.4", "lower", "amber"),   # 4% worse than 10: within 5%
        ("10.6", "lower", "red"),     # 6% worse
        ("9.6", "higher", "amber"),
        ("9.4", "higher", "red"),
        ("11", "higher", "green"),
        ("11", "neither", None),
    ],
)
def test_target_with_five_percent_tolerance(value, polarity, expected):
    assert rag_for(value=Decimal(value), polarity=polarity, basis="target", target=Decimal(10),
                   tolerance_percent=Decimal(5)) == expected


def test_no_target_means_no_rating():
    assert rag_for(value=Decimal(5), polarity="lower", basis="target", target=None, tolerance_percent=5) is None


@pytest.mark.django_db
def test_adoption_scorecard_value_on_the_page_series_is_red_with_the_threshold_as_its_line(board):
    a1 = IndicatorFactory(code="A1", unit=Indicator.Unit.WEEKS, decimal_places=0, boards=[board],
                          frequency=Indicator.Frequency.ANNUAL, rag_basis=Indicator.RagBasis.THRESHOLDS,
                          green_threshold=Decimal(91))
    IndicatorValueFactory(indicator=a1, numerator=None, denominator=None, value=Decimal(95))
    point = indicator_series(a1, public=True)["points"][0]
    assert (point["rag"], point["rag_word"], point["display"], point["target_display"]) == ("red", "Red", "95 weeks", "91 weeks")
