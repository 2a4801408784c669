"""The council template in one place, as data: a report prints its template's section headings
exactly ("1 BACKGROUND" … "6 EQUALITY IMPACT ASSESSMENTS (EIAs)" … "8 PUBLISHED DOCUMENTS …"),
and a council with another template (the county's) defines it in the admin, without code."""
import io

from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from core.pdf import render_html
from meetings import services
from meetings.models import Report, ReportTemplate
from meetings.models.templates import CITY_COUNCIL_HEADINGS, COUNTY_COUNCIL_HEADINGS

from tests.factories import ReportFactory

REFERENCE = [
    "1 BACKGROUND",
    "2 REASONS FOR RECOMMENDATIONS (INCLUDING OUTCOMES OF CONSULTATION)",
    "3 OTHER OPTIONS CONSIDERED IN MAKING RECOMMENDATIONS",
    "4 FINANCIAL IMPLICATIONS (INCLUDING VALUE FOR MONEY)",
    "6 EQUALITY IMPACT ASSESSMENTS (EIAs)",
    "8 PUBLISHED DOCUMENTS REFERRED TO IN COMPILING THIS REPORT",
]


def _pdf_text(report) -> str:
    html = render_to_string("packs/report.html", {
        "report": report, "item": None, "board": report.board, "meeting": None, "paper_title": report.title,
        "priorities_ticked": set(), "all_priorities": []})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_html(html).pdf)).pages)
    return " ".join(text.split())


def test_a_new_report_prints_the_reference_reports_headings_on_screen_and_in_the_pdf(client, board, officer):
    report = services.report_create(board=board, author=officer, title="Rise update")
    assert report.template == ReportTemplate.objects.get(is_default=True)
    client.force_login(officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    for heading in REFERENCE:
        assert f">{heading}</h2>" in page
    assert "EIAS" not in page and "BACKGROUND (INCLUDING OUTCOMES OF CONSULTATION)" not in page
    pdf = _pdf_text(report)
    for heading in REFERENCE:
        assert heading in pdf


def test_the_county_template_is_defined_in_the_admin_and_its_reports_use_it(client, admin_user, board, officer):
    client.force_login(admin_user)
    response = client.post(reverse("admin:meetings_reporttemplate_add"), {
        "name": "Nottinghamshire County Council", "board": board.pk, "headings": "\n".join(COUNTY_COUNCIL_HEADINGS)})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(officer)
    form = client.get(reverse("meetings:report_create", args=[board.slug])).content.decode()
    assert "1 Purpose of the Report" in form and "6 RECOMMENDATION/S" in form
    assert 'name="background_papers"' not in form and "BACKGROUND" not in form
    response = client.post(reverse("meetings:report_create", args=[board.slug]), {
        "title": "Fostering allowances", "wards_affected": "All",
        "background": "<p>To set out the allowances.</p>", "reasons": "<p>The allowances rise.</p>"})
    assert response.status_code == 302
    report = Report.objects.get(title="Fostering allowances")
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert ">1 Purpose of the Report</h2>" in page and ">2 Information and Advice</h2>" in page
    assert '1.1</span> To set out the allowances.' in page and '2.1</span> The allowances rise.' in page
    pdf = _pdf_text(report)
    assert "5 Statutory and Policy Implications" in pdf and "LIST OF BACKGROUND PAPERS" not in pdf
    # A report written before keeps the template it was written on.
    older = ReportFactory(board=board, author=officer, template=ReportTemplate.objects.get(is_default=True))
    assert client.get(reverse("meetings:report", args=[older.pk])).content.decode().count(">1 BACKGROUND</h2>") == 1


def test_a_template_with_more_sections_than_a_report_has_room_for_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:meetings_reporttemplate_add"), {
        "name": "Too long", "headings": "\n".join(CITY_COUNCIL_HEADINGS + ["NINTH"])})
    assert response.status_code == 200
    assert "A report has room for 8 sections" in response.content.decode()
    assert not ReportTemplate.objects.filter(name="Too long").exists()
