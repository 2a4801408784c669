"""Reporting periods: where a period starts and ends, what the papers call it, and lag.

Financial years start on 1 April, academic years on 1 September. Quarters follow the year
(financial Q1 is April–June). A period is identified by its first day; a value may also cover a
non-standard span (the reference's local offending measure covers September–December 2012), so
the end date is stored with the value and the label falls back to the months it covers.
"""
import datetime

MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
FINANCIAL, ACADEMIC = "financial", "academic"
YEAR_START_MONTH = {FINANCIAL: 4, ACADEMIC: 9}
MONTHS_IN = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


def _add_months(d: datetime.date, months: int) -> datetime.date:
    index = d.year * 12 + (d.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_start_for(day: datetime.date, frequency: str, year_basis: str) -> datetime.date:
    """First day of the standard period containing `day`."""
    step = MONTHS_IN[frequency]
    first_month = YEAR_START_MONTH[year_basis]
    months_since = (day.month - first_month) % 12
    start = _add_months(datetime.date(day.year, day.month, 1), -(months_since % step))
    return start


def is_period_start(day: datetime.date, frequency: str, year_basis: str) -> bool:
    return period_start_for(day, frequency, year_basis) == day


def shift(start: datetime.date, frequency: str, periods: int) -> datetime.date:
    return _add_months(start, MONTHS_IN[frequency] * periods)


def standard_end(start: datetime.date, frequency: str) -> datetime.date:
    return shift(start, frequency, 1) - datetime.timedelta(days=1)


def _year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _year_of(start: datetime.date, year_basis: str) -> int:
    return start.year if start.month >= YEAR_START_MONTH[year_basis] else start.year - 1


def _months(start: datetime.date, end: datetime.date) -> str:
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def label(start: datetime.date, end: datetime.date | None, frequency: str, year_basis: str) -> str:
    """'2012/13', 'Q3 2012/13', 'December 2012'; a non-standard span reads 'September to December 2012'."""
    if end is not None and (not is_period_start(start, frequency, year_basis) or end != standard_end(start, frequency)):
        return _months(start, end)
    if frequency == ANNUAL:
        return _year_label(_year_of(start, year_basis))
    if frequency == QUARTERLY:
        quarter = ((start.month - YEAR_START_MONTH[year_basis]) % 12) // 3 + 1
        return f"Q{quarter} {_year_label(_year_of(start, year_basis))}"
    return f"{start:%B %Y}"


def long_label(start: datetime.date, end: datetime.date, frequency: str, year_basis: str) -> str:
    """'Q3 2012/13 (October to December 2012)' — the short label with the months it covers."""
    short = label(start, end, frequency, year_basis)
    if frequency == QUARTERLY and short.startswith("Q"):
        return f"{short} ({_months(start, end)})"
    return short


def latest_reportable_cutoff(as_of: datetime.date, frequency: str, year_basis: str, lag: int) -> datetime.date:
    """Values whose period ends before this date may be reported on `as_of`.

    Lag counts periods in arrears from the period containing `as_of`: lag 1 is the last completed
    period; lag 2 ("two quarters in arrears") the one before it.
    """
    current = period_start_for(as_of, frequency, year_basis)
    return shift(current, frequency, 1 - lag)


def due_from(start: datetime.date, end: datetime.date, frequency: str, year_basis: str, lag: int) -> datetime.date:
    """The first day a value for the period may be entered: the day after it ends, and not before
    the reporting lag makes it the period reported (lag 2: from the start of the second period after)."""
    last_period = period_start_for(end, frequency, year_basis)
    return max(end + datetime.timedelta(days=1), shift(last_period, frequency, lag))
