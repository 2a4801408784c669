"""The chart on the indicator page and in the pack's performance report is the same picture."""
import datetime
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from performance import selectors, services
from performance.charts import trend_chart_svg
from performance.models import Comparator, Indicator, Target
from performance.series import indicator_series

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory, quarter_starts

SVG = re.compile(r"<svg.*?</svg>", re.S)


@pytest.fixture
def offending(board):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board], rag_basis=Indicator.RagBasis.TARGET)
    for start, num in zip(quarter_starts(datetime.date(2011, 4, 1), 6), [12, 10, 9, 11, 8, 7]):
        IndicatorValueFactory(indicator=indicator, period_start=start, numerator=Decimal(num), denominator=Decimal(326))
        Target.objects.create(indicator=indicator, period_start=start, value=Decimal("3.0"))
        Comparator.objects.create(indicator=indicator, period_start=start, kind="england", value=Decimal("2.9"))
    return indicator


def test_page_svg_and_snapshot_svg_are_identical(client, offending, board, member, clerk):
    client.force_login(member)
    page_svgs = SVG.findall(client.get(offending.get_absolute_url()).content.decode())
    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=False,
                                                    as_of=datetime.date(2013, 11, 18), trend_length=8)
    pack_svgs = SVG.findall(render_to_string("performance/_performance_snapshot.html", {"snapshot": snapshot}))
    assert len(page_svgs) == 1 and len(pack_svgs) == 1
    assert page_svgs[0] == pack_svgs[0]
    # ... and both are exactly what the one renderer draws for this series.
    assert page_svgs[0] == trend_chart_svg(indicator_series(selectors.indicator_detail(offending.pk), public=False))


def test_chart_is_an_accessible_image_with_title_desc_target_comparator_and_rag_markers(offending):
    svg = trend_chart_svg(indicator_series(selectors.indicator_detail(offending.pk), public=False))
    chart_id = re.search(r'aria-labelledby="(chart-\w+)-title chart-\w+-desc"', svg).group(1)
    assert 'role="img"' in svg
    assert f'<title id="{chart_id}-title">CIC-OFF' in svg
    assert f'<desc id="{chart_id}-desc">Line chart of' in svg and "Q2 2012/13: 2.1%, RAG Green" in svg
    assert 'stroke-dasharray="8 4"' in svg  # the target line
    assert ">England</text>" in svg and ">Target</text>" in svg
    assert svg.count('fill="#b00020"') >= 1 and svg.count('fill="#00703c"') >= 1  # Red and Green markers


def test_a_later_period_changes_the_page_chart(client, offending, member):
    client.force_login(member)
    before = SVG.findall(client.get(offending.get_absolute_url()).content.decode())[0]
    IndicatorValueFactory(indicator=offending, period_start=datetime.date(2012, 10, 1), numerator=Decimal(20),
                          denominator=Decimal(326))
    after = SVG.findall(client.get(offending.get_absolute_url()).content.decode())[0]
    assert before != after and "Q3 2012/13" in after
