"""Word in and out. A report downloads as a .docx on its template that LibreOffice opens, with the
paragraph numbers and the table's header row; a .docx written from the demo report, and one written
on the county's template, are read back into the report form, showing what was recognised and what
was not before anything is saved; a file that is not a sound Word document is refused."""
import io
import subprocess

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Report, ReportTemplate
from meetings.models.templates import COUNTY_COUNCIL_HEADINGS
from meetings.word.exporter import report_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return {r.title: r for r in Report.objects.all()}


def test_a_report_downloads_as_word_and_libreoffice_opens_it(client, demo, tmp_path):
    offending = demo["Reducing Offending Behaviour"]
    client.force_login(offending.author)
    response = client.get(reverse("meetings:report_word", args=[offending.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    path = tmp_path / "report.docx"
    path.write_bytes(response.content)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "txt:Text",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    text = " ".join((tmp_path / "report.txt").read_text(encoding="utf-8-sig").split())
    assert "1 BACKGROUND" in text and "1.1 Rate of offending by Nottingham CiC" in text
    assert "4.5 Through the planning" in text
    assert "6 EQUALITY IMPACT ASSESSMENTS (EIAs)" in text
    table = next(t for t in docx.Document(io.BytesIO(response.content)).tables if t.rows[0].cells[0].text == "Year")
    assert [c.text for c in table.rows[0].cells][1] == "Number of CiC aged 10 years old or older"
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeats on each page


def test_word_download_asks_a_visitor_to_sign_in(client, demo):
    offending = demo["Reducing Offending Behaviour"]
    url = reverse("meetings:report_word", args=[offending.pk])
    assert client.get(url).status_code == 302  # to sign in


def test_a_docx_written_from_the_demo_report_is_read_back_into_the_form(client, demo):
    cse = demo["Child Sexual Exploitation and the Local Safeguarding Children Board Response"]
    data = report_docx(cse)
    client.force_login(cse.author)
    url = reverse("meetings:report_import", args=[cse.board.slug])
    page = client.post(url, {"file": SimpleUploadedFile("cse.docx", data, content_type=DOCX)}).content.decode()
    assert "Recognised" in page and "Cover sheet: Title of paper" in page
    assert "1 BACKGROUND: 15 numbered paragraphs" in page
    assert f'action="{reverse("meetings:report_create", args=[cse.board.slug])}"' in page
    form = page.split('name="background"', 1)[1]
    assert "Facts and figures" in form and "continuation" in form
    # Nothing is saved until the officer presses Save draft.
    assert Report.objects.count() == 2


def test_a_docx_on_the_county_template_is_read_by_its_headings(client, board, officer):
    ReportTemplate.objects.create(name="Nottinghamshire County Council", board=board,
                                  headings="\n".join(COUNTY_COUNCIL_HEADINGS))
    document = docx.Document()
    document.add_paragraph("REPORT OF THE GROUP MANAGER, SAFEGUARDING AND INDEPENDENT REVIEW")
    document.add_heading("Purpose of the Report", level=2)
    document.add_paragraph("1. The purpose of the report is to inform Members of developments in CSE.")
    document.add_heading("Information and Advice", level=2)
    document.add_paragraph("2. CSE is a high profile political and media issue.")
    document.add_paragraph("a. Plan and commission services", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("Year").bold = True
    table.rows[0].cells[1].paragraphs[0].add_run("Referrals").bold = True
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "2012", "41"
    document.add_heading("Other Options Considered", level=2)
    document.add_paragraph("14. As this is a report for noting, it is not necessary to consider other options.")
    document.add_heading("RECOMMENDATION/S", level=2)
    document.add_paragraph("That the report be noted.")
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(officer)
    page = client.post(reverse("meetings:report_import", args=[board.slug]),
                       {"file": SimpleUploadedFile("county.docx", buffer.getvalue(), content_type=DOCX)}).content.decode()
    assert "1 Purpose of the Report: 1 numbered paragraph" in page
    assert "2 Information and Advice: 1 numbered paragraph, 1 table" in page
    assert "No section headed “4 Reason/s for Recommendation/s” was found" in page
    assert "Before the first section: “REPORT OF THE GROUP MANAGER" in page
    assert "&lt;th scope=&quot;col&quot;&gt;&lt;p&gt;Year&lt;/p&gt;&lt;/th&gt;" in page or \
        "&lt;th scope=&quot;col&quot;&gt;Year&lt;/th&gt;" in page


def test_a_file_that_is_not_a_word_document_is_refused(client, board, officer):
    client.force_login(officer)
    page = client.post(reverse("meetings:report_import", args=[board.slug]),
                       {"file": SimpleUploadedFile("report.docx", b"%PDF-1.4 not really", content_type=DOCX)})
    assert page.status_code == 200
    assert "Import a report from Word" in page.content.decode()
    assert Report.objects.count() == 0


def test_an_exempt_reports_word_download_reaches_only_those_who_may_read_it(client, board, officer, member, other_member):
    from meetings.models import ExemptParagraph

    from tests.factories import ReportFactory

    report = ReportFactory(board=board, author=officer, status=Report.Status.PUBLISHED, is_exempt=True,
                           exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Prices.",
                           background="<p>EXEMPTWORDMARKER provider prices.</p>")
    url = reverse("meetings:report_word", args=[report.pk])
    assert client.get(url).status_code == 302  # a visitor is asked to sign in, and gets nothing
    client.force_login(other_member)
    response = client.get(url)
    assert response.status_code in (403, 404) and b"EXEMPTWORDMARKER" not in response.content
    client.force_login(officer)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(client.get(url).content)).paragraphs)
    assert "EXEMPTWORDMARKER" in text
