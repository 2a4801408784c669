"""The statutory publication deadline (Local Government Act 1972 s100B(3)).

The agenda and reports must be open to inspection for at least five *clear* days before the
meeting. Clear days exclude the day of publication, the day of the meeting, Saturdays, Sundays
and bank holidays in England and Wales.
"""
import datetime
from functools import lru_cache

import holidays

CLEAR_DAYS = 5


@lru_cache(maxsize=64)
def _bank_holidays(year):
    # England and Wales share bank holidays; `holidays` calls the subdivision ENG.
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def first_clear_day(meeting_date: datetime.date) -> datetime.date:
    """The earliest of the five clear working days immediately before the meeting."""
    day, counted = meeting_date, 0
    while counted < CLEAR_DAYS:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def publication_deadline(meeting_date: datetime.date) -> datetime.date:
    """The last working day on which the agenda can be published and still give five clear days.

    Publishing later on a non-working day just before the first clear day is lawful too (see
    `is_late`), but clerks publish on working days, so that is the date we show.
    """
    day = first_clear_day(meeting_date) - datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def is_late(meeting_date: datetime.date, published_on: datetime.date) -> bool:
    """True when publishing on `published_on` leaves fewer than five clear days."""
    return published_on >= first_clear_day(meeting_date)
