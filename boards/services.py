"""Writes to boards and memberships. Each function is one transaction and records who did it."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from boards.access import forget_roles
from boards.models import Board, Membership, Person
from core.audit import record_user, save_audited
from core.concurrency import claim_version


_audit = record_user
_save = save_audited


@transaction.atomic
def board_update(*, board: Board, version: int | None, user, clerk_phone: str | None = None, **fields) -> Board:
    """Edit the board's standing details; refuses an edit based on an old version."""
    if not user.has_perm("boards.manage_board", board):
        raise PermissionDenied
    claim_version(board, version)
    for name, value in fields.items():
        setattr(board, name, value)
    _save(board, user)
    if clerk_phone is not None and board.clerk_id and board.clerk.phone != clerk_phone:
        board.clerk.phone = clerk_phone
        _save(board.clerk, user)
    return board


@transaction.atomic
def membership_add(*, board: Board, person: Person, role: str, start_date: datetime.date | None, user,
                   attendance_note: str = "") -> Membership:
    if not user.has_perm("boards.manage_board", board):
        raise PermissionDenied
    if Membership.objects.filter(board=board, person=person, role=role, end_date__isnull=True).exists():
        raise ValidationError(f"{person} is already on the board as {Membership.Role(role).label}.")
    last = board.memberships.order_by("-position").values_list("position", flat=True).first() or 0
    membership = Membership(board=board, person=person, role=role, start_date=start_date,
                            attendance_note=attendance_note, position=last + 1)
    _save(membership, user)
    if person.user_id:
        forget_roles(person.user)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: datetime.date, user) -> Membership:
    """End a membership on a date; the record stays (it is history), the role stops."""
    if not user.has_perm("boards.manage_board", membership.board):
        raise PermissionDenied
    if membership.start_date and end_date < membership.start_date:
        raise ValidationError("The end date cannot be before the start date.")
    membership.end_date = end_date
    _save(membership, user)
    return membership
