"""The "History" page every audited object has: who changed what, when, from what to what."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def history_rows(obj, limit=200, records=None):
    """Rows of (record, changes) newest first; `records` may be any historical queryset of one object."""
    if records is None:
        records = obj.history.all()
    records = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for newer, older in zip(records, records[1:] + [None]):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                changes.append({"field": _label(obj, change.field), "old": change.old, "new": change.new})
        rows.append({"record": newer, "changes": changes})
    return rows[:limit]


def _label(obj, field_name):
    try:
        return obj._meta.get_field(field_name).verbose_name
    except Exception:
        return field_name.replace("_", " ")


def history_response(request, obj, perm, title, related=()):
    """The History page of `obj`; `related` is [(label, historical queryset)] shown beneath (e.g. memberships)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    sections = []
    for label, records in related:
        rows = []
        for instance_id in records.values_list("id", flat=True).distinct():
            for row in history_rows(obj, records=records.filter(id=instance_id)):
                row["subject"] = str(row["record"].instance)
                rows.append(row)
        rows.sort(key=lambda r: r["record"].history_date, reverse=True)
        sections.append({"label": label, "rows": rows})
    return render(request, "core/history.html",
                  {"object": obj, "rows": history_rows(obj), "title": title, "sections": sections})
