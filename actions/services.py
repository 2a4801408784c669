"""Writes to action plans. Each function is keyword-only and one transaction.

The services record who made each change (django-simple-history's `history_user`, and
`RagChange.changed_by`) so changes made by tasks and commands are audited as well as those
made through pages.
"""
import datetime
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from actions.models import Action, AgendaPlan, Plan, PlanSnapshot, ProgressUpdate, Rag, RagChange, Section
from boards.models import Board, Organisation, Person
from core.audit import record_user, save_audited
from core.concurrency import UNCHECKED, claim_version
from core.formats import letter


def _lettered(n: int) -> str:
    """1 → 'a)', 27 → 'aa)' as the action plans print sub-actions."""
    return f"{letter(n)})"


_audit = record_user
_save = save_audited


def _require(user, perm, obj):
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied(f"You cannot do this ({perm}).")


# Numbering -----------------------------------------------------------------------------------

def plan_renumber(*, plan: Plan, user=None, new_order=()) -> None:
    """Make section and action numbers follow their order: sections 1, 2…; actions 1.1, 1.2 (or a), b)
    in an unnumbered section); sub-actions a), b). Positions are made contiguous too.

    `new_order` is a move not yet saved: all of a plan's sections, or all the siblings of one action,
    in their new order. Every row that changes is written once, with a History entry by `user`.
    """
    moved = {(type(obj), obj.pk): index for index, obj in enumerate(new_order)}

    def place(obj):
        return (moved.get((type(obj), obj.pk), obj.position), obj.pk)

    sections = sorted(plan.sections.all(), key=place)
    actions = sorted(plan.actions.all(), key=place)
    by_section, by_parent = {}, {}
    for a in actions:
        if a.parent_id:
            by_parent.setdefault(a.parent_id, []).append(a)
        else:
            by_section.setdefault(a.section_id, []).append(a)
    changed_sections, changed_actions = [], []
    counter = 0
    for position, section in enumerate(sections, start=1):
        number = None
        if section.numbered:
            counter += 1
            number = counter
        if (section.position, section.number) != (position, number):
            section.position, section.number = position, number
            changed_sections.append(section)
        for i, action in enumerate(by_section.get(section.pk, []), start=1):
            num = f"{number}.{i}" if number else _lettered(i)
            _set_number(action, i, num, num, changed_actions, section.pk)
            for j, sub in enumerate(by_parent.get(action.pk, []), start=1):
                _set_number(sub, j, _lettered(j), f"{num} {_lettered(j)}", changed_actions, section.pk)
    history_user = user if user is not None and user.is_authenticated else None
    if changed_sections:
        bulk_update_with_history(changed_sections, Section, ["position", "number"], default_user=history_user)
    if changed_actions:
        bulk_update_with_history(changed_actions, Action, ["position", "number", "reference", "section"],
                                 batch_size=1000, default_user=history_user)


def _set_number(action, position, number, reference, changed, section_id):
    if (action.position, action.number, action.reference, action.section_id) != (position, number, reference, section_id):
        action.position, action.number, action.reference, action.section_id = position, number, reference, section_id
        changed.append(action)


# Plans and sections --------------------------------------------------------------------------

@transaction.atomic
def plan_create(*, board: Board, title: str, user, period: str = "", owner=None,
                partner_organisations=()) -> Plan:
    """A new, empty plan for the board."""
    _require(user, "actions.add_plan", board)
    plan = Plan(board=board, title=title, period=period, owner=owner)
    plan.full_clean()
    _save(plan, user)
    plan.partner_organisations.set(partner_organisations)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user, version=UNCHECKED, partner_organisations=None, **fields) -> Plan:
    _require(user, "actions.change_plan", plan)
    claim_version(plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan._links_changed = partner_organisations is not None and {o.pk for o in partner_organisations} != set(
        plan.partner_organisations.values_list("pk", flat=True))
    _save(plan, user)
    if partner_organisations is not None:
        plan.partner_organisations.set(partner_organisations)
    return plan


@transaction.atomic
def section_create(*, plan: Plan, title: str, user, numbered: bool = True, responsibility_heading: str = "",
                   responsibility_text: str = "") -> Section:
    """Add a section at the end of the plan."""
    _require(user, "actions.change_plan", plan)
    Plan.objects.select_for_update().get(pk=plan.pk)
    last = plan.sections.order_by("-position").values_list("position", flat=True).first() or 0
    section = Section(plan=plan, title=title, numbered=numbered, position=last + 1,
                      responsibility_heading=responsibility_heading, responsibility_text=responsibility_text)
    section.full_clean(exclude=["plan"])
    _save(section, user)
    plan_renumber(plan=plan, user=user)
    section.refresh_from_db()
    return section


@transaction.atomic
def section_update(*, section: Section, user, version=UNCHECKED, **fields) -> Section:
    _require(user, "actions.change_plan", section.plan)
    claim_version(section, version)
    for name, value in fields.items():
        setattr(section, name, value)
    section.full_clean(exclude=["plan"])
    _save(section, user)
    plan_renumber(plan=section.plan, user=user)
    section.refresh_from_db()
    return section


@transaction.atomic
def section_move(*, section: Section, direction: str, user) -> Section:
    """Move a section one place up or down; section and action numbers follow."""
    plan = section.plan
    _require(user, "actions.change_plan", plan)
    Plan.objects.select_for_update().get(pk=plan.pk)
    sections = list(plan.sections.order_by("position", "pk"))
    _swap(sections, section.pk, direction)
    plan_renumber(plan=plan, user=user, new_order=sections)
    section.refresh_from_db()
    return section


@transaction.atomic
def section_delete(*, section: Section, user) -> None:
    plan = section.plan
    _require(user, "actions.change_plan", plan)
    _audit(section, user)
    section.delete()
    plan_renumber(plan=plan, user=user)


def _swap(items, pk, direction):
    index = next(i for i, it in enumerate(items) if it.pk == pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]


# Actions -------------------------------------------------------------------------------------

ACTION_FIELDS = ("text", "lead_person", "lead_group", "lead_organisation", "timescale_date", "timescale_text",
                 "resolution", "resolution_reference")


@transaction.atomic
def action_create(*, section: Section, text: str, user, parent: Action | None = None, **fields) -> Action:
    """Add an action at the end of its section (or a sub-action at the end of its parent's)."""
    plan = section.plan
    _require(user, "actions.change_plan", plan)
    Plan.objects.select_for_update().get(pk=plan.pk)
    if parent is not None and (parent.section_id != section.pk or parent.parent_id is not None):
        raise ValidationError("A sub-action belongs to a top-level action of the same section.")
    siblings = Action.objects.filter(section=section, parent=parent)
    last = siblings.order_by("-position").values_list("position", flat=True).first() or 0
    action = Action(plan=plan, section=section, parent=parent, text=text, position=last + 1,
                    **{k: v for k, v in fields.items() if k in ACTION_FIELDS})
    action.full_clean(exclude=["plan", "section", "parent"])
    _save(action, user)
    plan_renumber(plan=plan, user=user)
    action.refresh_from_db()
    return action


@transaction.atomic
def action_update(*, action: Action, user, version=UNCHECKED, **fields) -> Action:
    """Change what the action is, who leads it and by when (plan editors only)."""
    _require(user, "actions.change_plan", action.plan)
    claim_version(action, version)
    for name, value in fields.items():
        if name in ACTION_FIELDS:
            setattr(action, name, value)
    if action.timescale_date:
        action.timescale_text = ""
    action.full_clean(exclude=["plan", "section", "parent"])
    _save(action, user)
    return action


@transaction.atomic
def action_move(*, action: Action, direction: str, user) -> Action:
    """Move an action one place up or down among its siblings; numbers follow."""
    plan = action.plan
    _require(user, "actions.change_plan", plan)
    Plan.objects.select_for_update().get(pk=plan.pk)
    siblings = list(Action.objects.filter(section_id=action.section_id, parent_id=action.parent_id)
                    .order_by("position", "pk"))
    _swap(siblings, action.pk, direction)
    plan_renumber(plan=plan, user=user, new_order=siblings)
    action.refresh_from_db()
    return action


@transaction.atomic
def action_delete(*, action: Action, user) -> None:
    plan = action.plan
    _require(user, "actions.change_plan", plan)
    Plan.objects.select_for_update().get(pk=plan.pk)
    _audit(action, user)
    action.delete()
    plan_renumber(plan=plan, user=user)


def _rag_change(action: Action, to_rag: str, reason: str, user, when) -> RagChange | None:
    if action.rag == to_rag:
        return None
    change = RagChange.objects.create(action=action, from_rag=action.rag, to_rag=to_rag, reason=reason,
                                      changed_by=user if user is not None and user.is_authenticated else None,
                                      changed_at=when)
    action.rag = to_rag
    return change


@transaction.atomic
def action_progress_add(*, action: Action, user, text: str = "", rag: str | None = None, reason: str = "",
                        complete: bool = False, date: datetime.date | None = None,
                        version=UNCHECKED, at: datetime.datetime | None = None) -> ProgressUpdate | None:
    """What the officer's one form does: add a dated progress update and/or set the RAG rating.

    Marking the action complete sets Blue; setting Blue marks it complete; moving it off Blue
    reopens it. Every RAG change is recorded with who, when, from, to and why (the reason given,
    or else the update's text). Refuses users who neither lead the action nor edit the plan.
    `at` is when the update was made, for loaders entering an earlier record (default: now).
    """
    _require(user, "actions.update_action", action)
    claim_version(action, version)
    # Work from the locked row, not from whatever the caller loaded earlier.
    current = Action.objects.values("rag", "status", "last_update_on").get(pk=action.pk)
    action.rag, action.status, action.last_update_on = current["rag"], current["status"], current["last_update_on"]
    text, reason = (text or "").strip(), (reason or "").strip()
    rag = action.rag if rag is None else rag
    if complete:
        rag = Rag.BLUE
    if rag not in Rag.values:
        raise ValidationError({"rag": "Choose Red, Amber, Green or Blue."})
    if not text and rag == action.rag and not (complete and not action.is_complete):
        raise ValidationError("Write a progress update or change the RAG rating.")
    now = at or timezone.now()
    update = None
    if text:
        update = ProgressUpdate.objects.create(action=action, text=text, author=user,
                                               date=date or timezone.localdate(now), created_at=now)
        action.last_update_on = max(filter(None, [action.last_update_on, update.date]))
    _rag_change(action, rag, reason or text, user, now)
    if action.rag == Rag.BLUE:
        action.status = Action.Status.COMPLETE
    elif action.status == Action.Status.COMPLETE or text:
        action.status = Action.Status.IN_PROGRESS
    _save(action, user)
    return update


# Snapshots -----------------------------------------------------------------------------------

@transaction.atomic
def plan_snapshot_create(*, plan: Plan, user, agenda_item=None, today: datetime.date | None = None,
                         at: datetime.datetime | None = None) -> PlanSnapshot:
    """Freeze the plan as it stands into rows a pack can print: later updates never change it.
    `at` dates the snapshot (default now; a loader entering an earlier pack gives that time)."""
    from actions.selectors import plan_snapshot_rows

    at = at or timezone.now()
    rows = plan_snapshot_rows(plan, today=today or timezone.localdate(at), at=at)
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    return PlanSnapshot.objects.create(
        plan=plan, agenda_item=agenda_item, rows=rows, content_hash=digest, created_at=at,
        created_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def agenda_plan_attach(*, agenda_item, plan: Plan, user) -> AgendaPlan:
    """Make the plan the paper of an agenda item of the same board."""
    _require(user, "actions.change_plan", plan)
    if agenda_item.meeting.board_id != plan.board_id:
        raise ValidationError("The agenda item is on another board's meeting.")
    link = AgendaPlan.objects.filter(agenda_item=agenda_item).first() or AgendaPlan(agenda_item=agenda_item)
    link.plan = plan
    _save(link, user)
    return link


@transaction.atomic
def agenda_plans_snapshot(*, meeting, user) -> list[PlanSnapshot]:
    """At pack publication: snapshot every plan carried by the meeting's agenda items (once per item)."""
    existing = {}
    # One query for the snapshots already taken; the newest of each item and plan wins, as before.
    for snap in PlanSnapshot.objects.filter(agenda_item__meeting=meeting).order_by("created_at", "pk"):
        existing[(snap.agenda_item_id, snap.plan_id)] = snap
    snapshots = []
    for link in AgendaPlan.objects.filter(agenda_item__meeting=meeting).select_related("plan", "agenda_item"):
        snap = existing.get((link.agenda_item_id, link.plan_id))
        snapshots.append(snap or plan_snapshot_create(plan=link.plan, user=user, agenda_item=link.agenda_item))
    return snapshots


# Import --------------------------------------------------------------------------------------

@transaction.atomic
def plan_import(*, board: Board, parsed, user) -> Plan:
    """Create a plan from a parsed spreadsheet (see actions.spreadsheets). All or nothing."""
    _require(user, "actions.import_plan", board)
    plan = Plan(board=board, title=parsed.title, period=parsed.period, owner=user)
    _save(plan, user)
    if parsed.partners:
        plan.partner_organisations.set(
            [organisation_for(name) or Organisation.objects.create(name=name) for name in parsed.partners]
        )
    now = timezone.now()
    for s_pos, s in enumerate(parsed.sections, start=1):
        section = Section(plan=plan, title=s.title, numbered=s.numbered, position=s_pos,
                          responsibility_heading=s.heading, responsibility_text=s.text)
        _save(section, user)
        for a_pos, a in enumerate(s.actions, start=1):
            parent = _import_action(plan, section, None, a_pos, a, user, now)
            for sub_pos, sub in enumerate(a.subs, start=1):
                _import_action(plan, section, parent, sub_pos, sub, user, now)
    plan_renumber(plan=plan, user=user)
    return plan


def _import_action(plan, section, parent, position, row, user, now):
    action = Action(plan=plan, section=section, parent=parent, position=position, text=row.text,
                    lead_person=row.lead_person, lead_group=row.lead_group, lead_organisation=row.lead_organisation,
                    timescale_date=row.timescale_date, timescale_text=row.timescale_text)
    if row.rag == Rag.BLUE:
        action.status = Action.Status.COMPLETE
    elif row.updates:
        action.status = Action.Status.IN_PROGRESS
    if row.updates:
        action.last_update_on = max(d for d, _ in row.updates)
    _save(action, user)
    if row.rag:
        RagChange.objects.create(action=action, from_rag="", to_rag=row.rag, reason="Imported from a spreadsheet.",
                                 changed_by=user, changed_at=now)
        action.rag = row.rag
        Action.objects.filter(pk=action.pk).update(rag=row.rag)
    # Oldest first, so that created_at orders same-day updates as the sheet listed them.
    for i, (date, text) in enumerate(reversed(row.updates)):
        ProgressUpdate.objects.create(action=action, date=date, text=text, author=user,
                                      created_at=now + datetime.timedelta(microseconds=i))
    return action


def organisation_for(name: str) -> Organisation | None:
    if not name:
        return None
    return (Organisation.objects.filter(short_name__iexact=name).first()
            or Organisation.objects.filter(name__iexact=name).first())


def person_named(full_name: str) -> Person | None:
    """A person whose name as printed ("DI Hillier", "Terri Johnson") matches exactly, if there is just one."""
    last = full_name.split()[-1] if full_name.split() else ""
    matches = [p for p in Person.objects.filter(last_name__iexact=last).select_related("organisation")
               if p.full_name.lower() == full_name.lower()]
    return matches[0] if len(matches) == 1 else None
