"""The indicator list runs a fixed number of queries however many indicators and periods there are."""
import datetime

import pytest
from django.urls import reverse

from tests.performance.factories import IndicatorFactory, bulk_values, quarter_starts


@pytest.mark.parametrize("how_many", [10, 300])
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_indicator_list_runs_at_most_12_queries(client, board, member, officer, django_assert_max_num_queries,
                                                how_many, who):
    indicators = IndicatorFactory.create_batch(how_many, boards=[board])
    bulk_values(indicators, quarter_starts(datetime.date(2003, 4, 1), 40))
    if who != "anonymous":
        client.force_login({"member": member, "officer": officer}[who])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("performance:indicator_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="row"><a href="/performance/indicators/') == how_many
    assert "Q4 2012/13" in html  # the newest of the 40 quarters is the one shown


def test_indicator_page_runs_a_fixed_number_of_queries(client, board, member, django_assert_max_num_queries):
    indicator = IndicatorFactory(boards=[board])
    bulk_values([indicator], quarter_starts(datetime.date(2003, 4, 1), 40))
    client.force_login(member)
    with django_assert_max_num_queries(12):
        response = client.get(indicator.get_absolute_url())
    assert response.status_code == 200
