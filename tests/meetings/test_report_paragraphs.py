"""Numbered paragraphs are structure: a section's paragraphs number themselves (4.1, 4.2 …),
continuations stay unnumbered, lists and tables are never numbered, and inserting, moving or
deleting a paragraph renumbers the rest identically on the report page and in its PDF. Tables
(written, pasted from Word or imported) keep a real header row: <th scope="col"> in a <thead>."""
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from core.pdf import render_html
from core.report_html import plain_numbers
from core.sanitise import sanitise_html
from meetings.models import Report

from tests.factories import ReportFactory

FINANCIAL = (
    "<p>The post is jointly funded.</p>"
    "<p class='continuation'>It has a financial benefit across the Authority.</p>"
    "<ul><li>for the police</li><li>for the council</li></ul>"
    "<p>The YOT Lead role is a specialism.</p>"
    "<table><tr><th>Year</th><th>Rate</th></tr><tr><td>2012/13</td><td>8.7%</td></tr></table>"
    "<p>Sponsorship will be sought.</p>"
)

# What Word puts on the clipboard for a small table and a list (trimmed, with its noise).
WORD_PASTE = (
    '<p class=MsoNormal style="mso-margin-top-alt:auto"><span style="font-family:Arial">Rates by year<o:p></o:p></span></p>'
    '<table class=MsoTableGrid border=1 cellspacing=0 style="border-collapse:collapse;mso-yfti-tbllook:1184">'
    '<tr style="mso-yfti-irow:0"><td width=100 style="width:75pt"><p class=MsoNormal><b>Year<o:p></o:p></b></p></td>'
    '<td width=100><p class=MsoNormal><b>Rate</b></p></td></tr>'
    '<tr><td><p class=MsoNormal>2012/13</p></td><td><p class=MsoNormal>8.7%</p></td></tr></table>'
    '<ul style="margin-top:0cm"><li class=MsoListParagraph style="mso-list:l0 level1 lfo1">Rape</li></ul>'
)


def _screen_numbers(html_page: str, section: int) -> list[str]:
    found = re.findall(r'<span class="para-no"[^>]*>(' + str(section) + r'\.\d+)</span>\s*([^<]*)', html_page)
    return [f"{n} {' '.join(t.split())}".strip() for n, t in found]


def _pdf_text(report) -> str:
    html = render_to_string("packs/report.html", {
        "report": report, "item": None, "board": report.board, "meeting": None, "paper_title": report.title,
        "priorities_ticked": set(), "all_priorities": [],
    })
    pdf = render_html(html).pdf
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_each_paragraph_numbers_itself_and_continuations_lists_and_tables_do_not():
    html = sanitise_html(FINANCIAL)
    assert plain_numbers(html, 4) == [
        "4.1 The post is jointly funded.", "4.2 The YOT Lead role is a specialism.", "4.3 Sponsorship will be sought."]


def test_inserting_moving_and_deleting_a_paragraph_renumbers_the_rest(client, officer, board):
    report = ReportFactory(board=board, author=officer, financial=FINANCIAL)
    client.force_login(officer)
    url = reverse("meetings:report", args=[report.pk])
    assert _screen_numbers(client.get(url).content.decode(), 4)[1] == "4.2 The YOT Lead role is a specialism."

    # Insert a paragraph at the start: every number after it moves on by one.
    report.financial = "<p>A new first paragraph.</p>" + report.financial
    report.save()
    page = client.get(url).content.decode()
    assert _screen_numbers(page, 4) == ["4.1 A new first paragraph.", "4.2 The post is jointly funded.",
                                        "4.3 The YOT Lead role is a specialism.", "4.4 Sponsorship will be sought."]
    # Move the last paragraph to the top and delete the inserted one.
    html = report.financial.replace("<p>A new first paragraph.</p>", "")
    last = "<p>Sponsorship will be sought.</p>"
    report.financial = last + html.replace(last, "")
    report.save()
    page = client.get(url).content.decode()
    expected = ["4.1 Sponsorship will be sought.", "4.2 The post is jointly funded.", "4.3 The YOT Lead role is a specialism."]
    assert _screen_numbers(page, 4) == expected
    # The PDF prints the same numbers before the same words.
    pdf = " ".join(_pdf_text(report).split())
    for line in expected:
        assert line in pdf
    assert "4.4" not in pdf


def test_the_number_is_never_on_a_line_of_its_own_in_the_pdf(board, officer):
    report = ReportFactory(board=board, author=officer, background="<p>Rate of offending fell.</p><p>Second.</p>")
    lines = [" ".join(line.split()) for line in _pdf_text(report).splitlines()]
    assert "1.1 Rate of offending fell." in lines and "1.2 Second." in lines
    assert "1.1" not in lines


def test_a_table_pasted_from_word_keeps_its_header_row_and_drops_words_noise(client, officer, board):
    client.force_login(officer)
    report = ReportFactory(board=board, author=officer)
    stored = sanitise_html(WORD_PASTE)
    assert "mso" not in stored and "MsoNormal" not in stored and "style" not in stored and "o:p" not in stored
    assert "<ul><li>Rape</li></ul>" in stored
    # Word marks its header row by bold text in ordinary cells: stored as a real header row.
    report.background = WORD_PASTE
    report.save()
    report.refresh_from_db()
    assert '<thead><tr><th scope="col"><p>Year</p></th><th scope="col"><p>Rate</p></th></tr></thead>' in report.background
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert '<th scope="col"><p>Year</p></th>' in page
    assert 'class="table-scroll"' in page  # scrolls in its own box on a narrow screen
    pdf = _pdf_text(report)
    assert "Year Rate" in " ".join(pdf.split()) and "2012/13 8.7%" in " ".join(pdf.split())


def test_a_long_table_repeats_its_header_row_on_every_pdf_page_and_never_splits_a_row(board, officer):
    rows = "".join(f"<tr><td>Row {n}</td><td>{'word ' * 30}</td></tr>" for n in range(1, 90))
    report = ReportFactory(board=board, author=officer,
                           background=f"<p>Table follows.</p><table><tr><th>Quarter</th><th>Notes</th></tr>{rows}</table>")
    html = render_to_string("packs/report.html", {
        "report": report, "item": None, "board": report.board, "meeting": None, "paper_title": report.title,
        "priorities_ticked": set(), "all_priorities": []})
    import io

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render_html(html).pdf)).pages]
    table_pages = [t for t in pages if "Row " in t]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Quarter" in text and "Notes" in text
    # Each row's cell text sits whole on one page.
    for n in range(1, 90):
        holding = [t for t in table_pages if re.search(rf"\bRow {n}\b", t)]
        assert len(holding) == 1


def test_an_unchanged_save_of_the_form_changes_nothing(client, officer, board):
    report = ReportFactory(board=board, author=officer, financial=sanitise_html(FINANCIAL))
    before = Report.objects.get(pk=report.pk)
    client.force_login(officer)
    from meetings.forms import ReportForm

    form = ReportForm(instance=before, board=board)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "strategic_priorities":
            data[name] = [p.pk for p in before.strategic_priorities.all()]
        elif value is None:
            continue
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    response = client.post(reverse("meetings:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    after = Report.objects.get(pk=report.pk)
    assert after.financial == before.financial
    assert after.history.count() == before.history.count()


@pytest.mark.parametrize("old, numbers", [
    # Trix's blocks become paragraphs.
    ("<div>First.<br><br>Second.</div>", ["1.1 First.", "1.2 Second."]),
    # Sub-headings carried the numbers: the paragraphs under them become continuations.
    ("<h3>Rate</h3><p>Text</p><h3>Role</h3><p>More</p>", ["1.1 Rate", "1.2 Role"]),
])
def test_existing_reports_keep_their_numbers_when_sections_become_structure(old, numbers):
    from lxml import html as lxml_html

    from core.report_html import _fragments, from_trix

    new = from_trix(old)
    nodes = _fragments(new)
    if any(n.tag == "h3" for n in nodes):
        for n in nodes:
            if n.tag == "p":
                n.set("class", "continuation")
        new = "".join(lxml_html.tostring(n, encoding="unicode") for n in nodes)
    assert plain_numbers(sanitise_html(new), 1) == numbers
