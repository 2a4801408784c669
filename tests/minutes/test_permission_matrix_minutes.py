"""The permission matrix for attendance, declarations, minutes, resolutions and people.

Every minutes URL × every role × minutes in each state that matters to who may read them:
published minutes of a published meeting (the public reads them), draft minutes (the board's
members, its clerk and admins read them), published minutes of a meeting whose agenda is not
published (never public), confirmed minutes (locked), and the minute and resolution of an exempt
item. Only the board's clerk and admins edit minutes; an officer responds only to the resolutions
they own.
"""
import datetime

from boards.models import Membership
from minutes import services as svc
from meetings.models import AgendaItem
from minutes.models import Attendance

from tests.minutes.factories import drafted, meeting_with_items
from tests.matrix import EVERYONE, LOGGED_IN, ON_BOARD, STAFF, check_cell, make_cast, matrix, world_fixture

# Draft minutes: the Chair and members review them before they go out (meetings/rules.py).
MINUTES_READERS = frozenset({"member", "clerk", "admin"})
RESPONDERS = frozenset({"author", "clerk", "admin"})  # the resolution's owner, the clerk, admins
REGISTER_KEEPERS = frozenset({"member", "clerk", "admin"})  # the member themself, their board's clerk, admins

TITLES = ("Apologies for absence", "Declarations of interests", "Minutes", "Fostering update", "Contract award")


class MinutesWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        clerk, author = self.users["clerk"], self.users["author"]
        # In date order, so that minute numbers run on from one meeting to the next.
        self.confirmed = drafted(board, datetime.date(2029, 11, 12), clerk, first_number=1)
        self.published = meeting_with_items(board, datetime.date(2030, 1, 14), titles=TITLES)
        AgendaItem.objects.filter(meeting=self.published, position=5).update(
            is_exempt=True, exempt_paragraph=3, exempt_reason="Contract prices")
        svc.minutes_draft(meeting=self.published, user=clerk)
        self.draft = drafted(board, datetime.date(2030, 3, 11), clerk)
        self.undrafted = meeting_with_items(board, datetime.date(2030, 5, 13))
        self.unpublished = drafted(board, datetime.date(2030, 7, 8), clerk)

        svc.minutes_publish(meeting=self.confirmed, user=clerk)
        svc.minutes_confirm(meeting=self.confirmed, at_meeting=self.published, user=clerk, signed=False)
        svc.minutes_publish(meeting=self.published, user=clerk)
        svc.minutes_publish(meeting=self.unpublished, user=clerk)
        self.unpublished.agenda_published_at = None
        self.unpublished.save()

        self.pub_minute = self.published.minutes.get(agenda_item__position=4)
        self.exempt_minute = self.published.minutes.get(agenda_item__position=5)
        self.locked_minute = self.confirmed.minutes.get(agenda_item__position=4)
        self.minute = self.draft.minutes.get(agenda_item__position=4)
        self.point = svc.point_add(minute=self.minute, user=clerk, text="The Board noted the report.")
        self.point2 = svc.point_add(minute=self.minute, user=clerk, text="Members asked about placements.")
        removed = svc.point_add(minute=self.minute, user=clerk, text="A point the clerk removed.")
        self.removed_point_id = removed.pk
        svc.point_delete(point=removed, user=clerk)
        self.resolution = svc.resolution_add(minute=self.minute, user=clerk, text="to note the report.", owner=author.person,
                                             due_meeting=self.undrafted)
        self.resolution2 = svc.resolution_add(minute=self.minute, user=clerk, text="to receive an update.")
        self.exempt_resolution = svc.resolution_add(minute=self.exempt_minute, user=clerk,
                                                    text="to award the contract.", owner=author.person)
        member_person = self.users["member"].person
        self.other_attendee = svc.other_attendee_add(meeting=self.draft, person=self.users["other_officer"].person,
                                                     user=clerk, note="Observing")
        Attendance.objects.create(meeting=self.draft, person=member_person, status=Attendance.Status.PRESENT)
        self.declaration = svc.declaration_add(
            meeting=self.draft, person=member_person, agenda_item=self.minute.agenda_item, kind="other_registrable",
            text="Foster carer", action="took_part", user=clerk)
        self.interest = svc.interest_register(person=member_person, user=clerk, kind="other_registrable",
                                              description="Foster carer", registered_on=datetime.date(2029, 6, 1))


def _response(w):
    return {"form": "respond", "date": "2030-04-01", "text": "Placements reviewed.", "status": "in_progress"}


def _track(w):
    return {"form": "track", "owner": w.users["author"].person.pk, "due_meeting": w.undrafted.pk, "status": "in_progress",
            "version": w.resolution.version}


# (case name, URL name, method, URL args builder, roles allowed, POST data)
def _records_changed(meeting) -> dict:
    """The draft's last minute is the date of the next meeting, and what it says is out of date,
    so refreshing from the records rewrites it."""
    from minutes.models import Minute, Resolution

    minute = meeting.minutes.order_by("-position").first()
    Minute.objects.filter(pk=minute.pk).update(kind=Minute.Kind.NEXT_MEETING)
    Resolution.objects.create(minute=minute, order=1, text="The next meeting is to be confirmed.",
                              status=Resolution.Status.DONE)
    return {}


CASES = [
    # Reading the minutes: published / draft / published but the meeting's agenda is not / confirmed.
    ("published_minutes", "meetings:minutes", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("draft_minutes", "meetings:minutes", "get", lambda w: [w.draft.pk], MINUTES_READERS, None),
    ("minutes_of_unpublished_meeting", "meetings:minutes", "get", lambda w: [w.unpublished.pk], MINUTES_READERS, None),
    ("confirmed_minutes", "meetings:minutes", "get", lambda w: [w.confirmed.pk], EVERYONE, None),
    ("published_minutes_print", "meetings:minutes_print", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("draft_minutes_print", "meetings:minutes_print", "get", lambda w: [w.draft.pk], MINUTES_READERS, None),
    ("unpublished_meeting_minutes_print", "meetings:minutes_print", "get", lambda w: [w.unpublished.pk], MINUTES_READERS, None),
    ("published_minutes_pdf", "meetings:minutes_pdf", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("draft_minutes_pdf", "meetings:minutes_pdf", "get", lambda w: [w.draft.pk], MINUTES_READERS, None),
    ("unpublished_meeting_minutes_pdf", "meetings:minutes_pdf", "get", lambda w: [w.unpublished.pk], MINUTES_READERS, None),
    # The editor and the minutes' lifecycle: the board's clerk and admins only.
    ("draft_minutes_edit", "meetings:minutes_edit", "get", lambda w: [w.draft.pk], STAFF, None),
    ("published_minutes_edit", "meetings:minutes_edit", "get", lambda w: [w.published.pk], STAFF, None),
    ("confirmed_minutes_edit", "meetings:minutes_edit", "get", lambda w: [w.confirmed.pk], STAFF, None),
    ("minutes_draft", "meetings:minutes_draft", "post", lambda w: [w.undrafted.pk], STAFF, {}),
    ("minutes_refresh", "meetings:minutes_refresh", "post", lambda w: [w.draft.pk], STAFF,
     lambda w: _records_changed(w.draft)),
    ("minutes_publish", "meetings:minutes_publish", "post", lambda w: [w.draft.pk], STAFF, {}),
    ("minutes_unpublish", "meetings:minutes_unpublish", "post", lambda w: [w.published.pk], STAFF, {}),
    ("minutes_confirm", "meetings:minutes_confirm", "post", lambda w: [w.published.pk], STAFF,
     lambda w: {"at_meeting": w.draft.pk, "signed": "on"}),
    ("minutes_sign", "meetings:minutes_sign", "post", lambda w: [w.confirmed.pk], STAFF, {}),
    ("minute_insert", "meetings:minute_insert", "post", lambda w: [w.draft.pk], STAFF, {"title": "Any other business"}),
    # Attendance, apologies and declarations.
    ("attendance", "meetings:attendance", "get", lambda w: [w.draft.pk], STAFF, None),
    ("other_add", "meetings:other_add", "post", lambda w: [w.draft.pk], STAFF,
     lambda w: {"person": w.users["author"].person.pk, "note": "Observing"}),
    ("other_remove", "meetings:other_remove", "post", lambda w: [w.other_attendee.pk], STAFF, {}),
    ("apologies", "meetings:apologies", "get", lambda w: [w.draft.pk], MINUTES_READERS, None),
    ("member_sends_apologies", "meetings:apologies", "post", lambda w: [w.draft.pk], MINUTES_READERS,
     lambda w: {"person": w.users["member"].person.pk, "reason": "on other Council business"}),
    # Confirmed minutes are locked: nobody records apologies against them (admins are superusers).
    ("apologies_for_confirmed_minutes", "meetings:apologies", "get", lambda w: [w.confirmed.pk], {"admin"}, None),
    ("declarations", "meetings:declarations", "get", lambda w: [w.draft.pk], STAFF, None),
    ("declaration_delete", "meetings:declaration_delete", "post", lambda w: [w.declaration.pk], STAFF, {}),
    ("declaration_edit", "meetings:declaration_edit", "get", lambda w: [w.declaration.pk], STAFF, None),
    # Minutes, points and resolutions in the editor (an exempt item's minute is edited the same way).
    ("minute_edit", "meetings:minute_edit", "get", lambda w: [w.minute.pk], STAFF, None),
    ("exempt_minute_edit", "meetings:minute_edit", "get", lambda w: [w.exempt_minute.pk], STAFF, None),
    ("minute_delete", "meetings:minute_delete", "post", lambda w: [w.minute.pk], STAFF, {}),
    ("minute_move", "meetings:minute_move", "post", lambda w: [w.minute.pk], STAFF, {"direction": "up"}),
    ("minute_correct", "meetings:minute_correct", "get", lambda w: [w.locked_minute.pk], STAFF, None),
    ("point_add", "meetings:point_add", "post", lambda w: [w.minute.pk], STAFF, {"point-text": "A further point."}),
    ("points_reorder", "meetings:points_reorder", "post", lambda w: [w.minute.pk], STAFF,
     lambda w: {"item": [w.point2.pk, w.point.pk]}),
    ("point_edit", "meetings:point_edit", "get", lambda w: [w.point.pk], STAFF, None),
    ("point_delete", "meetings:point_delete", "post", lambda w: [w.point.pk], STAFF, {}),
    ("point_restore", "meetings:point_restore", "post", lambda w: [w.minute.pk, w.removed_point_id], STAFF, {}),
    ("point_move", "meetings:point_move", "post", lambda w: [w.point.pk], STAFF, {"direction": "down"}),
    ("resolution_add", "meetings:resolution_add", "post", lambda w: [w.minute.pk], STAFF,
     {"resolution-text": "to thank the officers."}),
    ("resolutions_reorder", "meetings:resolutions_reorder", "post", lambda w: [w.minute.pk], STAFF,
     lambda w: {"item": [w.resolution2.pk, w.resolution.pk]}),
    ("resolution_edit", "meetings:resolution_edit", "get", lambda w: [w.resolution.pk], STAFF, None),
    ("resolution_delete", "meetings:resolution_delete", "post", lambda w: [w.resolution.pk], STAFF, {}),
    ("resolution_move", "meetings:resolution_move", "post", lambda w: [w.resolution.pk], STAFF, {"direction": "down"}),
    # The resolution tracker: the board (members, officers, clerk); the owner responds, the clerk tracks.
    ("resolution_tracker", "meetings:resolution_tracker", "get", lambda w: [w.board.slug], ON_BOARD, None),
    ("resolution", "meetings:resolution", "get", lambda w: [w.resolution.pk], ON_BOARD, None),
    ("exempt_resolution", "meetings:resolution", "get", lambda w: [w.exempt_resolution.pk], ON_BOARD, None),
    ("resolution_respond", "meetings:resolution", "post", lambda w: [w.resolution.pk], RESPONDERS, _response),
    ("exempt_resolution_respond", "meetings:resolution", "post", lambda w: [w.exempt_resolution.pk], RESPONDERS, _response),
    ("resolution_track", "meetings:resolution", "post", lambda w: [w.resolution.pk], STAFF, _track),
    # "My resolutions": anyone signed in sees the resolutions they own (none, for most).
    ("my_resolutions", "meetings:my_resolutions", "get", lambda w: [], LOGGED_IN, None),
    ("published_response_paper", "meetings:response_paper", "get", lambda w: [w.undrafted.pk], EVERYONE, None),
    ("unpublished_response_paper", "meetings:response_paper", "get", lambda w: [w.unpublished.pk], ON_BOARD, None),
    # People and the register of interests: a public record; the member, their clerk and admins keep it.
    ("person", "meetings:person", "get", lambda w: [w.users["member"].person.pk], EVERYONE, None),
    ("board_register", "meetings:board_register", "get", lambda w: [w.board.slug], EVERYONE, None),
    ("interest_add", "meetings:interest_add", "post", lambda w: [w.users["member"].person.pk], REGISTER_KEEPERS,
     {"kind": "dpi", "description": "Director of a care provider", "registered_on": "2030-01-02"}),
    ("interest_end", "meetings:interest_end", "post", lambda w: [w.interest.pk], REGISTER_KEEPERS, {}),
]


shared_matrix_world, world = world_fixture(MinutesWorld)


@matrix(CASES)
def test_minutes_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)


def test_the_world_has_the_states_the_rows_claim(world):
    from minutes.models import MinutesStatus

    assert world.published.minutes_record.status == MinutesStatus.PUBLISHED
    assert world.draft.minutes_record.status == MinutesStatus.DRAFT
    assert world.confirmed.minutes_record.status == MinutesStatus.CONFIRMED
    assert world.unpublished.minutes_record.status == MinutesStatus.PUBLISHED
    assert world.unpublished.agenda_published_at is None
    assert world.exempt_minute.agenda_item.is_exempt
    assert not Membership.objects.filter(person__user=world.users["author"], role__in=Membership.MEMBER_ROLES).exists()
