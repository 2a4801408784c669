"""Who may publish, read and withdraw agenda packs (permission names from before packs/ was split
out of meetings/)."""
import rules

from meetings.rules import is_admin_user, is_board_member, is_on_board, meeting_is_published, staff


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
