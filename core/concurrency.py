"""No lost updates: every edit carries the version the user started from.

A save based on an old version is refused with `StaleEdit`, which says what changed since and
by whom; the caller keeps what the user typed and shows both.
"""
from dataclasses import dataclass, field

from django.db.models import F


@dataclass
class StaleEdit(Exception):
    obj: object
    started_from: int
    current: int
    changes: list = field(default_factory=list)
    changed_by: str = ""

    def __str__(self):
        what = ", ".join(c["field"] for c in self.changes) or "this record"
        who = f" by {self.changed_by}" if self.changed_by else ""
        return (
            f"Someone else saved a newer version{who} while you were editing (you started from version "
            f"{self.started_from}, it is now version {self.current}). Changed: {what}. "
            "Nothing has been overwritten: your text is still in the form below."
        )


def changes_since(obj, version: int):
    """The fields that differ between the historical record at `version` and the current row."""
    history = getattr(obj, "history", None)
    if history is None:
        return [], ""
    old = history.filter(version=version).order_by("-history_date").first()
    newest = history.order_by("-history_date", "-history_id").first()
    if old is None or newest is None:
        return [], ""
    delta = newest.diff_against(old)
    changes = []
    for c in delta.changes:
        try:
            label = obj._meta.get_field(c.field).verbose_name
        except Exception:
            label = c.field
        if c.field in ("version",):
            continue
        changes.append({"field": str(label), "old": c.old, "new": c.new})
    who = ""
    if newest.history_user:
        who = newest.history_user.get_full_name() or newest.history_user.username
    return changes, who


def claim_version(obj, version: int | None):
    """Lock the row, refuse if it moved on from `version`, and bump the version. Call inside a transaction."""
    model = type(obj)
    current = model.objects.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
    if version is not None and int(version) != current:
        changes, who = changes_since(obj, int(version))
        raise StaleEdit(obj=obj, started_from=int(version), current=current, changes=changes, changed_by=who)
    model.objects.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.version = current + 1
