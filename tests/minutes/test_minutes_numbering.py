"""Minute numbers run on across a board's meetings and never restart; confirmed minutes never renumber."""
import datetime

import pytest

from minutes import services as svc
from minutes.models import MinutesLocked

from tests.minutes.factories import drafted, numbers

D1, D2, D3 = datetime.date(2030, 1, 10), datetime.date(2030, 3, 10), datetime.date(2030, 5, 10)


@pytest.fixture
def three_meetings(board, clerk):
    first = drafted(board, D1, clerk, first_number=18)
    second = drafted(board, D2, clerk)
    third = drafted(board, D3, clerk)
    return first, second, third


def test_minutes_number_on_from_the_boards_last_minute(three_meetings):
    first, second, third = three_meetings
    assert numbers(first) == [18, 19, 20, 21]
    assert numbers(second) == [22, 23, 24, 25]
    assert numbers(third) == [26, 27, 28, 29]


def test_inserting_a_minute_renumbers_this_and_later_draft_meetings(three_meetings, clerk):
    first, second, third = three_meetings
    after = second.minutes.get(number=23)
    inserted = svc.minute_insert(meeting=second, after=after, title="Urgent item", user=clerk)
    assert inserted.number == 24
    assert numbers(first) == [18, 19, 20, 21]
    assert numbers(second) == [22, 23, 24, 25, 26]
    assert numbers(third) == [27, 28, 29, 30]


def test_removing_a_minute_renumbers_this_and_later_draft_meetings(three_meetings, clerk):
    first, second, third = three_meetings
    svc.minute_delete(minute=first.minutes.get(number=19), user=clerk)
    assert numbers(first) == [18, 19, 20]
    assert numbers(second) == [21, 22, 23, 24]
    assert numbers(third) == [25, 26, 27, 28]


def test_moving_a_minute_swaps_the_numbers(three_meetings, clerk):
    first, _, _ = three_meetings
    m = first.minutes.get(number=21)
    svc.minute_move(minute=m, direction="up", user=clerk)
    m.refresh_from_db()
    assert m.number == 20


def test_nothing_renumbers_after_confirmation(three_meetings, clerk):
    first, second, third = three_meetings
    svc.minutes_publish(meeting=first, user=clerk)
    svc.minutes_confirm(meeting=first, at_meeting=second, user=clerk)
    before = numbers(first)
    # Inserting into a later meeting renumbers only what follows; the confirmed minutes keep theirs.
    svc.minute_insert(meeting=second, after=None, title="New first minute", user=clerk)
    assert numbers(first) == before == [18, 19, 20, 21]
    assert numbers(second)[0] == 22
    # Confirmed minutes refuse an insert or a removal that would renumber them.
    with pytest.raises(MinutesLocked):
        svc.minute_insert(meeting=first, after=None, title="Late addition", user=clerk)
    with pytest.raises(MinutesLocked):
        svc.minute_delete(minute=first.minutes.get(number=19), user=clerk)
    assert numbers(first) == [18, 19, 20, 21]


def test_a_change_that_would_renumber_later_confirmed_minutes_is_refused(board, clerk):
    # An unusual order of events: a later meeting's minutes confirmed while an earlier one is still in draft.
    first = drafted(board, D1, clerk, first_number=1)
    second = drafted(board, D2, clerk)
    third = drafted(board, D3, clerk)
    svc.minutes_publish(meeting=second, user=clerk)
    svc.minutes_confirm(meeting=second, at_meeting=third, user=clerk)
    with pytest.raises(MinutesLocked):
        svc.minute_insert(meeting=first, after=None, title="Would push the confirmed numbers on", user=clerk)
    assert numbers(second) == [5, 6, 7, 8]


def test_partial_attendance_follows_its_minutes_when_they_renumber(board, clerk, member):
    first = drafted(board, D1, clerk, first_number=10)
    rows = svc.attendance_prefill(meeting=first, user=clerk)
    row = next(r for r in rows if r.person.user == member)
    svc.attendance_record(meeting=first, rows=[{"id": row.pk, "status": "present", "from_minute": 12, "to_minute": 13}],
                          version=svc.minutes_record_for(first).version, user=clerk)
    svc.minute_insert(meeting=first, after=None, title="Inserted", user=clerk)
    row.refresh_from_db()
    assert (row.from_minute, row.to_minute) == (13, 14)


@pytest.mark.parametrize("business", [2, 20])
def test_inserting_a_first_minute_renumbers_in_a_fixed_number_of_queries(
        board, clerk, business, django_assert_max_num_queries):
    titles = ("Apologies for absence", "Declarations of interests", "Minutes") + tuple(
        f"Business {i}" for i in range(business))
    first = drafted(board, D1, clerk, first_number=1, titles=titles)
    later = drafted(board, D2, clerk, titles=titles)
    total = len(titles)
    # Fixed whatever the number of minutes: the search index keeps the new minute (4 queries) too.
    with django_assert_max_num_queries(34):
        svc.minute_insert(meeting=first, after=None, title="Urgent item", user=clerk)
    assert numbers(first) == list(range(1, total + 2))
    assert numbers(later) == list(range(total + 2, 2 * total + 2))
    # Every renumbered minute keeps its history, naming the clerk.
    moved = later.minutes.get(position=total)
    assert moved.history.first().number == 2 * total + 1
    assert moved.history.first().history_user == clerk
