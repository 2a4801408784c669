"""Every foundation URL × every role × published, unpublished and exempt objects.

Each cell says whether the role may use the URL. "Allowed" means the page answers 200 (or a
POST does its work and redirects to the object); "denied" means 403, 404 (the public is not
told that unpublished things exist) or a redirect to the sign-in page.
"""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from boards.models import Membership
from meetings.models import Attachment, Report

from .factories import AgendaItemFactory, MeetingFactory, ReportFactory, UserFactory, user_with_role

# The admin is a superuser: Django grants superusers every permission (the back door is deliberate).
ROLES = ["anonymous", "public", "member", "other_member", "author", "other_officer", "clerk", "other_clerk", "admin"]
ON_BOARD = {"member", "author", "other_officer", "clerk", "admin"}
STAFF = {"clerk", "admin"}
LOGGED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
READERS_OF_EXEMPT = {"member", "author", "clerk", "admin"}


class World:
    def __init__(self, board, other_board):
        self.board = board
        self.users = {
            "public": UserFactory(username="public"),
            "member": user_with_role(board, Membership.Role.MEMBER, "member"),
            "other_member": user_with_role(other_board, Membership.Role.MEMBER, "other_member"),
            "author": user_with_role(board, Membership.Role.OFFICER, "author"),
            "other_officer": user_with_role(board, Membership.Role.OFFICER, "other_officer"),
            "clerk": user_with_role(board, Membership.Role.CLERK, "clerk"),
            "other_clerk": user_with_role(other_board, Membership.Role.CLERK, "other_clerk"),
            "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        }
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

    def _attach(self, report):
        a = Attachment(report=report, title="Appendix", kind="pdf", size=10, position=1)
        a.file.save("appendix.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"), save=False)
        a.save()
        return a


# (case name, method, url builder, roles allowed, POST data)
CASES = [
    ("home", "get", lambda w: reverse("home"), EVERYONE, None),
    ("board_detail", "get", lambda w: reverse("board_detail", args=[w.board.slug]), EVERYONE, None),
    ("board_history", "get", lambda w: reverse("board_history", args=[w.board.slug]), STAFF, None),
    ("board_edit", "get", lambda w: reverse("board_edit", args=[w.board.slug]), STAFF, None),
    ("membership_add", "get", lambda w: reverse("membership_add", args=[w.board.slug]), STAFF, None),
    ("membership_end", "get", lambda w: reverse("membership_end", args=[w.users["other_officer"].person.memberships.get().pk]), STAFF, None),
    ("meeting_cancel", "post", lambda w: reverse("meetings:cancel", args=[w.unpublished.pk]), STAFF, {"reason": "Not quorate"}),
    ("meeting_create", "get", lambda w: reverse("meetings:create", args=[w.board.slug]), STAFF, None),
    ("published_meeting", "get", lambda w: reverse("meetings:detail", args=[w.published.pk]), EVERYONE, None),
    ("unpublished_meeting", "get", lambda w: reverse("meetings:detail", args=[w.unpublished.pk]), ON_BOARD, None),
    ("published_frontsheet", "get", lambda w: reverse("meetings:frontsheet", args=[w.published.pk]), EVERYONE, None),
    ("unpublished_frontsheet", "get", lambda w: reverse("meetings:frontsheet", args=[w.unpublished.pk]), ON_BOARD, None),
    ("meeting_edit", "get", lambda w: reverse("meetings:edit", args=[w.published.pk]), STAFF, None),
    ("meeting_history", "get", lambda w: reverse("meetings:history", args=[w.published.pk]), STAFF, None),
    ("meeting_publish", "post", lambda w: reverse("meetings:publish", args=[w.unpublished.pk]), STAFF, {}),
    ("item_create", "post", lambda w: reverse("meetings:item_create", args=[w.unpublished.pk]), STAFF,
     {"title": "New business", "paper_status": "attached"}),
    ("items_reorder", "post", lambda w: reverse("meetings:items_reorder", args=[w.published.pk]), STAFF,
     lambda w: {"item": [w.exempt_item.pk, w.pub_item.pk]}),
    ("published_item", "get", lambda w: reverse("meetings:item", args=[w.pub_item.pk]), EVERYONE, None),
    ("exempt_item", "get", lambda w: reverse("meetings:item", args=[w.exempt_item.pk]), EVERYONE, None),
    ("unpublished_item", "get", lambda w: reverse("meetings:item", args=[w.unpub_item.pk]), ON_BOARD, None),
    ("item_edit", "get", lambda w: reverse("meetings:item_edit", args=[w.pub_item.pk]), STAFF, None),
    ("item_move", "post", lambda w: reverse("meetings:item_move", args=[w.pub_item.pk]), STAFF, {"direction": "down"}),
    ("item_delete", "post", lambda w: reverse("meetings:item_delete", args=[w.unpub_item.pk]), STAFF, {}),
    ("item_history", "get", lambda w: reverse("meetings:item_history", args=[w.pub_item.pk]), STAFF, None),
    ("my_reports", "get", lambda w: reverse("meetings:my_reports"), LOGGED_IN, None),
    ("report_create", "get", lambda w: reverse("meetings:report_create", args=[w.board.slug]), ON_BOARD, None),
    ("published_report", "get", lambda w: reverse("meetings:report", args=[w.pub_report.pk]), EVERYONE, None),
    ("exempt_report", "get", lambda w: reverse("meetings:report", args=[w.exempt_report.pk]), READERS_OF_EXEMPT, None),
    ("draft_report", "get", lambda w: reverse("meetings:report", args=[w.draft.pk]), {"author", "clerk", "admin"}, None),
    ("submitted_report", "get", lambda w: reverse("meetings:report", args=[w.submitted.pk]), {"author", "clerk", "admin"}, None),
    ("draft_report_edit", "get", lambda w: reverse("meetings:report_edit", args=[w.draft.pk]), {"author", "clerk", "admin"}, None),
    ("published_report_edit", "get", lambda w: reverse("meetings:report_edit", args=[w.pub_report.pk]), STAFF, None),
    ("report_submit", "post", lambda w: reverse("meetings:report_submit", args=[w.draft.pk]), {"author", "admin"}, {}),
    ("report_approve", "post", lambda w: reverse("meetings:report_approve", args=[w.submitted.pk]), STAFF, {}),
    ("report_return", "post", lambda w: reverse("meetings:report_return", args=[w.submitted.pk]), STAFF, {}),
    ("report_history", "get", lambda w: reverse("meetings:report_history", args=[w.pub_report.pk]), STAFF, None),
    ("attachment_add", "post", lambda w: reverse("meetings:attachment_add", args=[w.draft.pk]), {"author", "clerk", "admin"},
     lambda w: {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")}),
    ("published_attachment", "get", lambda w: reverse("meetings:attachment", args=[w.pub_attachment.pk]), EVERYONE, None),
    ("exempt_attachment", "get", lambda w: reverse("meetings:attachment", args=[w.exempt_attachment.pk]), READERS_OF_EXEMPT, None),
]

# URL names served by other test modules (their own apps' permission tests).
COVERED_ELSEWHERE: set[str] = set()


def _covered_names():
    return {
        "home", "board_detail", "board_history", "board_edit", "membership_add", "membership_end",
        "meetings:cancel", "meetings:create", "meetings:detail", "meetings:frontsheet",
        "meetings:edit", "meetings:history", "meetings:publish", "meetings:item_create", "meetings:items_reorder",
        "meetings:item", "meetings:item_edit", "meetings:item_move", "meetings:item_delete", "meetings:item_history",
        "meetings:my_reports", "meetings:report_create", "meetings:report", "meetings:report_edit",
        "meetings:report_submit", "meetings:report_approve", "meetings:report_return", "meetings:report_history",
        "meetings:attachment_add", "meetings:attachment",
    }


def test_every_foundation_url_is_in_the_matrix():
    from boards import urls as board_urls
    from meetings import urls as meeting_urls

    names = {p.name for p in board_urls.urlpatterns} | {f"meetings:{p.name}" for p in meeting_urls.urlpatterns}
    missing = names - _covered_names() - COVERED_ELSEWHERE
    assert not missing, f"URLs with no row in the permission matrix: {sorted(missing)}"
    assert get_resolver() is not None


@pytest.fixture
def world(db, board, other_board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    return World(board, other_board)


def _outcome(response, url):
    if response.status_code == 200:
        return "allowed"
    if response.status_code in (403, 404):
        return "denied"
    if response.status_code == 302:
        location = response["Location"]
        if "/accounts/login/" in location:
            return "denied"
        return "allowed"
    return f"unexpected {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, world, case, role):
    name, method, build_url, allowed_roles, data = case
    if role != "anonymous":
        client.force_login(world.users[role])
    url = build_url(world)
    if method == "get":
        response = client.get(url)
    else:
        payload = data(world) if callable(data) else data
        response = client.post(url, payload)
    expected = "allowed" if role in allowed_roles else "denied"
    assert _outcome(response, url) == expected, f"{role} on {name} ({url}): got {response.status_code}"
