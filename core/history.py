"""The "History" page every audited object has: who changed what, when, from what to what.

It reads as a clerk would write it: people and records by name (never an id), choices by their
label (never a code), dates in words, rich text as the words that were added and removed, every
value whole. One action is one event: the records django-simple-history writes for a single
save (the row, then its many-to-many links; a move that renumbers) are shown together once.
"""
import datetime
import difflib
import html
import re

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core import formats

# Bookkeeping a person never asked to change.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "history_change_reason"}
# Records of one object, by one person, this close together are one action.
SAME_EVENT = datetime.timedelta(seconds=1)
# Text longer than this is shown whole with the words added and removed marked, rather than twice.
LONG_TEXT = 80
WHAT = {"+": "Created", "~": "Changed", "-": "Removed"}
_HTML = re.compile(r"<(p|br|ul|ol|li|h[1-6]|div|strong|em|b|i|table|tr|td|th|blockquote)\b", re.I)


def history_rows(obj, limit=200, records=None, subject=False):
    """Events newest first, each {"record", "when", "who", "what", "changes", "subject"}.

    `records` may be any historical queryset of one object (defaults to obj's own history).
    """
    if records is None:
        records = obj.history.all()
    if isinstance(records, models.QuerySet):
        records = list(records.select_related("history_user").order_by("history_date", "history_id"))
    model = records[0].instance_type if records else type(obj)
    names = _Names()
    events, base = [], None
    for group in _group(records):
        first, last = group[0], group[-1]
        what = "-" if last.history_type == "-" else first.history_type
        changes = []
        if what == "~" and base is not None:
            changes = _changes(model, base, last, names)
        elif what == "~":
            what = "+"  # the first record we hold: the object as it was created here
        reason = next((r.history_change_reason for r in group if getattr(r, "history_change_reason", "")), "")
        if what == "~" and not changes and not reason:
            base = last
            continue  # a save that changed nothing a person sees (a version bump) is not an event
        events.append({
            "record": last,
            "when": first.history_date,
            "who": _who(group),
            "what": WHAT[what],
            "reason": reason,
            "changes": changes,
            "subject": (subject(last) if callable(subject) else _subject(last)) if subject else "",
        })
        base = last
    events.reverse()
    return events[:limit]


def _group(records):
    group = []
    for record in records:
        if group and _same_event(group, record):
            group.append(record)
        else:
            if group:
                yield group
            group = [record]
    if group:
        yield group


def _same_event(group, record):
    last = group[-1]
    if not (record.history_user_id == last.history_user_id
            and record.history_date - last.history_date <= SAME_EVENT
            and last.history_type != "-" and record.history_type != "+"):
        return False
    if group[0].history_type != "+":
        return True  # two saves of one change: shown as the change from before the first to after the last
    # A creation takes in only what the same save wrote after it (its many-to-many links), so a
    # quick edit after creating is still shown as an edit.
    try:
        changed = {c.field for c in record.diff_against(last).changes}
    except Exception:
        return False
    many = {f.name for f in record.instance_type._meta.many_to_many}
    return changed <= (many | HIDDEN_FIELDS)


def _who(group):
    user = group[0].history_user
    if user is None:
        return "System"
    return user.get_full_name() or user.username


def _subject(record):
    try:
        return str(record.instance)
    except Exception:
        return f"Record {record.id}"


def _changes(model, older, newer, names):
    try:
        delta = newer.diff_against(older)
    except Exception:
        return []
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS:
            continue
        try:
            field = model._meta.get_field(change.field)
        except FieldDoesNotExist:
            field = None
        old, new = _value(field, change.old, names), _value(field, change.new, names)
        if old == new:
            continue
        row = {"field": _label(field, change.field), "old": old or "Not set", "new": new or "Not set", "diff": None}
        if _is_rich(change.old) or _is_rich(change.new) or max(len(old), len(new)) > LONG_TEXT:
            row["diff"] = word_difference(_readable(change.old) if _is_rich(change.old) else old,
                                          _readable(change.new) if _is_rich(change.new) else new)
        changes.append(row)
    return changes


def _label(field, name):
    if field is not None and getattr(field, "verbose_name", None):
        label = str(field.verbose_name)
    else:
        label = name.replace("_", " ")
    if name == "position":
        label = "item number"
    return label[:1].upper() + label[1:]


class _Names:
    """str() of related records by primary key, each looked up once per page."""

    def __init__(self):
        self.cache = {}

    def __call__(self, model, pk):
        if pk in (None, ""):
            return ""
        key = (model, pk)
        if key not in self.cache:
            obj = model._default_manager.filter(pk=pk).first()
            if obj is None:
                self.cache[key] = f"a removed {model._meta.verbose_name}"
            elif hasattr(obj, "get_full_name") and obj.get_full_name():
                self.cache[key] = obj.get_full_name()
            else:
                self.cache[key] = str(obj)
        return self.cache[key]


def _value(field, value, names) -> str:
    if value is None or value == "":
        return ""
    if field is None:
        return str(value)
    if field.many_to_many:
        target = field.related_model
        key = target._meta.model_name
        pks = [row.get(key) if isinstance(row, dict) else row for row in value or []]
        return "; ".join(sorted(names(target, pk) for pk in pks if pk is not None))
    if field.is_relation:
        return names(field.related_model, getattr(value, "pk", value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return formats.date_and_time(value)
    if isinstance(field, models.DateField):
        return formats.plain_date(value)
    if isinstance(field, models.TimeField):
        return formats.short_time(value)
    if _is_rich(value):
        return _readable(value)
    return str(value)


def _is_rich(value) -> bool:
    return isinstance(value, str) and bool(_HTML.search(value))


def _readable(rich: str) -> str:
    """Sanitised rich text as the words a reader sees, one paragraph a line."""
    text = re.sub(r"<br\s*/?>|</(p|li|h[1-6]|tr|div|blockquote)>", "\n", rich or "", flags=re.I)
    text = re.sub(r"</t[dh]>", " ", text, flags=re.I)
    text = html.unescape(strip_tags(text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def word_difference(old: str, new: str):
    """The new text whole, with the words taken out and put in marked (<del>/<ins>, each also said
    in words for a screen reader, which does not announce those elements)."""
    tokenise = re.compile(r"\n|[^\s]+")
    a, b = tokenise.findall(old or ""), tokenise.findall(new or "")
    out = []

    def words(tokens):
        text = " ".join(tokens).replace(" \n ", "\n").replace("\n ", "\n").replace(" \n", "\n")
        return escape(text).replace("\n", "<br>")

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(words(a[i1:i2]))
            continue
        if i2 > i1:
            out.append(f'<del><span class="visually-hidden">[removed: </span>{words(a[i1:i2])}'
                       f'<span class="visually-hidden">]</span></del>')
        if j2 > j1:
            out.append(f'<ins><span class="visually-hidden">[added: </span>{words(b[j1:j2])}'
                       f'<span class="visually-hidden">]</span></ins>')
    return mark_safe(" ".join(part for part in out if part).replace(" <br>", "<br>").replace("<br> ", "<br>"))


def related_history(label, records, kind=""):
    """A section of the History page: the events of other records (an object's items, packs…).
    `kind` names one such record ("Agenda item") where the rows are shown in one timeline."""
    # One query for every record of every object, then one per kind of related record the names
    # need (not one per object).
    by_object = {}
    for record in records.select_related("history_user").order_by("history_date", "history_id"):
        by_object.setdefault(record.id, []).append(record)
    subjects = _subjects([record for group in by_object.values() for record in group])
    rows = []
    for group in by_object.values():
        rows += history_rows(None, records=group, subject=lambda record: subjects[record.history_id])
    for row in rows:
        row["kind"] = kind
    rows.sort(key=lambda r: r["when"], reverse=True)
    return {"label": label, "rows": rows}


def _subjects(records) -> dict:
    """Each record's object as named at that time (by history_id), its related records fetched in
    bulk: one query per kind of related record, not one per object."""
    instances = {record.history_id: record.instance for record in records}
    if instances:
        model = type(next(iter(instances.values())))
        for field in model._meta.concrete_fields:
            if not field.many_to_one:
                continue
            wanted = {getattr(i, field.attname) for i in instances.values()} - {None}
            found = field.related_model._default_manager.in_bulk(wanted) if wanted else {}
            for instance in instances.values():
                target = found.get(getattr(instance, field.attname))
                if target is not None:
                    field.set_cached_value(instance, target)
    subjects = {}
    for key, instance in instances.items():
        try:
            subjects[key] = str(instance)
        except Exception:
            subjects[key] = f"Record {instance.pk}"
    return subjects


def history_response(request, obj, perm, title, related=(), events=(), timeline=""):
    """The History page of `obj`.

    `related` is [(label, historical queryset)] shown beneath (e.g. memberships, agenda items);
    `events` is [(label, rows)] of ready-made rows for records that keep their own log (e.g. the
    versions of an agenda pack), each row {"when", "who", "what", "subject", "changes"}.
    With `timeline` (what one of `obj` is called, e.g. "Meeting"), everything is one table, newest
    first, each row naming its kind of record: `related` and `events` then take a third element
    between label and records, the singular ("Agenda item").
    """
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    if timeline:
        rows = [{**row, "kind": timeline, "subject": str(obj)} for row in history_rows(obj)]
        labels = []
        for label, kind, records in related:
            rows += related_history(label, records, kind=kind)["rows"]
            labels.append(label)
        for label, kind, event_rows in events:
            rows += [{**row, "kind": kind} for row in event_rows]
            labels.append(label)
        rows.sort(key=lambda r: r["when"], reverse=True)
        return render(request, "core/history.html", {"object": obj, "title": title, "timeline": rows,
                                                     "kinds": list(dict.fromkeys(labels)),
                                                     "timeline_kind": timeline})
    sections = [related_history(label, records) for label, records in related]
    sections += [{"label": label, "rows": sorted(rows, key=lambda r: r["when"], reverse=True)} for label, rows in events]
    return render(request, "core/history.html",
                  {"object": obj, "rows": history_rows(obj), "title": title, "sections": sections})
