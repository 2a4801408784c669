"""Reads of boards and the people on them, with their joins done up front."""
from django.db.models import Prefetch, Q

from boards.models import Board, Membership, Person


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


def former_memberships(board):
    """Memberships that have ended, most recently ended first, with their people."""
    return (Membership.objects.filter(board=board, end_date__isnull=False)
            .select_related("person", "person__organisation").order_by("-end_date", "person__last_name"))


def people_for(user):
    """The people a clerk keeps: those who are or were on her boards, and those on no board yet.
    An administrator keeps everyone. Their memberships (all, with boards) come in one query."""
    from boards.access import clerk_board_ids_for, is_admin

    people = Person.objects.select_related("organisation", "user").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("board").order_by("board__name", "-start_date"))
    ).order_by("last_name", "first_name")
    if is_admin(user):
        return people
    return people.filter(Q(memberships__board_id__in=clerk_board_ids_for(user)) | Q(memberships__isnull=True)).distinct()


def person_with_memberships(pk):
    return Person.objects.select_related("organisation", "user").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("board").order_by("board__name", "start_date"))
    ).get(pk=pk)
