"""Importing a spreadsheet into an existing plan: actions matched by number, a preview of what
will change, then the update, appending to each action's progress and RAG history (never
replacing them)."""
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from actions.models import Action, Plan, ProgressUpdate, RagChange, Section
from actions.services import _import_action, _lettered, _require, _save, plan_renumber
from core.concurrency import claim_version

COMPARED = ("text", "lead_person_id", "lead_group", "lead_organisation_id", "timescale_date", "timescale_text")
LABELS = {"text": "wording", "lead_person_id": "lead", "lead_group": "lead group", "lead_organisation_id":
          "lead organisation", "timescale_date": "timescale", "timescale_text": "timescale"}


@dataclass
class ReimportPreview:
    new: list = field(default_factory=list)        # [(reference, ParsedAction)]
    changed: list = field(default_factory=list)    # [(Action, [what changed], ParsedAction)]
    removed: list = field(default_factory=list)    # [Action]
    rag_changes: list = field(default_factory=list)  # [(Action, from, to)]
    progress: list = field(default_factory=list)   # [(reference, date, text)]

    @property
    def nothing(self):
        return not (self.new or self.changed or self.removed or self.rag_changes or self.progress)


def _section_key(section_title, number):
    return ("n", number) if number else ("t", " ".join(section_title.lower().split()))


def _parsed_actions(parsed):
    """{(section key, reference): (ParsedSection, ParsedAction, parent key or None)} numbered as
    plan_renumber numbers them."""
    out, counter = {}, 0
    for s in parsed.sections:
        number = None
        if s.numbered:
            counter += 1
            number = counter
        key = _section_key(s.title, number)
        for i, a in enumerate(s.actions, start=1):
            ref = f"{number}.{i}" if number else _lettered(i)
            out[(key, ref)] = (s, a, None)
            for j, sub in enumerate(a.subs, start=1):
                out[(key, f"{ref} {_lettered(j)}")] = (s, sub, (key, ref))
    return out


def _existing_actions(plan):
    actions = Action.objects.filter(plan=plan).select_related("section").prefetch_related("progress_updates")
    return {(_section_key(a.section.title, a.section.number), a.reference): a for a in actions}


def _differences(action, row):
    proposed = {"text": row.text, "lead_person_id": row.lead_person.pk if row.lead_person else None,
                "lead_group": row.lead_group, "lead_organisation_id": row.lead_organisation.pk if row.lead_organisation else None,
                "timescale_date": row.timescale_date, "timescale_text": row.timescale_text}
    return sorted({LABELS[f] for f in COMPARED if getattr(action, f) != proposed[f]}), proposed


def _new_entries(action, row):
    held = {(u.date, " ".join(u.text.split())) for u in action.progress_updates.all()}
    return [(d, t) for d, t in row.updates if (d, " ".join(t.split())) not in held]


def plan_reimport_preview(*, plan: Plan, parsed) -> ReimportPreview:
    """What importing `parsed` into `plan` would do. Writes nothing."""
    preview = ReimportPreview()
    existing = _existing_actions(plan)
    incoming = _parsed_actions(parsed)
    for key, (_s, row, _parent) in incoming.items():
        action = existing.get(key)
        if action is None:
            preview.new.append((key[1], row))
            preview.progress += [(key[1], d, t) for d, t in row.updates]
            continue
        what, _ = _differences(action, row)
        if what:
            preview.changed.append((action, what, row))
        if row.rag and row.rag != action.rag:
            preview.rag_changes.append((action, action.get_rag_display(), row.rag))
        preview.progress += [(key[1], d, t) for d, t in _new_entries(action, row)]
    preview.removed = [a for key, a in existing.items() if key not in incoming]
    return preview


@transaction.atomic
def plan_reimport(*, plan: Plan, parsed, user, version) -> ReimportPreview:
    """Apply the spreadsheet to the plan as the preview showed it, if the plan has not changed
    since (`version` is the plan's version at preview; a second confirmation is refused the same
    way). Matched actions are updated in place, new progress entries and RAG changes appended,
    new actions added, actions no longer in the sheet removed (their History stays)."""
    _require(user, "actions.change_plan", plan)
    claim_version(plan, version)
    preview = plan_reimport_preview(plan=plan, parsed=parsed)
    now = timezone.now()
    if parsed.title and (plan.title, plan.period) != (parsed.title, parsed.period):
        plan.title, plan.period = parsed.title, parsed.period
        _save(plan, user)
    existing = _existing_actions(plan)
    sections = {_section_key(s.title, s.number): s for s in Section.objects.filter(plan=plan)}
    next_position = max([s.position for s in sections.values()], default=0)
    incoming = _parsed_actions(parsed)
    created = {}
    counter = 0
    for s in parsed.sections:
        number = None
        if s.numbered:
            counter += 1
            number = counter
        key = _section_key(s.title, number)
        section = sections.get(key)
        if section is None:
            next_position += 1
            section = Section(plan=plan, title=s.title, numbered=s.numbered, position=next_position,
                              responsibility_heading=s.heading, responsibility_text=s.text)
            _save(section, user)
            sections[key] = section
        elif (section.title, section.responsibility_heading, section.responsibility_text) != (s.title, s.heading, s.text):
            section.title, section.responsibility_heading, section.responsibility_text = s.title, s.heading, s.text
            _save(section, user)
    for key, (s, row, parent_key) in incoming.items():
        action = existing.get(key)
        section = sections[key[0]]
        if action is None:
            parent = created.get(parent_key) or existing.get(parent_key) if parent_key else None
            position = 10_000 + len(created)  # after the actions held; renumbering closes the gaps
            created[key] = _import_action(plan, section, parent, position, _without_subs(row), user, now)
            continue
        what, proposed = _differences(action, row)
        if what:
            for name, value in proposed.items():
                setattr(action, name, value)
        entries = _new_entries(action, row)
        for i, (day, text) in enumerate(reversed(entries)):
            ProgressUpdate.objects.create(action=action, date=day, text=text, author=user,
                                          created_at=now + datetime.timedelta(microseconds=i))
        if entries:
            action.last_update_on = max(filter(None, [action.last_update_on] + [d for d, _ in entries]))
        rag_changed = bool(row.rag) and row.rag != action.rag
        if rag_changed:
            RagChange.objects.create(action=action, from_rag=action.rag, to_rag=row.rag, changed_by=user,
                                     reason="Imported from a spreadsheet.", changed_at=now)
            action.rag = row.rag
            action.status = Action.Status.COMPLETE if row.rag == "blue" else Action.Status.IN_PROGRESS
        if what or entries or rag_changed:
            _save(action, user)
    for action in preview.removed:
        _save_delete(action, user)
    plan_renumber(plan=plan, user=user)
    return preview


def _without_subs(row):
    """The action alone: its sub-actions are created as their own rows."""
    from copy import copy

    alone = copy(row)
    alone.subs = []
    return alone


def _save_delete(action, user):
    from core.audit import record_user

    if Action.objects.filter(pk=action.pk).exists():  # a sub-action goes with its removed parent
        record_user(action, user)
        action.delete()
