"""The five-clear-day publication deadline, with weekends and England & Wales bank holidays."""
import datetime

import pytest

from meetings.deadlines import first_clear_day, is_late, publication_deadline

D = datetime.date


@pytest.mark.parametrize(
    "meeting, deadline",
    [
        # The reference meeting: Monday 18 November 2013 -> publish by Friday 8 November.
        (D(2013, 11, 18), D(2013, 11, 8)),
        # A Friday meeting in an ordinary week.
        (D(2013, 11, 22), D(2013, 11, 14)),
        # Easter 2024: Good Friday 29 March and Easter Monday 1 April are not clear days.
        (D(2024, 4, 4), D(2024, 3, 25)),
        # Christmas 2023: 25 and 26 December and New Year's Day 2024 are bank holidays, so the
        # five clear days run 27 December to 3 January and the last working day before is 22 December.
        (D(2024, 1, 4), D(2023, 12, 22)),
        # Christmas 2020: Boxing Day fell on Saturday, so Monday 28 December was the substitute holiday.
        (D(2021, 1, 4), D(2020, 12, 22)),
        # Early May bank holiday 2025 (Monday 5 May) inside the window.
        (D(2025, 5, 9), D(2025, 4, 30)),
    ],
)
def test_publication_deadline_for_known_meetings(meeting, deadline):
    assert publication_deadline(meeting) == deadline


def test_first_clear_day_skips_weekend_and_easter():
    assert first_clear_day(D(2024, 4, 4)) == D(2024, 3, 26)


def test_publishing_on_the_deadline_is_on_time_and_a_day_later_is_late():
    meeting = D(2013, 11, 18)
    assert not is_late(meeting, D(2013, 11, 8))
    # Saturday 9 November still leaves Monday 11 to Friday 15 as five clear days.
    assert not is_late(meeting, D(2013, 11, 9))
    assert is_late(meeting, D(2013, 11, 11))
    assert is_late(meeting, D(2013, 11, 18))
