"""The permission matrix of the public side: calendar, decisions, members' pages, documents, feeds
and iCalendar. Everyone reads the public pages; a meeting's documents follow the meeting (an
unpublished one only for people on its board); the personal calendar page is for the signed-in,
and its feed answers only to its secret address."""
import datetime

from meetings.models import Meeting
from public.models import PersonalCalendar

from tests.factories import MeetingFactory
from tests.matrix import EVERYONE, LOGGED_IN, ON_BOARD, check_cell, make_cast, matrix, world_fixture


class PublicWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        self.published = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), status="agenda_published",
                                        agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
        self.unpublished = MeetingFactory(board=board, date=datetime.date(2031, 1, 20))
        self.member_person = self.users["member"].person
        self.officer_person = self.users["author"].person
        self.token = PersonalCalendar.objects.create(user=self.users["member"]).token
        assert Meeting.objects.count() == 2


CASES = [
    ("calendar", "public:calendar", "get", lambda w: [], EVERYONE, None),
    ("calendar_month", "public:calendar_month", "get", lambda w: [2030, 11], EVERYONE, None),
    ("ical_all", "public:ical_all", "get", lambda w: [], EVERYONE, None),
    ("ical_board", "public:ical_board", "get", lambda w: [w.board.slug], EVERYONE, None),
    ("personal_calendar", "public:personal_calendar", "get", lambda w: [], LOGGED_IN, None),
    ("personal_calendar_reset", "public:personal_calendar_reset", "post", lambda w: [], LOGGED_IN, {}),
    # The secret address is the key: whoever holds it reads it, signed in or not.
    ("ical_personal", "public:ical_personal", "get", lambda w: [w.token], EVERYONE, None),
    ("ical_personal_wrong_token", "public:ical_personal", "get", lambda w: ["guessed-token"], frozenset(), None),
    ("decisions", "public:decisions", "get", lambda w: [], EVERYONE, None),
    ("member_list", "public:member_list", "get", lambda w: [], EVERYONE, None),
    ("member", "public:member", "get", lambda w: [w.member_person.pk], EVERYONE, None),
    ("member_page_of_an_officer", "public:member", "get", lambda w: [w.officer_person.pk], frozenset(), None),
    ("documents", "public:documents", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("documents_unpublished", "public:documents", "get", lambda w: [w.unpublished.pk], ON_BOARD, None),
    ("feeds", "public:feeds", "get", lambda w: [], EVERYONE, None),
    ("feed_rss", "public:feed_rss", "get", lambda w: ["agendas"], EVERYONE, None),
    ("feed_atom", "public:feed_atom", "get", lambda w: ["decisions"], EVERYONE, None),
    ("board_feed_rss", "public:board_feed_rss", "get", lambda w: [w.board.slug, "minutes"], EVERYONE, None),
    ("board_feed_atom", "public:board_feed_atom", "get", lambda w: [w.board.slug, "packs"], EVERYONE, None),
]

shared_matrix_world, world = world_fixture(PublicWorld)


@matrix(CASES)
def test_permission_matrix_public(client, world, case, role):
    check_cell(client, world, case, role)
