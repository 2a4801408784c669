"""The permission matrix for action plans.

Every action-plan URL × every role. Plans are never public: the people of the plan's board see
it; its clerk (and the plan owner) and admins change it; an officer updates only the actions they
lead ("author" leads action 1.1, "other_officer" leads 1.2). Snapshots taken for the pack of a
published item, of an exempt item and of an unpublished meeting are all the board's alone; a
plan of another board is that board's alone.
"""
import datetime

from actions import services
from meetings.models import AgendaItem

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.actions.factories import plan_with_two_leads
from tests.matrix import LOGGED_IN, ON_BOARD, OTHER_BOARD, STAFF, check_cell, make_cast, matrix, world_fixture

LEADER = frozenset({"author", "clerk", "admin"})  # leads action 1.1; the board's clerk; admins
OTHER_LEADER = frozenset({"other_officer", "clerk", "admin"})  # leads action 1.2


class ActionsWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        clerk = self.users["clerk"]
        self.plan, self.section, self.mine, self.theirs = plan_with_two_leads(
            board, self.users["author"], self.users["other_officer"], user=clerk)
        self.section2 = services.section_create(plan=self.plan, title="Governance", user=clerk)
        self.update = services.action_progress_add(action=self.mine, user=clerk, text="Channels agreed")
        self.other_plan = services.plan_create(board=other_board, title="Health plan", user=self.users["other_clerk"])

        published = MeetingFactory(board=board, date=datetime.date(2030, 11, 18),
                                   agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
        unpublished = MeetingFactory(board=board, date=datetime.date(2031, 1, 20))
        pub_item = AgendaItemFactory(meeting=published, position=1, title="CSE action plan")
        exempt_item = AgendaItemFactory(meeting=published, position=2, title="CSE operations", is_exempt=True,
                                        exempt_paragraph=7, exempt_reason="Prevention of crime")
        self.open_item = AgendaItemFactory(meeting=unpublished, position=1, title="CSE action plan update")
        self.pub_snapshot = services.plan_snapshot_create(plan=self.plan, user=clerk, agenda_item=pub_item)
        self.exempt_snapshot = services.plan_snapshot_create(plan=self.plan, user=clerk, agenda_item=exempt_item)
        self.unpub_snapshot = services.plan_snapshot_create(plan=self.plan, user=clerk, agenda_item=self.open_item)
        assert AgendaItem.objects.filter(pk=exempt_item.pk, is_exempt=True).exists()


def _progress(action_attr):
    def data(w):
        action = getattr(w, action_attr)
        return {"text": "Channels agreed with the police.", "rag": "green", "reason": "", "version": action.version}
    return data


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("plan_list", "actions:plan_list", "get", lambda w: [], LOGGED_IN, None),
    ("my_actions", "actions:my_actions", "get", lambda w: [], LOGGED_IN, None),
    ("plan_create", "actions:plan_create", "get", lambda w: [w.board.slug], STAFF, None),
    ("plan_create_post", "actions:plan_create", "post", lambda w: [w.board.slug], STAFF,
     {"title": "Missing children plan", "period": "2013–15"}),
    ("plan_import", "actions:plan_import", "get", lambda w: [w.board.slug], STAFF, None),
    ("plan_detail", "actions:plan_detail", "get", lambda w: [w.plan.pk], ON_BOARD, None),
    ("other_board_plan_detail", "actions:plan_detail", "get", lambda w: [w.other_plan.pk], OTHER_BOARD, None),
    ("plan_edit", "actions:plan_edit", "get", lambda w: [w.plan.pk], STAFF, None),
    ("other_board_plan_edit", "actions:plan_edit", "get", lambda w: [w.other_plan.pk], {"other_clerk", "admin"}, None),
    ("progress_correct", "actions:progress_correct", "get", lambda w: [w.update.pk], LEADER, None),
    ("plan_reimport", "actions:plan_reimport", "get", lambda w: [w.plan.pk], STAFF, None),
    ("other_board_plan_reimport", "actions:plan_reimport", "get", lambda w: [w.other_plan.pk], {"other_clerk", "admin"},
     None),
    ("plan_history", "actions:plan_history", "get", lambda w: [w.plan.pk], STAFF, None),
    ("plan_export_xlsx", "actions:plan_export", "get", lambda w: [w.plan.pk, "xlsx"], ON_BOARD, None),
    ("plan_export_csv", "actions:plan_export", "get", lambda w: [w.plan.pk, "csv"], ON_BOARD, None),
    ("plan_snapshot", "actions:plan_snapshot", "post", lambda w: [w.plan.pk], STAFF, {}),
    ("snapshot_list", "actions:snapshot_list", "get", lambda w: [w.plan.pk], ON_BOARD, None),
    ("published_item_snapshot", "actions:snapshot_detail", "get", lambda w: [w.pub_snapshot.pk], ON_BOARD, None),
    ("exempt_item_snapshot", "actions:snapshot_detail", "get", lambda w: [w.exempt_snapshot.pk], ON_BOARD, None),
    ("unpublished_item_snapshot", "actions:snapshot_detail", "get", lambda w: [w.unpub_snapshot.pk], ON_BOARD, None),
    ("plan_attach_agenda", "actions:plan_attach_agenda", "post", lambda w: [w.plan.pk], STAFF,
     lambda w: {"agenda_item": w.open_item.pk}),
    ("plan_reminders", "actions:plan_reminders", "post", lambda w: [w.plan.pk], STAFF, {}),
    ("plan_reminders_preview", "actions:plan_reminders", "get", lambda w: [w.plan.pk], STAFF, None),
    ("section_create", "actions:section_create", "get", lambda w: [w.plan.pk], STAFF, None),
    ("section_edit", "actions:section_edit", "get", lambda w: [w.section.pk], STAFF, None),
    ("section_move", "actions:section_move", "post", lambda w: [w.section.pk, "down"], STAFF, {}),
    ("section_delete", "actions:section_delete", "post", lambda w: [w.section2.pk], STAFF, {}),
    ("action_create", "actions:action_create", "get", lambda w: [w.section.pk], STAFF, None),
    ("action_detail", "actions:action_detail", "get", lambda w: [w.mine.pk], ON_BOARD, None),
    ("action_edit", "actions:action_edit", "get", lambda w: [w.mine.pk], STAFF, None),
    ("action_move", "actions:action_move", "post", lambda w: [w.mine.pk, "down"], STAFF, {}),
    ("action_delete", "actions:action_delete", "post", lambda w: [w.theirs.pk], STAFF, {}),
    # An officer updates only the actions they lead: the form, the POST and the htmx row.
    ("own_action_update_form", "actions:action_update", "get", lambda w: [w.mine.pk], LEADER, None),
    ("own_action_update", "actions:action_update", "post", lambda w: [w.mine.pk], LEADER, _progress("mine")),
    ("others_action_update_form", "actions:action_update", "get", lambda w: [w.theirs.pk], OTHER_LEADER, None),
    ("others_action_update", "actions:action_update", "post", lambda w: [w.theirs.pk], OTHER_LEADER, _progress("theirs")),
    ("own_action_row", "actions:action_row", "get", lambda w: [w.mine.pk], LEADER, None),
    ("others_action_row", "actions:action_row", "get", lambda w: [w.theirs.pk], OTHER_LEADER, None),
    ("own_action_history", "actions:action_history", "get", lambda w: [w.mine.pk], LEADER, None),
]

shared_matrix_world, world = world_fixture(ActionsWorld)


@matrix(CASES)
def test_actions_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)
