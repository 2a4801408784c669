"""Reads of boards and the people on them, with their joins done up front."""
from django.db.models import Prefetch

from boards.models import Board, Membership


def board_list():
    return Board.objects.select_related("clerk").order_by("name")


def board_detail(slug):
    memberships = Membership.objects.filter(end_date__isnull=True).select_related(
        "person", "person__organisation"
    ).order_by("position", "person__last_name")
    return (
        Board.objects.select_related("clerk", "clerk__organisation")
        .prefetch_related(Prefetch("memberships", queryset=memberships), "strategic_priorities")
        .get(slug=slug)
    )


def split_memberships(board):
    """(members, officers) as the minutes list them: councillors first in their order, then others."""
    members, others = [], []
    for m in board.memberships.all():
        if m.role in Membership.MEMBER_ROLES:
            members.append(m)
        elif m.role != Membership.Role.CLERK:
            others.append(m)
    return members, others
