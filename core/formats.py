"""en-GB formatting as the council's papers print it."""
import datetime


def long_date(d: datetime.date) -> str:
    """'Monday 18 November 2013'."""
    if d is None:
        return ""
    return f"{d:%A} {d.day} {d:%B %Y}"


def plain_date(d: datetime.date) -> str:
    """'23 September 2013'."""
    if d is None:
        return ""
    return f"{d.day} {d:%B %Y}"


def upper_date(d: datetime.date) -> str:
    """'23 SEPTEMBER 2013' as in the minutes heading."""
    return plain_date(d).upper()


def _time_parts(t: datetime.time):
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}.{t.minute:02d}", suffix


def short_time(t: datetime.time) -> str:
    """'2.00pm' as on the agenda front sheet."""
    if t is None:
        return ""
    clock, suffix = _time_parts(t)
    return f"{clock}{suffix}"


def spaced_time(t: datetime.time) -> str:
    """'3.00 pm' as in the minutes heading."""
    if t is None:
        return ""
    clock, suffix = _time_parts(t)
    return f"{clock} {suffix}"
