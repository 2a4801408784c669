"""Export a plan to Excel or CSV in the reference's column shape; import it back exactly; a file
with one bad row imports nothing and says which row and column."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions import selectors, services, spreadsheets
from actions.demo import load_demo
from actions.models import Action, Plan, ProgressUpdate, Rag

TODAY = datetime.date(2013, 11, 1)


@pytest.fixture
def plan(board, clerk, officer):
    load_demo(board)
    plan = Plan.objects.get(board=board)
    a = Action.objects.get(plan=plan, reference="2.1")
    services.action_progress_add(action=a, user=clerk, text="Data mapped for the City.\nCounty to follow.",
                                 rag=Rag.AMBER, date=datetime.date(2013, 9, 2))
    services.action_progress_add(action=Action.objects.get(pk=a.pk), user=clerk, text="County data received",
                                 rag=Rag.GREEN, date=datetime.date(2013, 10, 14))
    services.action_progress_add(action=Action.objects.get(plan=plan, reference="4.1"), user=clerk,
                                 text="Held on 10 October", rag=Rag.RED)
    Action.objects.filter(plan=plan, reference="1.1").update(timescale_text="Ongoing")
    return plan


def export(plan, fmt):
    plan = selectors.plan_with_meetings(plan.pk)
    sections, _ = selectors.plan_tree(plan)
    return spreadsheets.export_xlsx(plan, sections) if fmt == "xlsx" else spreadsheets.export_csv(plan, sections)


def sheet_values(data: bytes):
    ws = load_workbook(io.BytesIO(data)).active
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def import_bytes(board, user, data: bytes, name="plan.xlsx"):
    rows = spreadsheets.read_upload(SimpleUploadedFile(name, data))
    parsed = spreadsheets.parse_plan(rows, today=TODAY)
    return services.plan_import(board=board, parsed=parsed, user=user)


def action_facts(plan):
    return [
        (a.reference, a.text, a.lead_person_id, a.lead_group, a.lead_organisation_id, a.timescale_date,
         a.timescale_text, a.rag, a.status, [(u.date, u.text) for u in a.progress_updates.all()])
        for a in Action.objects.filter(plan=plan).order_by("section__position", "reference")
        .prefetch_related("progress_updates")
    ]


def section_facts(plan):
    return list(plan.sections.order_by("position").values_list(
        "title", "numbered", "number", "responsibility_heading", "responsibility_text"))


def test_export_has_the_reference_columns_and_section_headings(plan):
    rows = sheet_values(export(plan, "xlsx"))
    assert ["Action", "Lead", "Timescale", "Progress to date", "RAG rating"] in [r[:5] for r in rows]
    firsts = [r[0] for r in rows]
    assert "1. Prevention & Response" in firsts and "Overarching strategy and governance" in firsts
    assert ["a) Complete a Strategy Document", "CSECAG", "31 May 2012", "5 November 2012 – Completed", "Blue"] in \
        [list(r[:5]) for r in rows]
    row21 = next(r for r in rows if str(r[0]).startswith("2.1 "))
    assert row21[1] == "DI Hillier, Notts Police"
    assert row21[3] == ("14 October 2013 – County data received\n\n"
                        "14 October 2013 – Since 1 April 2013 strategy meetings for CSE use the University of "
                        "Bedfordshire data collection document; Nottinghamshire Police have used it since 1 July 2013. "
                        "It will provide the data to scope and monitor the extent of CSE within Nottinghamshire.\n\n"
                        "2 September 2013 – Data mapped for the City.\nCounty to follow.")
    assert row21[4] == "Green"


def test_rag_cells_are_coloured_and_worded(plan):
    ws = load_workbook(io.BytesIO(export(plan, "xlsx"))).active
    colours = {}
    for row in ws.iter_rows():
        if row[4].value in ("Red", "Green", "Blue"):
            colours[row[4].value] = row[4].fill.fgColor.rgb[-6:]
    assert colours == {"Red": "B00020", "Green": "00703C", "Blue": "1D4F91"}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_round_trips_exactly(plan, board, clerk, fmt):
    first = export(plan, fmt)
    data = first if fmt == "xlsx" else first.encode("utf-8")
    copy = import_bytes(board, clerk, data, name=f"plan.{fmt}")
    assert copy.pk != plan.pk
    assert (copy.title, copy.period) == (plan.title, plan.period)
    assert set(copy.partner_organisations.all()) == set(plan.partner_organisations.all())
    assert section_facts(copy) == section_facts(plan)
    assert action_facts(copy) == action_facts(plan)
    second = export(copy, fmt)
    if fmt == "xlsx":
        assert sheet_values(second) == sheet_values(first)
    else:
        assert second == first


def bad_copy(plan, cell_value, column):
    data = export(plan, "xlsx")
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    row = next(r for r in ws.iter_rows() if str(r[0].value).startswith("2.2 "))
    row[column].value = cell_value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), row[0].row


def test_one_bad_row_imports_nothing_and_names_the_row_and_column(plan, board, clerk):
    data, row_number = bad_copy(plan, "Purple", 4)
    before = (Plan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())
    with pytest.raises(spreadsheets.ImportErrors) as exc:
        import_bytes(board, clerk, data)
    assert [(e.row, e.column) for e in exc.value.errors] == [(row_number, "E (RAG rating)")]
    assert "Purple" in exc.value.errors[0].message
    assert (Plan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count()) == before


def test_an_impossible_timescale_date_is_reported_in_column_c(plan, board, clerk):
    data, row_number = bad_copy(plan, "31 February 2013", 2)
    with pytest.raises(spreadsheets.ImportErrors) as exc:
        import_bytes(board, clerk, data)
    assert str(exc.value.errors[0]) == (f"Row {row_number}, column C (Timescale): “31 February 2013” is not a "
                                        "real date; write a date such as 31 May 2012, or words such as Ongoing.")


def test_the_import_page_lists_problems_and_creates_no_plan(client, plan, board, clerk):
    data, row_number = bad_copy(plan, "Purple", 4)
    client.force_login(clerk)
    count = Plan.objects.count()
    response = client.post(reverse("actions:plan_import", args=[board.slug]),
                           {"file": SimpleUploadedFile("plan.xlsx", data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page and f"<td>{row_number}</td><td>E (RAG rating)</td>" in page
    assert Plan.objects.count() == count


def test_a_failure_while_writing_rolls_the_whole_import_back(plan, board, clerk, monkeypatch):
    rows = spreadsheets.read_upload(SimpleUploadedFile("p.xlsx", export(plan, "xlsx")))
    parsed = spreadsheets.parse_plan(rows, today=TODAY)
    parsed.sections[-1].actions[-1].text = "x" * 10  # fine
    parsed.sections[-1].actions[-1].lead_group = "y" * 500  # too long for the column: the database refuses
    before = (Plan.objects.count(), Action.objects.count())
    with pytest.raises(Exception):
        services.plan_import(board=board, parsed=parsed, user=clerk)
    assert (Plan.objects.count(), Action.objects.count()) == before


def test_import_page_creates_the_plan_from_a_good_file(client, plan, board, clerk):
    client.force_login(clerk)
    response = client.post(reverse("actions:plan_import", args=[board.slug]),
                           {"file": SimpleUploadedFile("plan.csv", export(plan, "csv").encode())})
    assert response.status_code == 302
    assert Plan.objects.filter(board=board).count() == 2


def test_officers_cannot_import(client, officer, board):
    client.force_login(officer)
    assert client.get(reverse("actions:plan_import", args=[board.slug])).status_code == 403


def test_export_downloads_for_board_people(client, plan, member):
    client.force_login(member)
    response = client.get(reverse("actions:plan_export", args=[plan.pk, "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "Action,Lead,Timescale,Progress to date,RAG rating" in response.content.decode("utf-8-sig")
