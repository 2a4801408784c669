"""Every foundation URL (boards, meetings, agenda items, reports, appendices) × every role ×
published, unpublished and exempt objects.

The minutes, action-plan and performance URLs have their own modules
(`test_permission_matrix_minutes.py`, `_actions.py`, `_performance.py`); the shared pieces (roles,
cast, how a cell is judged) are in `tests/matrix.py`. `test_every_url_is_in_the_matrix` checks
that every named URL of the app has a row in one of them.
"""
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from core.operations import worker_heartbeat_record
from meetings.models import Attachment, Report

from boards.models import Membership

from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory, ReportFactory
from tests.matrix import (  # noqa: F401  (re-exported for the other matrix modules)
    ADMIN, CLERKS, EVERYONE, LOGGED_IN, ON_BOARD, READERS_OF_EXEMPT, ROLES, STAFF, _outcome, check_cell, make_cast, matrix, url_names,
    world_fixture,
)


def _one_page_pdf() -> bytes:
    """A real (blank, one-page) PDF: uploads are parsed, so a header alone is refused."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _deactivated(user) -> dict:
    """Reactivating needs a deactivated log-in, or nothing would change."""
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    return {}


class World:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        author = self.users["author"]
        self.published = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc), status="agenda_published")
        self.unpublished = MeetingFactory(board=board, date=datetime.date(2031, 1, 20))
        self.pub_item = AgendaItemFactory(meeting=self.published, position=1)
        self.exempt_item = AgendaItemFactory(meeting=self.published, position=2, is_exempt=True, exempt_paragraph=3, exempt_reason="Contract prices")
        self.unpub_item = AgendaItemFactory(meeting=self.unpublished, position=1)
        self.pub_report = ReportFactory(agenda_item=self.pub_item, author=author, status=Report.Status.PUBLISHED)
        self.exempt_report = ReportFactory(agenda_item=self.exempt_item, author=author, status=Report.Status.PUBLISHED)
        self.draft = ReportFactory(agenda_item=self.unpub_item, author=author, status=Report.Status.DRAFT)
        self.submitted = ReportFactory(agenda_item=self.unpub_item, author=author, status=Report.Status.SUBMITTED)
        self.pub_attachment = self._attach(self.pub_report)
        self.exempt_attachment = self._attach(self.exempt_report)
        self.draft_attachment = self._attach(self.draft)
        self.draft_attachment_2 = self._attach(self.draft, position=2)
        self.uninvited = PersonFactory(first_name="Una", last_name="Invited", email="una.invited@example.org")
        Membership.objects.create(board=board, person=self.uninvited, role=Membership.Role.OFFICER)

    def worker_reported(self):
        worker_heartbeat_record(hostname="celery@matrix")
        return []

    def _attach(self, report, position=1):
        a = Attachment(report=report, title="Appendix", kind="pdf", size=10, position=position)
        a.file.save("appendix.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"), save=False)
        a.save()
        return a


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("home", "home", "get", lambda w: [], EVERYONE, None),
    ("accessibility", "accessibility", "get", lambda w: [], EVERYONE, None),
    # Load balancers and operators ask without signing in; the worker has just reported.
    ("health", "health", "get", lambda w: w.worker_reported(), EVERYONE, None),
    ("board_detail", "board_detail", "get", lambda w: [w.board.slug], EVERYONE, None),
    ("board_history", "board_history", "get", lambda w: [w.board.slug], STAFF, None),
    ("board_edit", "board_edit", "get", lambda w: [w.board.slug], STAFF, None),
    ("membership_add", "membership_add", "get", lambda w: [w.board.slug], STAFF, None),
    ("membership_end", "membership_end", "get", lambda w: [w.users["other_officer"].person.memberships.get().pk], STAFF, None),
    ("membership_change_role", "membership_change_role", "get",
     lambda w: [w.users["other_officer"].person.memberships.get().pk], STAFF, None),
    ("board_create", "board_create", "get", lambda w: [], ADMIN, None),
    # People: every clerk keeps the people list (a new person is on no board); a person on this
    # board is kept by this board's clerk, never by another board's.
    ("people_list", "people_list", "get", lambda w: [], CLERKS, None),
    ("person_create", "person_create", "get", lambda w: [], CLERKS, None),
    ("person_manage", "person_manage", "get", lambda w: [w.users["other_officer"].person.pk], STAFF, None),
    ("person_edit", "person_edit", "get", lambda w: [w.users["other_officer"].person.pk], STAFF, None),
    ("person_history", "person_history", "get", lambda w: [w.users["other_officer"].person.pk], STAFF, None),
    ("person_invite", "person_invite", "post", lambda w: [w.uninvited.pk], STAFF, {}),
    ("person_deactivate", "person_deactivate", "post", lambda w: [w.users["other_officer"].person.pk], STAFF, {}),
    ("person_reactivate", "person_reactivate", "post", lambda w: [w.users["other_officer"].person.pk], STAFF,
     lambda w: _deactivated(w.users["other_officer"])),
    ("invitation_accept", "invitation_accept", "get", lambda w: ["MQ", "bogus-token"], EVERYONE, None),
    ("meeting_cancel", "meetings:cancel", "post", lambda w: [w.unpublished.pk], STAFF, {"reason": "Not quorate"}),
    ("meeting_create", "meetings:create", "get", lambda w: [w.board.slug], STAFF, None),
    ("published_meeting", "meetings:detail", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("unpublished_meeting", "meetings:detail", "get", lambda w: [w.unpublished.pk], ON_BOARD, None),
    ("published_frontsheet", "meetings:frontsheet", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("unpublished_frontsheet", "meetings:frontsheet", "get", lambda w: [w.unpublished.pk], ON_BOARD, None),
    ("meeting_edit", "meetings:edit", "get", lambda w: [w.published.pk], STAFF, None),
    ("meeting_history", "meetings:history", "get", lambda w: [w.published.pk], STAFF, None),
    ("meeting_publish", "meetings:publish", "post", lambda w: [w.unpublished.pk], STAFF, {}),
    ("item_create", "meetings:item_create", "post", lambda w: [w.unpublished.pk], STAFF,
     {"title": "New business", "paper_status": "attached"}),
    ("items_reorder", "meetings:items_reorder", "post", lambda w: [w.published.pk], STAFF,
     lambda w: {"item": [w.exempt_item.pk, w.pub_item.pk]}),
    ("published_item", "meetings:item", "get", lambda w: [w.pub_item.pk], EVERYONE, None),
    ("exempt_item", "meetings:item", "get", lambda w: [w.exempt_item.pk], EVERYONE, None),
    ("unpublished_item", "meetings:item", "get", lambda w: [w.unpub_item.pk], ON_BOARD, None),
    ("item_edit", "meetings:item_edit", "get", lambda w: [w.pub_item.pk], STAFF, None),
    ("item_move", "meetings:item_move", "post", lambda w: [w.pub_item.pk], STAFF, {"direction": "down"}),
    ("item_delete", "meetings:item_delete", "post", lambda w: [w.unpub_item.pk], STAFF, {}),
    ("item_history", "meetings:item_history", "get", lambda w: [w.pub_item.pk], STAFF, None),
    ("my_reports", "meetings:my_reports", "get", lambda w: [], LOGGED_IN, None),
    ("report_create", "meetings:report_create", "get", lambda w: [w.board.slug], ON_BOARD, None),
    ("report_import", "meetings:report_import", "get", lambda w: [w.board.slug], ON_BOARD, None),
    ("draft_report_word", "meetings:report_word", "get", lambda w: [w.draft.pk], {"author", "clerk", "admin"}, None),
    ("published_report", "meetings:report", "get", lambda w: [w.pub_report.pk], EVERYONE, None),
    ("exempt_report", "meetings:report", "get", lambda w: [w.exempt_report.pk], READERS_OF_EXEMPT, None),
    ("draft_report", "meetings:report", "get", lambda w: [w.draft.pk], {"author", "clerk", "admin"}, None),
    ("submitted_report", "meetings:report", "get", lambda w: [w.submitted.pk], {"author", "clerk", "admin"}, None),
    ("draft_report_edit", "meetings:report_edit", "get", lambda w: [w.draft.pk], {"author", "clerk", "admin"}, None),
    ("published_report_edit", "meetings:report_edit", "get", lambda w: [w.pub_report.pk], STAFF, None),
    ("report_submit", "meetings:report_submit", "post", lambda w: [w.draft.pk], {"author", "admin"}, {}),
    ("report_approve", "meetings:report_approve", "post", lambda w: [w.submitted.pk], STAFF, {}),
    ("report_return", "meetings:report_return", "post", lambda w: [w.submitted.pk], STAFF, {"reason": "Figures missing"}),
    ("report_withdraw", "meetings:report_withdraw", "post", lambda w: [w.pub_report.pk], STAFF,
     {"reason": "Names a child"}),
    ("report_history", "meetings:report_history", "get", lambda w: [w.pub_report.pk], STAFF, None),
    ("attachment_add", "meetings:attachment_add", "post", lambda w: [w.draft.pk], {"author", "clerk", "admin"},
     lambda w: {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", _one_page_pdf())}),
    # Appendices are changed by the author while the report is a draft, and by the clerk.
    ("attachment_replace", "meetings:attachment_replace", "post", lambda w: [w.draft_attachment.pk],
     {"author", "clerk", "admin"}, lambda w: {"title": "", "file": SimpleUploadedFile("plan.pdf", _one_page_pdf())}),
    ("published_attachment_replace", "meetings:attachment_replace", "post", lambda w: [w.pub_attachment.pk], STAFF,
     lambda w: {"title": "", "revision_note": "Corrected figures",
                "file": SimpleUploadedFile("plan.pdf", _one_page_pdf())}),
    ("attachment_remove", "meetings:attachment_remove", "post", lambda w: [w.draft_attachment.pk],
     {"author", "clerk", "admin"}, {}),
    ("attachment_move", "meetings:attachment_move", "post", lambda w: [w.draft_attachment.pk],
     {"author", "clerk", "admin"}, {"direction": "down"}),
    ("published_attachment_move", "meetings:attachment_move", "post", lambda w: [w.pub_attachment.pk], STAFF,
     {"direction": "up", "revision_note": "Order of the guidance"}),
    ("published_attachment", "meetings:attachment", "get", lambda w: [w.pub_attachment.pk], EVERYONE, None),
    ("exempt_attachment", "meetings:attachment", "get", lambda w: [w.exempt_attachment.pk], READERS_OF_EXEMPT, None),
]


def _app_url_names():
    """Every named URL the site serves, read from the root URLconf, so that a URL added by any app
    (or by a new one) cannot escape the matrix. Django's admin and the sign-in/sign-out pages are
    Django's own, not the app's."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace)
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, None)) - {"login", "logout"}


def _matrix_url_names():
    """The URL names of the rows of every matrix module (`test_permission_matrix*.py`, anywhere
    under tests/), found by their file names, so a new module counts without being listed here."""
    import importlib
    from pathlib import Path

    tests_dir = Path(__file__).resolve().parent
    names = set()
    for path in sorted(tests_dir.rglob("test_permission_matrix*.py")):
        dotted = ".".join(("tests",) + path.relative_to(tests_dir).with_suffix("").parts)
        names |= url_names(importlib.import_module(dotted).CASES)
    return names


def test_every_url_is_in_the_matrix():
    covered = _matrix_url_names()
    missing = _app_url_names() - covered
    assert not missing, f"URLs with no row in the permission matrix: {sorted(missing)}"
    unknown = covered - _app_url_names()
    assert not unknown, f"Matrix rows for URLs the app does not have: {sorted(unknown)}"


shared_matrix_world, world = world_fixture(World)


@matrix(CASES)
def test_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)
