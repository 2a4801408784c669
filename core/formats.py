"""en-GB formatting as the council's papers print it. Templates reach these through the filters
in core/templatetags/quorum.py; nothing a person reads uses Django's `|date` or prints a raw
datetime (Django would write "23 Nov 2026, 3:12 p.m." or "15:12")."""
import datetime

from django.utils import timezone


def _day(d):
    """A date, or a moment's date in London (the council's time), or None."""
    if isinstance(d, datetime.datetime):
        return timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    return d


def long_date(d: datetime.date) -> str:
    """'Monday 18 November 2013'."""
    d = _day(d)
    if d is None or d == "":
        return ""
    return f"{d:%A} {d.day} {d:%B %Y}"


def plain_date(d: datetime.date) -> str:
    """'23 September 2013'."""
    d = _day(d)
    if d is None or d == "":
        return ""
    return f"{d.day} {d:%B %Y}"


def upper_date(d: datetime.date) -> str:
    """'23 SEPTEMBER 2013' as in the minutes heading."""
    return plain_date(d).upper()


def month_year(d: datetime.date) -> str:
    """'November 2013', as in a report's heading."""
    d = _day(d)
    if d is None or d == "":
        return ""
    return f"{d:%B %Y}"


def _time_parts(t: datetime.time):
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}.{t.minute:02d}", suffix


def _clock(t):
    if isinstance(t, datetime.datetime):
        return timezone.localtime(t).time() if timezone.is_aware(t) else t.time()
    return t


def short_time(t: datetime.time) -> str:
    """'2.00pm' as on the agenda front sheet."""
    t = _clock(t)
    if t is None or t == "":
        return ""
    clock, suffix = _time_parts(t)
    return f"{clock}{suffix}"


def spaced_time(t: datetime.time) -> str:
    """'3.00 pm' as in the minutes heading."""
    t = _clock(t)
    if t is None or t == "":
        return ""
    clock, suffix = _time_parts(t)
    return f"{clock} {suffix}"


def date_and_time(moment: datetime.datetime) -> str:
    """'23 November 2026 at 3.12pm', in London time: when something happened. Takes the ISO text
    a frozen snapshot stores, too."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.datetime.fromisoformat(moment)
        except ValueError:
            return ""
    if not isinstance(moment, datetime.datetime):
        return plain_date(moment)
    return f"{plain_date(moment)} at {short_time(moment)}"


def long_date_and_time(moment: datetime.datetime) -> str:
    """'Monday 23 November 2026 at 3.12pm'."""
    if moment is None or moment == "":
        return ""
    return f"{long_date(moment)} at {short_time(moment)}"


def letter(n: int) -> str:
    """The n-th letter of a lettered list: 1 → 'a', 26 → 'z', then as Word carries on: 27 → 'aa', 28 → 'bb'.

    Minute points (a)…, sub-actions a)… and anything else the council letters use this one rule,
    so a long list never wraps back to 'a' and never switches to spreadsheet columns ('ab').
    """
    n = int(n)
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    """Lower-case roman numerals for sub-points and sub-resolutions: 4 → 'iv'."""
    n, out = int(n), ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out
