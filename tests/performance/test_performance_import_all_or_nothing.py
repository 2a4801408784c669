"""Importing values names the bad row and column, and imports nothing if any row is wrong."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from performance import imports
from performance.models import IndicatorValue

from tests.performance.factories import IndicatorFactory

GOOD_AND_BAD = (
    "indicator,period_start,numerator,denominator,notes\n"
    "CIC-OFF,2012-04-01,8,326,first\n"
    "CIC-OFF,2012-07-01,9,abc,second\n"
    "CIC-OFF,2012-10-01,10,330,third\n"
)


@pytest.fixture
def offending(board, officer):
    """Followed by the board; the officer is named to enter its values."""
    return IndicatorFactory(code="CIC-OFF", boards=[board], responsible_officers=[officer.person])


def test_bad_denominator_on_row_3_is_named_and_nothing_is_imported(offending, officer):
    with pytest.raises(imports.ImportRejected) as exc:
        imports.indicator_values_import(content=GOOD_AND_BAD.encode(), filename="values.csv", user=officer)
    assert [str(p) for p in exc.value.problems] == ["Row 3, column “denominator”: “abc” is not a number"]
    assert IndicatorValue.objects.count() == 0


def test_every_bad_row_is_listed_at_once(offending, officer):
    content = (
        "indicator,period_start,numerator,denominator\n"
        "NOPE,2012-04-01,8,326\n"
        "CIC-OFF,2012-05-01,8,326\n"
        "CIC-OFF,2012-07-01,9,0\n"
    ).encode()
    with pytest.raises(imports.ImportRejected) as exc:
        imports.indicator_values_import(content=content, filename="values.csv", user=officer)
    assert [(p.row, p.column) for p in exc.value.problems] == [(2, "indicator"), (3, "period_start"), (4, "denominator")]
    assert IndicatorValue.objects.count() == 0


def test_a_good_file_imports_every_row_with_history(offending, officer):
    content = GOOD_AND_BAD.replace("abc", "326").encode()
    assert imports.indicator_values_import(content=content, filename="values.csv", user=officer) == 3
    first = IndicatorValue.objects.get(period_start="2012-04-01")
    assert str(first.value) == "2.4540"
    assert first.history.first().history_user == officer


def test_xlsx_names_the_bad_row_and_column(offending, officer):
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "period_start", "numerator", "denominator"])
    sheet.append(["CIC-OFF", "2012-04-01", 8, 326])
    sheet.append(["CIC-OFF", "2012-07-01", 400, 326])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(imports.ImportRejected) as exc:
        imports.indicator_values_import(content=out.getvalue(), filename="values.xlsx", user=officer)
    assert [(p.row, p.column) for p in exc.value.problems] == [(3, "numerator")]
    assert IndicatorValue.objects.count() == 0


def test_officer_of_another_board_cannot_import_for_this_boards_indicator(offending, other_clerk):
    content = "indicator,period_start,numerator,denominator\nCIC-OFF,2012-04-01,8,326\n".encode()
    with pytest.raises(imports.ImportRejected) as exc:
        imports.indicator_values_import(content=content, filename="values.csv", user=other_clerk)
    assert (exc.value.problems[0].row, exc.value.problems[0].column) == (2, "indicator")


def test_import_page_shows_the_problems_and_imports_nothing(client, offending, officer):
    client.force_login(officer)
    upload = SimpleUploadedFile("values.csv", GOOD_AND_BAD.encode(), content_type="text/csv")
    response = client.post(reverse("performance:values_import"), {"file": upload})
    assert response.status_code == 400
    assert "Row 3, column “denominator”" in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_member_cannot_open_the_import_page(client, member):
    client.force_login(member)
    assert client.get(reverse("performance:values_import")).status_code == 403


def _quarters(code, count, comparators):
    header = "indicator,period_start,numerator,denominator" + (",england,region,statistical_neighbours" if comparators else "")
    rows = [f"{code},{2000 + i // 4}-{1 + 3 * (i % 4):02d}-01,{8 + i},326" + (",11.5,12.5,13.5" if comparators else "")
            for i in range(count)]
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.mark.parametrize("rows", [2, 20])
def test_importing_comparators_costs_a_fixed_number_of_queries_however_many_rows(
        board, officer, rows, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from performance.models import Comparator

    IndicatorFactory(code="CIC-A", boards=[board], responsible_officers=[officer.person])
    IndicatorFactory(code="CIC-B", boards=[board], responsible_officers=[officer.person])
    with CaptureQueriesContext(connection) as plain:
        imports.indicator_values_import(content=_quarters("CIC-A", rows, False), filename="a.csv", user=officer)
    with django_assert_max_num_queries(len(plain.captured_queries) + 4):
        imports.indicator_values_import(content=_quarters("CIC-B", rows, True), filename="b.csv", user=officer)
    stored = Comparator.objects.filter(indicator__code="CIC-B")
    assert stored.count() == 3 * rows
    assert {str(c.value) for c in stored} == {"11.5000", "12.5000", "13.5000"}
    assert all(c.history.first().history_user == officer for c in stored)
