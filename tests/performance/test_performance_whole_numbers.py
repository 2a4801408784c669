"""Numerators and denominators are whole numbers, and small numbers are judged as printed.

A numerator of 5.4 (of 100) used to be accepted, printed as "5" beside "5.4%" on the public page
and in the public CSV: a small number about children, published. Now entry, import and the
admin refuse it, and a figure already stored is judged after rounding, so it shows as "c".
"""
import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance import imports, services
from performance.models import Indicator, IndicatorValue

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory
from tests.performance.test_performance_small_numbers_never_public import numbers_in

Q1, Q2, Q3 = (datetime.date(2012, m, 1) for m in (4, 7, 10))
POST = {"period_start": "2012-10-01", "numerator": "5.4", "denominator": "100", "notes": "", "england": "",
        "region": "", "statistical_neighbours": "", "target": ""}


@pytest.fixture(autouse=True)
def november_2013(time_machine):
    time_machine.move_to(datetime.datetime(2013, 11, 18, 14, 0), tick=False)


@pytest.fixture
def offending(board, officer):
    return IndicatorFactory(code="CIC-OFF", boards=[board], decimal_places=1, responsible_officers=[officer.person])


def test_officer_typing_a_decimal_numerator_is_told_it_is_a_count(client, offending, officer):
    client.force_login(officer)
    response = client.post(offending.get_absolute_url(), POST)
    assert response.status_code == 400
    assert "The numerator is a count: enter a whole number." in response.content.decode()
    response = client.post(offending.get_absolute_url(), {**POST, "numerator": "5", "denominator": "100.5"})
    assert response.status_code == 400
    assert "The denominator is a count: enter a whole number." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_service_refuses_a_decimal_numerator_naming_the_field(offending, officer):
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_record(indicator=offending, period_start=Q3, user=officer,
                                        numerator=Decimal("5.4"), denominator=Decimal(100))
    assert "numerator" in exc.value.message_dict


def test_an_import_with_a_decimal_numerator_names_the_row_and_imports_nothing(offending, officer):
    content = ("indicator,period_start,numerator,denominator\n"
               "CIC-OFF,2012-04-01,8,326\n"
               "CIC-OFF,2012-07-01,5.4,100\n").encode()
    with pytest.raises(imports.ImportRejected) as exc:
        imports.indicator_values_import(content=content, filename="values.csv", user=officer)
    assert [str(p) for p in exc.value.problems] == [
        "Row 3, column “numerator”: the numerator is a count: enter a whole number."]
    assert not IndicatorValue.objects.exists()


def test_a_whole_numerator_written_with_a_point_zero_is_accepted(offending, officer):
    row = services.indicator_value_record(indicator=offending, period_start=Q3, user=officer,
                                          numerator=Decimal("8.00"), denominator=Decimal("326.0"))
    assert row.value == Decimal("2.4540")


@pytest.fixture
def stored_decimals(offending):
    """Figures stored before the rule (straight into the table, as the old entry form allowed)."""
    for start, numerator in ((Q1, "5.4"), (Q2, "0.6"), (Q3, "5.5"), (datetime.date(2013, 1, 1), "12")):
        IndicatorValueFactory(indicator=offending, period_start=start, numerator=Decimal(numerator),
                              denominator=Decimal(100), value=Decimal(numerator))  # n of 100 is n%
    return offending


def test_public_page_suppresses_what_would_print_as_1_to_5(client, stored_decimals):
    html = client.get(stored_decimals.get_absolute_url()).content.decode()
    shown = {}
    for period in ("Q1 2012/13", "Q2 2012/13", "Q3 2012/13", "Q4 2012/13"):
        row = re.search(rf'<th scope="row">{period}</th>(.*?)</tr>', html, re.S).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        shown[period] = (cells[0].strip(), cells[2].strip())  # numerator, value
    assert shown == {"Q1 2012/13": ("c", "c"), "Q2 2012/13": ("c", "c"),
                     "Q3 2012/13": ("6", "5.5%"), "Q4 2012/13": ("12", "12.0%")}
    assert not {"5.4", "0.6", "0.60", "5.40"} & numbers_in(html)


def test_public_csv_suppresses_what_would_print_as_1_to_5(client, stored_decimals):
    body = client.get(reverse("performance:indicator_export", args=[stored_decimals.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))[2:]
    assert [(r[2], r[5], r[7]) for r in rows] == [
        ("Q1 2012/13", "c", "c"), ("Q2 2012/13", "c", "c"), ("Q3 2012/13", "6", "5.5%"), ("Q4 2012/13", "12", "12.0%")]


def test_counts_are_judged_after_rounding_too(client, board):
    adoptions = IndicatorFactory(code="ADOPT", unit=Indicator.Unit.COUNT, decimal_places=0, boards=[board],
                                 polarity=Indicator.Polarity.NEITHER, rag_basis=Indicator.RagBasis.NONE)
    IndicatorValueFactory(indicator=adoptions, period_start=Q1, numerator=Decimal("0.6"), denominator=None,
                          value=Decimal("0.6"))
    body = client.get(reverse("performance:indicator_export", args=[adoptions.pk])).content.decode()
    assert [r[7] for r in list(csv.reader(io.StringIO(body)))[2:]] == ["c"]
