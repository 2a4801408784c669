"""Plans as spreadsheets (XLSX and CSV) in the reference plan's shape, and back.

The sheet reads as the printed plan does:

    Plan                  | <title>
    Period                | 2012–14
    Partner organisations | Nottinghamshire Police; NSPCC
    (blank)
    1. Prevention & Response                          <- section
    Promote awareness to improve early identification  <- responsibility heading
    There is a critical need for …                     <- responsibility statement
    Action | Lead | Timescale | Progress to date | RAG rating
    1.1 Establish …  | CSECAG | 31 May 2012 | 23 September 2013 – Completed | Blue
    a) Develop …     |        |             |                               |
    (blank)
    … next section …

Import validates every row and reports each problem by row and column; nothing is written
unless the whole file is good (the service runs in one transaction).
"""
import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actions.models import Rag
from core.exports import csv_writer, restore_cell, xlsx_append
from core.formats import plain_date

COLUMNS = ["Action", "Lead", "Timescale", "Progress to date", "RAG rating"]
COLUMN_WIDTHS = [60, 30, 16, 60, 14]
RAG_FILLS = {
    Rag.RED: ("B00020", "FFFFFF"),
    Rag.AMBER: ("FFBF00", "000000"),
    Rag.GREEN: ("00703C", "FFFFFF"),
    Rag.BLUE: ("1D4F91", "FFFFFF"),
}
RAG_WORDS = {"red": Rag.RED, "amber": Rag.AMBER, "green": Rag.GREEN, "blue": Rag.BLUE,
             "complete": Rag.BLUE, "completed": Rag.BLUE, "": Rag.NONE}
UPDATE_SEPARATOR = " – "
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE = re.compile(rf"^(\d{{1,2}}) ({MONTHS}) (\d{{4}})$", re.IGNORECASE)
LOOSE_LONG_DATE = re.compile(r"^\d{1,2} [A-Za-z]+ \d{4}$")
NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
UPDATE_LINE = re.compile(r"^(\d{1,2} [A-Za-z]+ \d{4}) – (.*)$")
SECTION_TITLE = re.compile(r"^(\d+)\.?\s+(.+)$", re.DOTALL)
NUMBERED_ACTION = re.compile(r"^(\d+)\.(\d+)\s+(.*)$", re.DOTALL)
LETTERED_ACTION = re.compile(r"^([a-z]{1,2})\)\s+(.*)$", re.DOTALL)


# Export --------------------------------------------------------------------------------------

def plan_rows(plan, sections):
    """[(kind, [cells], rag)] for the plan in reading order; kinds: meta, blank, section, heading,
    statement, columns, action."""
    rows = [
        ("meta", ["Plan", plan.title], None),
        ("meta", ["Period", plan.period], None),
        ("meta", ["Partner organisations", "; ".join(o.name for o in plan.partner_organisations.all())], None),
    ]
    for section in sections:
        rows.append(("blank", [], None))
        rows.append(("section", [section.display_title], None))
        rows.append(("heading", [section.responsibility_heading], None))
        rows.append(("statement", [section.responsibility_text], None))
        rows.append(("columns", list(COLUMNS), None))
        for action in section.top_actions:
            rows.append(("action", action_cells(action), action.rag))
            for sub in action.subs:
                rows.append(("action", action_cells(sub), sub.rag))
    return rows


def action_cells(action):
    progress = "\n\n".join(f"{plain_date(u.date)}{UPDATE_SEPARATOR}{u.text}" for u in action.progress_updates.all())
    rag = Rag(action.rag).label if action.rag else ""
    return [f"{action.number} {action.text}", action.lead_display, action.timescale_display, progress, rag]


def export_xlsx(plan, sections) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for kind, cells, rag in plan_rows(plan, sections):
        r = xlsx_append(ws, cells)
        if kind == "blank":
            continue
        for c in range(1, max(len(cells), 1) + 1):
            ws.cell(row=r, column=c).alignment = wrap
        if kind == "section":
            ws.cell(row=r, column=1).font = Font(bold=True, size=14)
        elif kind in ("heading", "meta"):
            ws.cell(row=r, column=1).font = bold
        elif kind == "columns":
            for c in range(1, 6):
                cell = ws.cell(row=r, column=c)
                cell.font = bold
                cell.fill = PatternFill("solid", fgColor="D9D9D9")
        elif kind == "action" and rag in RAG_FILLS:
            fill, font = RAG_FILLS[rag]
            cell = ws.cell(row=r, column=5)
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(bold=True, color=font)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_csv(plan, sections) -> str:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    for _kind, cells, _rag in plan_rows(plan, sections):
        writer.writerow(cells)
    return out.getvalue()


# Import --------------------------------------------------------------------------------------

@dataclass
class RowError:
    row: int
    column: str  # "A (Action)"
    message: str

    def __str__(self):
        return f"Row {self.row}, column {self.column}: {self.message}"


class ImportErrors(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass
class ParsedAction:
    row: int
    text: str
    lead_person: object = None
    lead_group: str = ""
    lead_organisation: object = None
    timescale_date: datetime.date | None = None
    timescale_text: str = ""
    updates: list = field(default_factory=list)  # [(date, text)] newest first
    rag: str = ""
    subs: list = field(default_factory=list)


@dataclass
class ParsedSection:
    row: int
    title: str
    numbered: bool
    heading: str = ""
    text: str = ""
    actions: list = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str = ""
    period: str = ""
    partners: list = field(default_factory=list)
    sections: list = field(default_factory=list)


def _col(index):
    return f"{get_column_letter(index + 1)} ({COLUMNS[index]})" if index < len(COLUMNS) else get_column_letter(index + 1)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return plain_date(value)
    return restore_cell(str(value).replace("\r\n", "\n").strip())


def read_upload(upload) -> list[list[str]]:
    """Rows of cell texts from an uploaded .xlsx or .csv, judged by content, not name."""
    data = upload.read()
    if data[:4] == b"PK\x03\x04":
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportErrors([RowError(0, "–", f"The Excel file could not be read ({exc.__class__.__name__}).")])
        ws = wb.worksheets[0]
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportErrors([RowError(0, "–", "The file is neither an Excel (.xlsx) file nor a UTF-8 CSV file.")])
    return [[_text(v) for v in row] for row in csv.reader(io.StringIO(content, newline=""))]


def parse_date(text: str) -> datetime.date | None:
    """'31 May 2012', '10.10.2012', '31/05/2012', '2012-05-31'. None if it is not a date at all;
    ValueError if it looks like a date but is not a real one."""
    if m := LONG_DATE.match(text):
        return datetime.datetime.strptime(f"{m[1]} {m[2].title()} {m[3]}", "%d %B %Y").date()
    if LOOSE_LONG_DATE.match(text):
        raise ValueError(text)
    if m := NUMERIC_DATE.match(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return datetime.date(year, int(m[2]), int(m[1]))
    if m := ISO_DATE.match(text):
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def parse_updates(text: str, default_date: datetime.date):
    """'23 September 2013 – text' entries, newest first; undated text (as in the reference:
    "Completed") becomes one entry dated `default_date`."""
    entries, current = [], None
    for line in text.split("\n"):
        m = UPDATE_LINE.match(line)
        if m:
            current = [parse_date(m[1]), [m[2]]]  # may raise ValueError
            entries.append(current)
        elif current is None:
            current = [default_date, [line]]
            entries.append(current)
        else:
            current[1].append(line)
    return [(d, "\n".join(lines).strip()) for d, lines in entries if "\n".join(lines).strip()]


def parse_lead(text: str):
    """(person, group, organisation) from 'DI Hillier, Notts Police', 'CSECAG',
    'Training Working Group (Jo Williams, CityCare Partnership)'."""
    from actions.services import organisation_for, person_named

    if not text:
        return None, "", None
    if m := re.match(r"^(.*?) \((.*)\)$", text, re.DOTALL):
        person, org = _person_part(m[2], person_named, organisation_for)
        if person:
            return person, m[1], org
        return None, text, None
    person, org = _person_part(text, person_named, organisation_for)
    if person:
        return person, "", org
    if ", " in text:
        group, org_name = text.rsplit(", ", 1)
        org = organisation_for(org_name)
        if org:
            return None, group, org
    return None, text, None


def _person_part(text, person_named, organisation_for):
    if ", " in text:
        name, org_name = text.rsplit(", ", 1)
        person = person_named(name)
        if person:
            own = person.organisation
            if own and org_name in (own.short_name, own.name):
                return person, None
            org = organisation_for(org_name)
            if org:
                return person, org
    person = person_named(text)
    return (person, None) if person else (None, None)


def parse_plan(rows: list[list[str]], today: datetime.date) -> ParsedPlan:
    """Check every row; raise ImportErrors listing each problem by row and column."""
    errors = []
    rows = [list(r) + [""] * (5 - len(r)) for r in rows]
    plan = ParsedPlan()

    def cell(i, j):
        return rows[i][j] if i < len(rows) else ""

    expected_meta = ["Plan", "Period", "Partner organisations"]
    for i, label in enumerate(expected_meta):
        if cell(i, 0).lower() != label.lower():
            errors.append(RowError(i + 1, "A", f"Expected “{label}” here (the first three rows name the plan, "
                                                "its period and its partner organisations)."))
    plan.title, plan.period = cell(0, 1), cell(1, 1)
    if not plan.title:
        errors.append(RowError(1, "B", "The plan needs a title."))
    plan.partners = [p.strip() for p in cell(2, 1).split(";") if p.strip()]

    i = 3
    section = None
    state = "between"  # between sections | in-table
    while i < len(rows):
        row = rows[i]
        n = i + 1
        if not any(row):
            state, i = "between", i + 1
            continue
        if state == "between":
            title = row[0]
            m = SECTION_TITLE.match(title)
            section = ParsedSection(row=n, title=m[2].strip() if m else title, numbered=bool(m))
            plan.sections.append(section)
            section.heading, section.text = cell(i + 1, 0), cell(i + 2, 0)
            header = [c.lower() for c in rows[i + 3][:5]] if i + 3 < len(rows) else []
            if header != [c.lower() for c in COLUMNS] and header != ["action", "lead", "timescale",
                                                                      "progress to date", "rag rating"]:
                errors.append(RowError(i + 4, "A–E", "Expected the column headings "
                                                     "“Action | Lead | Timescale | Progress to date | RAG rating” "
                                                     "(a section is its title, its responsibility heading and "
                                                     "statement, then the headings)."))
                # Skip to the next blank row: the rest of this block cannot be read reliably.
                while i < len(rows) and any(rows[i]):
                    i += 1
                continue
            state, i = "in-table", i + 4
            continue
        _parse_action_row(row, n, section, plan, errors, today)
        i += 1
    if not plan.sections and not errors:
        errors.append(RowError(5, "A", "The file has no sections."))
    if errors:
        raise ImportErrors(errors)
    return plan


def _parse_action_row(row, n, section, plan, errors, today):
    number_of_section = sum(1 for s in plan.sections if s.numbered) if section.numbered else None
    first = row[0]
    parent = None
    m_num, m_let = NUMBERED_ACTION.match(first), LETTERED_ACTION.match(first)
    if section.numbered and m_num:
        if int(m_num[1]) != number_of_section:
            errors.append(RowError(n, _col(0), f"“{m_num[1]}.{m_num[2]}” is in section {number_of_section}; "
                                               f"number it {number_of_section}.{m_num[2]}."))
        text = m_num[3]
    elif m_let and (not section.numbered or section.actions):
        parent = section.actions[-1] if section.numbered else None
        text = m_let[2]
    elif m_let:
        errors.append(RowError(n, _col(0), "A lettered sub-action must follow a numbered action."))
        return
    else:
        hint = "1.1, 1.2 …" if section.numbered else "a), b) …"
        errors.append(RowError(n, _col(0), f"Start the action with its number ({hint}), then its wording."))
        return
    text = text.strip()
    if not text:
        errors.append(RowError(n, _col(0), "The action has a number but no wording."))
    action = ParsedAction(row=n, text=text)
    action.lead_person, action.lead_group, action.lead_organisation = parse_lead(row[1])
    if len(action.lead_group) > 200:
        errors.append(RowError(n, _col(1), "The lead is longer than 200 characters."))
    timescale = row[2]
    try:
        action.timescale_date = parse_date(timescale)
    except ValueError:
        errors.append(RowError(n, _col(2), f"“{timescale}” is not a real date; write a date such as "
                                           "31 May 2012, or words such as Ongoing."))
    if action.timescale_date is None:
        if len(timescale) > 100:
            errors.append(RowError(n, _col(2), "The timescale is longer than 100 characters."))
        action.timescale_text = timescale
    try:
        action.updates = parse_updates(row[3], today)
    except ValueError:
        errors.append(RowError(n, _col(3), "A progress entry starts with a date that is not a real date "
                                           "(write “23 September 2013 – what happened”)."))
    rag = row[4].strip().lower()
    if rag not in RAG_WORDS:
        errors.append(RowError(n, _col(4), f"“{row[4]}” is not a RAG rating: use Red, Amber, Green or Blue "
                                           "(complete), or leave it blank."))
    else:
        action.rag = RAG_WORDS[rag]
    if parent is not None:
        parent.subs.append(action)
    else:
        section.actions.append(action)
