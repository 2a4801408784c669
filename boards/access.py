"""Who holds which role on which board: the one place roles are read from.

Rules predicates (boards/rules.py, meetings/rules.py) and the `visible_to` queryset methods
all read the roles through here. The roles are loaded once per user object (one query) and
cached on it, so a page that asks many permission questions does not query per question.
"""
from boards.models import Membership

MEMBER_ROLES = {r.value for r in Membership.MEMBER_ROLES}
CLERK = Membership.Role.CLERK.value
OFFICER_ROLES = {Membership.Role.OFFICER.value, Membership.Role.OBSERVER.value}
PERFORMANCE_LEAD = Membership.Role.PERFORMANCE_LEAD.value


def roles_by_board(user):
    """{board_id: {role, ...}} for the user's current memberships."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, "_quorum_roles", None)
    if cached is not None:
        return cached
    roles = {}
    rows = Membership.objects.filter(person__user=user, end_date__isnull=True).values_list("board_id", "role")
    for board_id, role in rows:
        roles.setdefault(board_id, set()).add(role)
    # The clerk named on the front sheet (Board.clerk) is for display; the clerk *role* is a membership.
    user._quorum_roles = roles
    return roles


def forget_roles(user):
    if hasattr(user, "_quorum_roles"):
        del user._quorum_roles


def board_ids_for(user, roles="any"):
    """Board ids where the user holds a role of the given group: any, members, clerks, officers,
    performance_leads (who keep the board's indicators)."""
    wanted = {"any": None, "members": MEMBER_ROLES, "clerks": {CLERK}, "officers": OFFICER_ROLES,
              "performance_leads": {PERFORMANCE_LEAD}}[roles]
    return [b for b, held in roles_by_board(user).items() if wanted is None or held & wanted]


def clerk_board_ids_for(user):
    return board_ids_for(user, roles="clerks")


def has_role(user, board_id, group):
    if not user or not user.is_authenticated:
        return False
    return board_id in board_ids_for(user, group)


def is_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)
