"""Who may do what with attendance, declarations, interests, minutes and resolutions.

Views ask `user.has_perm("meetings.<perm>", obj)` (the names they had before minutes/ was split
out of meetings/); nothing else re-derives roles.
"""
import rules

from boards.access import clerk_board_ids_for
from meetings.rules import exempt_readers, is_admin_user, is_board_member, is_clerk, is_on_board
from minutes.models import meeting_minutes_locked
from minutes.selectors import public_minutes

# The minutes side asks the same questions of meetings, minutes, points, resolutions and boards.
is_minutes_clerk = is_clerk
is_minutes_board_member = is_board_member
is_on_minutes_board = is_on_board


@rules.predicate
def minutes_are_public(user, meeting):
    return meeting is not None and public_minutes().filter(meeting_id=meeting.pk).exists()


@rules.predicate
def minutes_are_unlocked(user, meeting):
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

# Exempt minutes (Schedule 12A) are read in full by the board's members, its clerk and admins;
# everyone else sees only the minute's number, title and paragraph.
rules.add_perm("meetings.view_exempt_minutes", exempt_readers)
