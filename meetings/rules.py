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


# Attendance, declarations, minutes and resolutions ---------------------------------------------

# The minutes side asks the same questions of meetings, minutes, points, resolutions and boards.
is_minutes_clerk = is_clerk
is_minutes_board_member = is_board_member
is_on_minutes_board = is_on_board


@rules.predicate
def minutes_are_public(user, meeting):
    from meetings.selectors import public_minutes

    return meeting is not None and public_minutes().filter(meeting_id=meeting.pk).exists()


@rules.predicate
def minutes_are_unlocked(user, meeting):
    from meetings.models.minutes import meeting_minutes_locked

    return meeting is not None and not meeting_minutes_locked(meeting.pk)


@rules.predicate
def owns_resolution(user, resolution):
    return (resolution is not None and user.is_authenticated and resolution.owner_id is not None
            and resolution.owner.user_id == user.pk)


@rules.predicate
def is_the_person(user, person):
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def clerks_for_person(user, person):
    from boards.access import clerk_board_ids_for

    return person is not None and person.memberships.filter(board_id__in=clerk_board_ids_for(user)).exists()


minutes_staff = is_admin_user | is_minutes_clerk

# Board members read draft minutes (the Chair reviews them); everyone else reads them once published.
rules.add_perm("meetings.view_minutes", minutes_staff | is_minutes_board_member | minutes_are_public)
rules.add_perm("meetings.change_minutes", minutes_staff & minutes_are_unlocked)
rules.add_perm("meetings.manage_minutes", minutes_staff)
rules.add_perm("meetings.record_apology", (minutes_staff | is_minutes_board_member) & minutes_are_unlocked)
rules.add_perm("meetings.view_resolutions", minutes_staff | is_on_minutes_board)
rules.add_perm("meetings.track_resolution", minutes_staff)
rules.add_perm("meetings.respond_resolution", minutes_staff | owns_resolution)
rules.add_perm("meetings.view_person", rules.always_allow)
rules.add_perm("meetings.change_interests", is_admin_user | is_the_person | clerks_for_person)


# Agenda packs: members and clerks get both variants; everyone else who may see the meeting
# gets the public pack, and the public only once the agenda is published.
@rules.predicate
def meeting_is_cancelled(user, meeting):
    return getattr(meeting, "status", None) == "cancelled"


# A cancelled meeting offers no pack: the packs it had stay, marked cancelled, for the record.
rules.add_perm("meetings.publish_pack", staff & ~meeting_is_cancelled)
# A withdrawn pack version is a record for the board's clerks; nobody else is served it.
rules.add_perm("meetings.withdraw_pack", staff)
rules.add_perm("meetings.view_withdrawn_pack", staff)
rules.add_perm("meetings.view_members_pack", staff | is_board_member)
rules.add_perm("meetings.view_public_pack", meeting_is_published | is_on_board | is_admin_user)

# Exempt minutes (Schedule 12A) are read in full by the board's members, its clerk and admins;
# everyone else sees only the minute's number, title and paragraph.
exempt_readers = staff | is_board_member
rules.add_perm("meetings.view_exempt", exempt_readers)  # exempt items' papers, on the meeting page
rules.add_perm("meetings.view_exempt_minutes", exempt_readers)
