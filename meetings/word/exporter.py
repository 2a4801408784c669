"""Word out: a report as a .docx on its council's template (python-docx), for an officer who must
circulate a draft by e-mail. The cover sheet as a table, then each template section headed as the
report prints it, its paragraphs numbered by the same structure (core.report_html) as the page and
the PDF, lists as Word lists and tables with a header row that repeats on each page."""
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.formats import month_year
from core.report_html import numbered_blocks
from core.sanitise import sanitise_html

INDENT = Cm(1.25)


def _runs(paragraph, element, bold=False, italic=False):
    """Copy an element's text into runs, keeping bold and italic."""
    if element.text:
        run = paragraph.add_run(element.text)
        run.bold, run.italic = bold or None, italic or None
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag in ("ul", "ol", "table"):
            pass  # Block content inside a cell is written by the caller.
        else:
            _runs(paragraph, child, bold=bold or tag in ("b", "strong"), italic=italic or tag in ("i", "em"))
        if child.tail:
            run = paragraph.add_run(child.tail)
            run.bold, run.italic = bold or None, italic or None


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    for name in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(name)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _table(doc, element):
    caption = element.find("caption")
    if caption is not None and "".join(caption.itertext()).strip():
        p = doc.add_paragraph(style="Caption")
        p.add_run(" ".join("".join(caption.itertext()).split()))
        p.paragraph_format.left_indent = INDENT
    rows = element.xpath("./thead/tr | ./tbody/tr | ./tr | ./tfoot/tr")
    if not rows:
        return
    width = max(len(r.xpath("./td|./th")) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for tr in rows:
        row = table.add_row()
        cells = tr.xpath("./td|./th")
        header = bool(cells) and all(c.tag == "th" for c in cells) and tr.getparent().tag == "thead"
        if header:
            _repeat_header(row)
        else:
            tr_pr = row._tr.get_or_add_trPr()
            el = OxmlElement("w:cantSplit")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
        for i, cell in enumerate(cells[:width]):
            target = row.cells[i]
            target.paragraphs[0].text = ""
            _runs(target.paragraphs[0], cell, bold=cell.tag == "th")


def _list(doc, element, level=0):
    style = "List Number" if element.tag == "ol" else "List Bullet"
    for li in element.xpath("./li"):
        p = doc.add_paragraph(style=style)
        p.paragraph_format.left_indent = INDENT + Cm(0.63 * (level + 1))
        _runs(p, li)
        for nested in li.xpath("./ul|./ol"):
            _list(doc, nested, level + 1)


def _section(doc, html: str, number: int):
    blocks = numbered_blocks(sanitise_html(html or ""), number)
    if not blocks:
        doc.add_paragraph("N/A").paragraph_format.left_indent = INDENT
    for para_number, element in blocks:
        tag = element.tag
        if tag in ("ul", "ol"):
            _list(doc, element)
        elif tag == "table":
            _table(doc, element)
        else:
            p = doc.add_paragraph(style="Heading 3" if tag in ("h3", "h4") else None)
            fmt = p.paragraph_format
            fmt.left_indent = INDENT
            if para_number:
                # The number hangs in the indent, as in the printed report.
                fmt.first_line_indent = -INDENT
                fmt.tab_stops.add_tab_stop(INDENT)
                p.add_run(para_number + "\t").bold = True
            _runs(p, element, italic=tag == "blockquote")


def report_docx(report) -> bytes:
    """The report as a Word document on its template."""
    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.author = report.author.get_full_name() or report.author.get_username()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    board = report.board
    heading = (board.report_heading or f"{board.name} report") if hasattr(board, "report_heading") else board.name
    meeting = report.agenda_item.meeting if report.agenda_item_id else None
    doc.add_paragraph(f"{heading.upper()}" + (f" – {month_year(meeting.date).upper()}" if meeting else ""),
                      style="Title")
    cover = doc.add_table(rows=0, cols=2)
    cover.style = "Table Grid"
    rows = [
        ("Title of paper", report.title),
        ("Director(s)/ Corporate Director(s)", report.directors),
        ("Wards affected", report.wards_affected),
        ("Contact Officer(s) and contact details", "\n".join(report.contact_officer_list)),
        ("Other officers who have provided input", "\n".join(report.other_officer_list)),
        ("Relevant Council Plan Strategic Priority", "\n".join(p.name for p in report.strategic_priorities.all())),
        ("Summary of issues (including benefits to customers/service users)", report.summary),
        ("Recommendation(s)", "\n".join(f"{n}\t{r}" for n, r in enumerate(report.recommendation_list, 1))),
    ]
    for label, value in rows:
        row = cover.add_row()
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = value or ""
    for section, body in report.sections():
        doc.add_heading(f"{section.number} {section.heading}", level=1)
        _section(doc, body, section.number)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
