"""Writes to boards and memberships. Each function is one transaction and records who did it."""
import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from boards.access import forget_roles
from boards.invitations import invitation_path, valid_for_days
from boards.models import Board, Membership, Organisation, Person
from core.audit import record_user, save_audited
from core.concurrency import claim_version
from core.formats import plain_date
from core.locks import serialise


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


# --- people and log-ins -----------------------------------------------------------------------

PERSON_FIELDS = ("honorific", "first_name", "last_name", "organisation", "job_title", "email", "phone")


def _save_new_organisation(fields, user) -> None:
    """An organisation typed in (not yet saved) is recorded first, once."""
    org = fields.get("organisation")
    if org is not None and org.pk is None:
        fields["organisation"], _ = Organisation.objects.get_or_create(name=org.name)


def _same_person(fields) -> Person | None:
    """A person already recorded with exactly these details (the same form sent twice)."""
    lookup = {name: fields.get(name) or ("" if name != "organisation" else None) for name in PERSON_FIELDS}
    org = lookup.pop("organisation")
    return Person.objects.filter(organisation=org, **lookup).first()


@transaction.atomic
def person_create(*, user, **fields) -> Person:
    """Record a person (no log-in yet). The same details sent twice make one person."""
    if not user.has_perm("boards.manage_people"):
        raise PermissionDenied
    serialise("person_create")
    _save_new_organisation(fields, user)
    email = (fields.get("email") or "").strip()
    if email and Person.objects.filter(email__iexact=email).exists():
        existing = Person.objects.filter(email__iexact=email).first()
        if _same_person(fields) == existing:
            return existing
        raise ValidationError(f"{existing} already has the e-mail address {email}.")
    existing = _same_person(fields)
    if existing is not None:
        return existing
    person = Person(**{name: fields.get(name) for name in PERSON_FIELDS if name in fields})
    _save(person, user)
    return person


@transaction.atomic
def person_update(*, person: Person, version, user, **fields) -> Person:
    """Edit a person's details; saved unchanged, nothing is written."""
    if not user.has_perm("boards.manage_person", person):
        raise PermissionDenied
    _save_new_organisation(fields, user)
    changed = {k: v for k, v in fields.items() if getattr(person, k) != v}
    email = (fields.get("email") or "").strip()
    if "email" in changed and email and Person.objects.filter(email__iexact=email).exclude(pk=person.pk).exists():
        raise ValidationError(f"Someone else already has the e-mail address {email}.")
    if not changed:
        return person  # saved unchanged: nothing written, no history row
    claim_version(person, version)
    for name, value in changed.items():
        setattr(person, name, value)
    _save(person, user)
    if person.user_id and ("email" in changed or "first_name" in changed or "last_name" in changed):
        account = person.user
        account.email, account.first_name, account.last_name = person.email, person.first_name, person.last_name
        account.save(update_fields=["email", "first_name", "last_name"])
    return person


def _free_username(person: Person) -> str:
    User = get_user_model()
    raw = person.email.split("@")[0] if person.email else f"{person.first_name}.{person.last_name}"
    base = (re.sub(r"[^a-z0-9._-]", "", slugify(raw.replace(".", "-")).replace("-", ".")) or "user")[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def person_invite(*, person: Person, user, site_url: str) -> Person:
    """Give the person a log-in (if they have none) and e-mail them a link to set their password.
    A new invitation voids the links sent before it."""
    if not user.has_perm("boards.manage_person", person):
        raise PermissionDenied
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if not person.email:
        raise ValidationError("Add an e-mail address before sending an invitation.")
    account = person.user
    if account is None:
        account = get_user_model()(username=_free_username(person), email=person.email,
                                   first_name=person.first_name, last_name=person.last_name)
        account.set_unusable_password()
        account.save()
        person.user = account
    elif not account.is_active:
        raise ValidationError("This log-in is deactivated: reactivate it before inviting.")
    elif account.has_usable_password():
        raise ValidationError(f"{person} already signs in as {account.username}.")
    person.invited_at = timezone.now()
    person._change_reason = f"Invited to sign in as {account.username}"
    _save(person, user)
    account.person = person
    link = site_url.rstrip("/") + invitation_path(account)
    body = render_to_string("boards/email/invitation.txt", {
        "person": person, "username": account.username, "link": link, "days": valid_for_days(),
        "boards": [m.board for m in person.memberships.filter(end_date__isnull=True).select_related("board")],
        "inviter": user.get_full_name() or user.username,
    })
    transaction.on_commit(lambda: EmailMessage("Quorum: set your password to sign in", body,
                                               settings.DEFAULT_FROM_EMAIL, [person.email]).send())
    return person


@transaction.atomic
def person_login_set_active(*, person: Person, active: bool, user) -> Person:
    """Deactivate (or reactivate) a person's log-in. Their record and history stay; a
    deactivated log-in cannot sign in and its invitation links stop working."""
    if not user.has_perm("boards.manage_person", person) or person.user_id is None:
        raise PermissionDenied
    if person.user_id == user.pk:
        raise ValidationError("You cannot deactivate your own log-in.")
    account = get_user_model().objects.select_for_update().get(pk=person.user_id)
    if account.is_active == active:
        return person
    account.is_active = active
    account.save(update_fields=["is_active"])
    # The person's own history says who did it and when.
    person._change_reason = "Log-in reactivated" if active else "Log-in deactivated"
    _save(person, user)
    return person


def invitation_accept(*, account, password_form) -> None:
    """Set the password chosen through an invitation link (the link then stops working)."""
    password_form.save()
    forget_roles(account)


# --- roles on a board over time -------------------------------------------------------------------

@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, from_date: datetime.date, user,
                           attendance_note: str | None = None) -> Membership:
    """From `from_date` the person holds `role` instead: the old membership ends the day before
    and a new one starts, in the same place on the list. Both stay on record."""
    if not user.has_perm("boards.manage_board", membership.board):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().select_related("person", "board").get(pk=membership.pk)
    if membership.end_date is not None:
        raise ValidationError(f"This membership already ended on {plain_date(membership.end_date)}.")
    if role == membership.role:
        raise ValidationError(f"{membership.person} is already {Membership.Role(role).label}.")
    if from_date > timezone.localdate():
        raise ValidationError("Record the change on or after the day it takes effect: until then the present role "
                              "still applies.")
    if membership.start_date and from_date <= membership.start_date:
        raise ValidationError(f"The new role must start after {plain_date(membership.start_date)}, when the "
                              "present one began.")
    if Membership.objects.filter(board=membership.board, person=membership.person, role=role,
                                 end_date__isnull=True).exists():
        raise ValidationError(f"{membership.person} is already on the board as {Membership.Role(role).label}.")
    membership.end_date = from_date - datetime.timedelta(days=1)
    _save(membership, user)
    successor = Membership(board=membership.board, person=membership.person, role=role, start_date=from_date,
                           attendance_note=membership.attendance_note if attendance_note is None else attendance_note,
                           position=membership.position)
    _save(successor, user)
    if membership.person.user_id:
        forget_roles(membership.person.user)
    return successor


# --- boards ---------------------------------------------------------------------------------------

@transaction.atomic
def board_create(*, user, name: str, slug: str, clerk: Person, council_name: str, clerk_title: str,
                 default_venue: str = "", report_heading: str = "") -> Board:
    """A new board with its clerk: named on the front sheet and holding the clerk role from today."""
    if not user.has_perm("boards.create_board"):
        raise PermissionDenied
    serialise("board_create")
    existing = Board.objects.filter(slug=slug).first()
    if existing is not None:
        if existing.name == name and existing.clerk_id == clerk.pk:
            return existing  # the same form sent twice
        raise ValidationError(f"There is already a board at the address “{slug}”.")
    board = Board(name=name, slug=slug, clerk=clerk, council_name=council_name, clerk_title=clerk_title,
                  default_venue=default_venue, report_heading=report_heading or f"{name.upper()} REPORT")
    _save(board, user)
    _save(Membership(board=board, person=clerk, role=Membership.Role.CLERK, start_date=timezone.localdate(),
                     position=1), user)
    if clerk.user_id:
        forget_roles(clerk.user)
    return board
