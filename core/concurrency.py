"""No lost updates: every edit carries the version the user started from.

A save based on an old version is refused with `StaleEdit`, which says what changed since and
by whom; the caller keeps what the user typed and shows both. A save that does not say which
version it started from (a hand-made POST, a form from an older release) is refused the same
way: it could overwrite anything. Only writes that come from no form at all (the demo loader,
imports, tasks) pass `UNCHECKED`.
"""
from dataclasses import dataclass, field

from django.db.models import F


class _Unchecked:
    def __repr__(self):
        return "UNCHECKED"


# For writes that come from no form (demo loader, imports, tasks): take the row, skip the check.
UNCHECKED = _Unchecked()


@dataclass
class StaleEdit(Exception):
    obj: object
    started_from: int | None
    current: int
    changes: list = field(default_factory=list)
    changed_by: str = ""

    def __str__(self):
        if self.started_from is None:
            return (
                "Your save was refused: the form did not say which version you started from, so it could "
                f"overwrite changes someone else has saved (it is now version {self.current}). "
                "Nothing has been overwritten: your text is still in the form below. "
                "Reload the page to start from the latest version."
            )
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


def claim_version(obj, version):
    """Lock the row, refuse if it moved on from `version` (or if no version was given), and bump
    the version. Call inside a transaction. `version` is what the form carried, or UNCHECKED."""
    model = type(obj)
    rows = model._base_manager  # every row, even one a default manager hides (a withdrawn value)
    current = rows.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
    if version is not UNCHECKED:
        try:
            started_from = int(version)
        except (TypeError, ValueError):
            raise StaleEdit(obj=obj, started_from=None, current=current) from None
        if started_from != current:
            changes, who = changes_since(obj, started_from)
            raise StaleEdit(obj=obj, started_from=started_from, current=current, changes=changes, changed_by=who)
    rows.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.version = current + 1
    obj._claimed_version = current  # a SavesOnlyChanges model gives it back if nothing changes


# Fields that say when or how often a row was saved, not what it says.
BOOKKEEPING_FIELDS = frozenset({"version", "updated_at", "modified_at"})


def same_as_stored(obj, ignore=()) -> bool:
    """Whether saving `obj` would change nothing a person reads: every concrete field equals the
    stored row's (the version, timestamps and the names in `ignore` aside)."""
    model = type(obj)
    stored = model._base_manager.filter(pk=obj.pk).first()
    if stored is None:
        return False
    for f in model._meta.concrete_fields:
        if f.primary_key or f.attname in BOOKKEEPING_FIELDS or f.attname in ignore or getattr(f, "auto_now", False):
            continue
        old, new = getattr(stored, f.attname), getattr(obj, f.attname)
        if hasattr(old, "name") and hasattr(old, "storage"):  # a file: compare where it is stored
            old, new = old.name, getattr(new, "name", new)
        try:
            new = f.to_python(new) if new is not None and not hasattr(new, "storage") else new
        except Exception:
            pass
        if old != new:
            return False
    return True


class SavesOnlyChanges:
    """For versioned models: a save after `claim_version` that changes nothing stores nothing.

    Saving a form unchanged then leaves the row exactly as it was: the same version, no History
    entry, no "updated" time. A service that changes only many-to-many links sets
    `obj._links_changed = True` before saving, so the version still moves on.
    """

    def save(self, *args, **kwargs):
        claimed = self.__dict__.pop("_claimed_version", None)
        links_changed = self.__dict__.pop("_links_changed", False)
        if (claimed is not None and not links_changed and not self._state.adding
                and not kwargs.get("force_insert") and same_as_stored(self)):
            type(self)._base_manager.filter(pk=self.pk).update(version=claimed)
            self.version = claimed
            return
        super().save(*args, **kwargs)


def database_busy(exc: BaseException) -> bool:
    """Whether a database error means "busy, try again" (SQLite's "database is locked" once the busy
    timeout ran out, a PostgreSQL deadlock or serialisation failure) rather than "this is wrong"."""
    from django.db import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return any(words in text for words in ("database is locked", "database table is locked", "deadlock detected",
                                           "could not serialize access"))
