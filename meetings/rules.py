"""Who may do what with meetings, agenda items, reports and appendices.

Views ask `user.has_perm("meetings.<perm>", obj)`; nothing else re-derives roles.
"""
import rules

from boards.access import has_role, is_admin
from meetings.models import Report


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


def _board_id(obj):
    """The board a meeting, item, report, appendix, minute, point or resolution (or a board) belongs to."""
    from boards.models import Board

    if obj is None:
        return None
    if isinstance(obj, Board):
        return obj.pk
    if hasattr(obj, "board_id"):
        return obj.board_id
    if hasattr(obj, "minute"):
        return obj.minute.meeting.board_id
    if hasattr(obj, "meeting"):
        return obj.meeting.board_id
    if hasattr(obj, "report"):
        return obj.report.board_id
    return None


@rules.predicate
def is_clerk(user, obj):
    board_id = _board_id(obj)
    return board_id is not None and has_role(user, board_id, "clerks")


@rules.predicate
def is_board_member(user, obj):
    board_id = _board_id(obj)
    return board_id is not None and has_role(user, board_id, "members")


@rules.predicate
def is_on_board(user, obj):
    board_id = _board_id(obj)
    return board_id is not None and has_role(user, board_id, "any")


@rules.predicate
def meeting_is_published(user, meeting):
    return meeting is not None and meeting.agenda_published_at is not None


@rules.predicate
def item_is_public(user, item):
    return item is not None and item.meeting.agenda_published_at is not None


@rules.predicate
def is_report_author(user, report):
    return report is not None and user.is_authenticated and report.author_id == user.pk


@rules.predicate
def report_is_public(user, report):
    from meetings.selectors import public_reports

    return report is not None and public_reports().filter(pk=report.pk).exists()


@rules.predicate
def report_is_for_members(user, report):
    return report is not None and report.status in (Report.Status.APPROVED, Report.Status.PUBLISHED)


@rules.predicate
def report_is_editable(user, report):
    return report is not None and report.status in (Report.Status.DRAFT,)


@rules.predicate
def report_is_submitted(user, report):
    return report is not None and report.status == Report.Status.SUBMITTED


@rules.predicate
def report_is_published(user, report):
    return report is not None and report.status == Report.Status.PUBLISHED


staff = is_admin_user | is_clerk

rules.add_perm("meetings.view_meeting", meeting_is_published | is_on_board | is_admin_user)
rules.add_perm("meetings.change_meeting", staff)
rules.add_perm("meetings.publish_meeting", staff)
rules.add_perm("meetings.view_history", staff)
rules.add_perm("meetings.view_item", item_is_public | is_on_board | is_admin_user)
rules.add_perm("meetings.change_item", staff)

rules.add_perm(
    "meetings.view_report",
    report_is_public | is_report_author | staff | (is_board_member & report_is_for_members),
)
# Authors edit their own drafts; clerks can edit any report of their board until it is published.
rules.add_perm("meetings.change_report", (is_report_author & report_is_editable) | staff)
rules.add_perm("meetings.submit_report", is_report_author & report_is_editable)
rules.add_perm("meetings.approve_report", staff & report_is_submitted)
rules.add_perm("meetings.return_report", staff & report_is_submitted)
# A clerk takes a published report back to its author (its public packs are withdrawn with it).
rules.add_perm("meetings.withdraw_report", staff & report_is_published)

# Exempt papers (Schedule 12A) are read in full by the board's members, its clerk and admins.
exempt_readers = staff | is_board_member
rules.add_perm("meetings.view_exempt", exempt_readers)  # exempt items' papers, on the meeting page
