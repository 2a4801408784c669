"""Every CSV and XLSX Quorum writes goes through here, so text typed by officers is never a formula.

A spreadsheet program treats a cell starting with `=`, `+`, `-` or `@` (and, in some programs, a
tab or carriage return before them, or the full-width forms) as a formula: `=HYPERLINK(…)` or
`=WEBSERVICE(…)` in an action's text would run on the reader's computer when they open the
public export. So:

- CSV: such a cell is written with a leading apostrophe (`'=SUM(A1)`), the OWASP advice; every
  spreadsheet program shows it as text. A plain number (`-3`, `+1.5`) is left alone.
- XLSX: the cell is stored as a string, never a formula, with Excel's "quote prefix" (the text is
  shown exactly as typed and stays text if the reader edits it).

`restore_cell` undoes the CSV apostrophe when one of our own exports is imported back.
"""
import csv
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)%?$")


def is_risky(value) -> bool:
    """True for text a spreadsheet program could read as a formula."""
    if not isinstance(value, str) or not value:
        return False
    return value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(value)


def neutralise_cell(value):
    """The value as a CSV cell that no spreadsheet program runs as a formula."""
    return "'" + value if is_risky(value) else value


def restore_cell(value):
    """Undo `neutralise_cell` for a cell read back from a CSV."""
    if isinstance(value, str) and value.startswith("'") and is_risky(value[1:]):
        return value[1:]
    return value


class SafeCSVWriter:
    """`csv.writer` whose every row is neutralised; the only CSV writer exports should use."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, cells):
        return self._writer.writerow([neutralise_cell(c) for c in cells])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeCSVWriter:
    return SafeCSVWriter(out, **kwargs)


def xlsx_append(ws, cells) -> int:
    """Append a row to an openpyxl worksheet with every text cell stored as text; returns its row.

    openpyxl turns any string starting with "=" into a formula; here a risky cell is forced back
    to a string and given the quote prefix.
    """
    ws.append(list(cells))
    row = ws.max_row
    for column, value in enumerate(cells, start=1):
        if is_risky(value):
            cell = ws.cell(row=row, column=column)
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True
    return row
