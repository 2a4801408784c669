"""Import of indicator values from a CSV or XLSX file: every row is checked first, then all rows
are written in one transaction, or none (ImportRejected names each bad row and column)."""
import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.concurrency import UNCHECKED
from performance.figures import FigureError
from performance.models import Comparator, Indicator
from performance.services import COMPARATOR_FIELDS, _check_value, _set_target, _upsert_value

IMPORT_COLUMNS = ["indicator", "period_start", "period_end", "numerator", "denominator", "value", "target",
                  "england", "region", "statistical_neighbours", "provisional", "notes"]
REQUIRED_COLUMNS = ["indicator", "period_start"]


@dataclass
class ImportProblem:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.row == 1:
            return f"Header row, column “{self.column}”: {self.message}"
        return f"Row {self.row}, column “{self.column}”: {self.message}"


class ImportRejected(Exception):
    """Nothing was imported; `problems` names each bad row and column."""

    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _read_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise ImportRejected([ImportProblem(1, "file", "This is not an Excel workbook that can be read.")])
        rows = []
        for cells in sheet.iter_rows(values_only=True):
            rows.append(["" if c is None else (c.date().isoformat() if isinstance(c, datetime.datetime) else str(c)) for c in cells])
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([ImportProblem(1, "file", "The file is not UTF-8 text; save it as “CSV UTF-8”.")])
    return [row for row in csv.reader(io.StringIO(text))]


def _parse_date(text: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("must be a date such as 2012-10-01 or 01/10/2012")


def _parse_number(text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    if text == "":
        return None
    try:
        n = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{text}” is not a number")
    if not n.is_finite():
        raise ValueError(f"“{text}” is not a number")
    return n


def _parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in ("", "no", "n", "false", "0"):
        return False
    if t in ("yes", "y", "true", "1", "provisional"):
        return True
    raise ValueError("must be yes or no")


def indicator_values_import(*, content: bytes, filename: str, user) -> int:
    """Import period values from CSV or XLSX: all rows or none.

    Every row is checked first; if any cell is wrong, ImportRejected lists each problem by row
    (as the spreadsheet numbers it, header is row 1) and column, and nothing is written.
    Returns the number of values recorded.
    """
    rows = _read_rows(content, filename)
    if not rows:
        raise ImportRejected([ImportProblem(1, "file", "The file is empty.")])
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    problems = [ImportProblem(1, c, "this column is required") for c in REQUIRED_COLUMNS if c not in header]
    problems += [ImportProblem(1, h, "unknown column; expected one of " + ", ".join(IMPORT_COLUMNS))
                 for h in header if h and h not in IMPORT_COLUMNS]
    if problems:
        raise ImportRejected(problems)
    codes = {r[header.index("indicator")].strip() for r in rows[1:] if len(r) > header.index("indicator")}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes).prefetch_related("boards", "responsible_officers")}
    parsed, seen = [], {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in raw):
            continue
        cells = {h: (raw[k] if k < len(raw) else "") for k, h in enumerate(header) if h}
        row_problems = []
        code = cells["indicator"].strip()
        indicator = indicators.get(code)
        if indicator is None:
            row_problems.append(ImportProblem(number, "indicator", f"no indicator has the code “{code}”"))
        elif not user.has_perm("performance.enter_values", indicator):
            row_problems.append(ImportProblem(number, "indicator", f"you may not enter values for {code}"))
        values = {}
        for column in ("period_start", "period_end"):
            text = cells.get(column, "").strip()
            if not text:
                values[column] = None
                continue
            try:
                values[column] = _parse_date(text)
            except ValueError as exc:
                row_problems.append(ImportProblem(number, column, str(exc)))
        if values.get("period_start") is None and not any(p.column == "period_start" for p in row_problems):
            row_problems.append(ImportProblem(number, "period_start", "enter the first day of the period"))
        for column in ("numerator", "denominator", "value", "target", "england", "region", "statistical_neighbours"):
            try:
                values[column] = _parse_number(cells.get(column, ""))
            except ValueError as exc:
                row_problems.append(ImportProblem(number, column, str(exc)))
        try:
            values["provisional"] = _parse_bool(cells.get("provisional", ""))
        except ValueError as exc:
            row_problems.append(ImportProblem(number, "provisional", str(exc)))
        if indicator is not None and not row_problems:
            try:
                stored, period_end = _check_value(
                    indicator, period_start=values["period_start"], period_end=values["period_end"],
                    numerator=values["numerator"], denominator=values["denominator"], value=values["value"],
                )
            except FigureError as exc:
                row_problems.append(ImportProblem(number, exc.field, exc.message[0].lower() + exc.message[1:]))
            else:
                key = (code, values["period_start"])
                if key in seen:
                    row_problems.append(ImportProblem(number, "period_start", f"the same period is also on row {seen[key]}"))
                seen[key] = number
                values.update(stored=stored, period_end=period_end)
        problems += row_problems
        if not row_problems:
            parsed.append((indicator, values, cells.get("notes", "")))
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        for indicator, v, notes in parsed:
            _upsert_value(indicator, period_start=v["period_start"], period_end=v["period_end"],
                          numerator=v["numerator"], denominator=v["denominator"], stored=v["stored"],
                          notes=notes, is_provisional=v["provisional"], version=UNCHECKED, user=user,
                          reason=f"Imported from {filename}")
            _set_target(indicator, v["period_start"], v["target"], user)
        _import_comparators(parsed, user)
    return len(parsed)


def _import_comparators(parsed, user):
    """The comparators of every imported row: one query for those already held, then one bulk
    insert and one bulk update (each with its history), however many rows there are."""
    existing = {
        (c.indicator_id, c.period_start, c.kind): c
        for c in Comparator.objects.filter(indicator__in={i.pk for i, _v, _n in parsed},
                                           period_start__in={v["period_start"] for _i, v, _n in parsed})
    }
    new, changed = [], []
    for indicator, v, _notes in parsed:
        for kind, column in COMPARATOR_FIELDS.items():
            value = v[column]
            if value is None:
                continue
            row = existing.get((indicator.pk, v["period_start"], kind))
            if row is None:
                new.append(Comparator(indicator=indicator, period_start=v["period_start"], kind=kind, value=value))
            elif row.value != value:
                row.value = value
                changed.append(row)
    who = user if user is not None and getattr(user, "is_authenticated", False) else None
    if new:
        bulk_create_with_history(new, Comparator, default_user=who)
    if changed:
        bulk_update_with_history(changed, Comparator, ["value"], default_user=who)
