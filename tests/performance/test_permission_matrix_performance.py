"""The permission matrix for indicators, values and performance reports.

Every performance URL × every role × an indicator followed by this board, one followed only by
the other board and one followed by no board; performance reports (snapshots) that are the public
paper of a published item, the members' version of it, the paper of an exempt item and the paper
of an unpublished meeting. The public sees followed indicators (small numbers suppressed, which
other tests check); people on a following board see the audit history; officers and clerks of a
following board enter values; the board's clerk freezes performance reports.
"""
import datetime

import time_machine

from performance import services

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory
from tests.matrix import ADMIN, EVERYONE, ON_BOARD, OTHER_BOARD, STAFF, check_cell, make_cast, matrix, world_fixture

# The officer named on the indicator ("author") and the clerk of a following board; another officer
# of the same board is not named, so may not.
ENTER_HERE = frozenset({"author", "clerk", "admin"})
ENTER_THERE = frozenset({"other_clerk", "admin"})
ANY_ENTERER = frozenset({"author", "clerk", "other_clerk", "admin"})  # named somewhere, or a clerk
KEEPERS = frozenset({"clerk", "other_clerk", "admin"})  # a clerk (or performance lead) of any board


def _november_2013():
    """The reference meeting: Q3 2013/14, with 2012 quarters open for entry and correction."""
    return time_machine.travel(datetime.datetime(2013, 11, 18, 14, 0), tick=False)


class PerformanceWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        clerk = self.users["clerk"]
        self.followed = IndicatorFactory(code="CIC-OFF", boards=[board],
                                         responsible_officers=[self.users["author"].person])
        self.other_followed = IndicatorFactory(code="HWB-OBE", boards=[other_board])
        self.unfollowed = IndicatorFactory(code="LONELY")
        self.value = IndicatorValueFactory(indicator=self.followed, period_start=datetime.date(2012, 4, 1))
        IndicatorValueFactory(indicator=self.other_followed, period_start=datetime.date(2012, 4, 1))

        published = MeetingFactory(board=board, date=datetime.date(2013, 11, 18),
                                   agenda_published_at=datetime.datetime(2013, 11, 8, tzinfo=datetime.timezone.utc))
        unpublished = MeetingFactory(board=board, date=datetime.date(2014, 1, 20))
        pub_item = AgendaItemFactory(meeting=published, position=1, title="Performance report")
        exempt_item = AgendaItemFactory(meeting=published, position=2, title="Placements by provider", is_exempt=True,
                                        exempt_paragraph=3, exempt_reason="Contract prices")
        unpub_item = AgendaItemFactory(meeting=unpublished, position=1, title="Performance report")

        def snapshot(public, item):
            return services.performance_snapshot_create(board=board, user=clerk, public=public, indicators=[self.followed],
                                                        as_of=datetime.date(2013, 11, 1), agenda_item=item)

        self.public_snapshot = snapshot(True, pub_item)
        self.members_snapshot = snapshot(False, pub_item)
        self.exempt_snapshot = snapshot(True, exempt_item)
        self.unpub_snapshot = snapshot(True, unpub_item)


def _value(w):
    return {"period_start": "2012-10-01", "numerator": "8", "denominator": "326", "notes": "", "england": "",
            "region": "", "statistical_neighbours": "", "target": ""}


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("indicator_list", "performance:indicator_list", "get", lambda w: [], EVERYONE, None),
    ("followed_indicator", "performance:indicator_detail", "get", lambda w: [w.followed.pk], EVERYONE, None),
    ("other_board_indicator", "performance:indicator_detail", "get", lambda w: [w.other_followed.pk], EVERYONE, None),
    ("unfollowed_indicator", "performance:indicator_detail", "get", lambda w: [w.unfollowed.pk], ADMIN, None),
    ("followed_indicator_enter_value", "performance:indicator_detail", "post", lambda w: [w.followed.pk], ENTER_HERE, _value),
    ("other_board_indicator_enter_value", "performance:indicator_detail", "post", lambda w: [w.other_followed.pk],
     ENTER_THERE, _value),
    ("unfollowed_indicator_enter_value", "performance:indicator_detail", "post", lambda w: [w.unfollowed.pk], ADMIN, _value),
    ("followed_indicator_export", "performance:indicator_export", "get", lambda w: [w.followed.pk], EVERYONE, None),
    ("unfollowed_indicator_export", "performance:indicator_export", "get", lambda w: [w.unfollowed.pk], ADMIN, None),
    ("followed_indicator_history", "performance:indicator_history", "get", lambda w: [w.followed.pk], ON_BOARD, None),
    ("other_board_indicator_history", "performance:indicator_history", "get", lambda w: [w.other_followed.pk],
     OTHER_BOARD, None),
    ("value_history", "performance:value_history", "get", lambda w: [w.value.pk], ON_BOARD, None),
    # The upload page is for anyone who enters values somewhere; each row is then checked against
    # the indicator it names (test_performance_import_all_or_nothing.py).
    ("values_import", "performance:values_import", "get", lambda w: [], ANY_ENTERER, None),
    ("value_withdraw", "performance:value_withdraw", "post", lambda w: [w.value.pk], ENTER_HERE,
     lambda w: {"reason": "Entered against the wrong quarter", "version": w.value.version}),
    ("indicator_create", "performance:indicator_create", "get", lambda w: [], KEEPERS, None),
    ("followed_indicator_edit", "performance:indicator_edit", "get", lambda w: [w.followed.pk], STAFF, None),
    ("other_board_indicator_edit", "performance:indicator_edit", "get", lambda w: [w.other_followed.pk],
     ENTER_THERE, None),
    ("unfollowed_indicator_edit", "performance:indicator_edit", "get", lambda w: [w.unfollowed.pk], ADMIN, None),
    ("followed_indicator_targets", "performance:indicator_benchmarks", "post", lambda w: [w.followed.pk], STAFF,
     {"period_start": "2013-04-01", "target": "3", "england": "", "region": "", "statistical_neighbours": ""}),
    ("unfollowed_indicator_targets", "performance:indicator_benchmarks", "get", lambda w: [w.unfollowed.pk],
     ADMIN, None),
    ("snapshot_create", "performance:snapshot_create", "get", lambda w: [w.board.slug], STAFF, None),
    ("public_snapshot_of_published_item", "performance:snapshot_detail", "get", lambda w: [w.public_snapshot.pk],
     EVERYONE, None),
    ("members_snapshot_of_published_item", "performance:snapshot_detail", "get", lambda w: [w.members_snapshot.pk],
     ON_BOARD, None),
    ("snapshot_of_exempt_item", "performance:snapshot_detail", "get", lambda w: [w.exempt_snapshot.pk], ON_BOARD, None),
    ("snapshot_of_unpublished_meeting", "performance:snapshot_detail", "get", lambda w: [w.unpub_snapshot.pk],
     ON_BOARD, None),
]

shared_matrix_world, world = world_fixture(PerformanceWorld, around=_november_2013)


@matrix(CASES)
def test_performance_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)
