"""Spreadsheets print readably in the pack: a six-column XLSX appendix is converted landscape,
scaled to the page width (no page of stray columns), its header row repeated on every page, the
sheet's name in the page header, and each row whole on one page."""
import io

from openpyxl import Workbook
from pypdf import PdfReader

from core.office import convert_to_pdf

HEADERS = ["Reference", "Placement type", "Provider", "Locality", "Review date", "Outcome"]


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Placements 2013"
    sheet.append(HEADERS)
    for n in range(1, rows + 1):
        sheet.append([f"R{n:03d}", "Residential children's home, out of area", "Independent provider Ltd",
                      "Nottingham North and Bulwell", "18 November 2013", f"F{n:03d} stable placement continues"])
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 38
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_six_column_spreadsheet_prints_landscape_to_the_page_width_with_its_header_on_every_page():
    pdf = PdfReader(io.BytesIO(convert_to_pdf(_workbook(120), "xlsx")))
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) >= 2
    for page, text in zip(pdf.pages, pages):
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
        assert "Placements 2013" in text  # the sheet's name in the page header
        for header in HEADERS:
            assert header in text  # the header row repeats, all six columns on every page
    for n in range(1, 121):
        holding = [text for text in pages if f"R{n:03d}" in text]
        assert len(holding) == 1 and f"F{n:03d}" in holding[0]  # the whole row on one page
