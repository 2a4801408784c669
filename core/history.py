"""The "History" page every audited object has: who changed what, when, from what to what."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def history_rows(obj, limit=200):
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
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


def history_response(request, obj, perm, title):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return render(request, "core/history.html", {"object": obj, "rows": history_rows(obj), "title": title})
