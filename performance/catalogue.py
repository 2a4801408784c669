"""Writes to the indicator catalogue: definitions, who follows an indicator and who enters its
values, targets and comparators by period. Each function is one transaction and records who did it."""
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.audit import save_audited
from core.concurrency import claim_version
from core.formats import plain_date
from core.locks import serialise
from performance import periods as period_rules
from performance.models import Comparator, Indicator, Target

M2M = ("boards", "responsible_officers")


def _check_boards(user, chosen, keepable):
    outside = {b.pk for b in chosen} - {b.pk for b in keepable}
    if outside:
        raise PermissionDenied


@transaction.atomic
def indicator_create(*, user, keepable_boards, **fields) -> Indicator:
    """Add an indicator to the catalogue, followed by (some of) the boards the user keeps. The
    same form sent twice adds one indicator."""
    if not user.has_perm("performance.add_indicator"):
        raise PermissionDenied
    boards, officers = list(fields.pop("boards", [])), list(fields.pop("responsible_officers", []))
    _check_boards(user, boards, keepable_boards)
    if not boards and not user.is_superuser:
        raise ValidationError({"boards": "Choose at least one of your boards to follow it."})
    serialise("indicator_create")
    existing = Indicator.objects.filter(code=fields["code"]).first()
    if existing is not None:
        if existing.title == fields["title"] and set(existing.boards.all()) >= set(boards):
            return existing
        raise ValidationError({"code": f"The code {fields['code']} is already used by “{existing.title}”."})
    indicator = Indicator(**fields)
    save_audited(indicator, user)
    indicator.boards.set(boards)
    indicator.responsible_officers.set(officers)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, version, user, keepable_boards, **fields) -> Indicator:
    """Change the catalogue entry. Boards the user does not keep are left as they are. Saved
    unchanged, nothing is written."""
    if not user.has_perm("performance.change_indicator", indicator):
        raise PermissionDenied
    chosen = list(fields.pop("boards"))
    _check_boards(user, chosen, keepable_boards)
    keepable = {b.pk for b in keepable_boards}
    boards = {b.pk for b in indicator.boards.all() if b.pk not in keepable} | {b.pk for b in chosen}
    officers = {p.pk for p in fields.pop("responsible_officers")}
    if not boards and not user.is_superuser:
        raise ValidationError({"boards": "At least one board must follow it; ask an administrator to retire it."})
    changed = {k: v for k, v in fields.items() if getattr(indicator, k) != v}
    boards_changed = boards != {b.pk for b in indicator.boards.all()}
    officers_changed = officers != {p.pk for p in indicator.responsible_officers.all()}
    if not (changed or boards_changed or officers_changed):
        return indicator
    if "code" in changed and Indicator.objects.filter(code=fields["code"]).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": f"The code {fields['code']} is already used."})
    claim_version(indicator, version)
    for name, value in changed.items():
        setattr(indicator, name, value)
    indicator._links_changed = boards_changed or officers_changed
    save_audited(indicator, user)
    if boards_changed:
        indicator.boards.set(boards)
    if officers_changed:
        indicator.responsible_officers.set(officers)
    return indicator


@transaction.atomic
def indicator_benchmarks_set(*, indicator: Indicator, period_start: datetime.date, user, target: Decimal | None,
                             comparators: dict) -> list[str]:
    """Set a period's target and comparators (England, region, statistical neighbours). A blank
    leaves what is held; the same figures again write nothing. Returns what changed."""
    if not user.has_perm("performance.change_indicator", indicator):
        raise PermissionDenied
    if not period_rules.is_period_start(period_start, indicator.frequency, indicator.year_basis):
        raise ValidationError({"period_start": f"{plain_date(period_start)} is not the first day of a "
                                               f"{indicator.get_frequency_display().lower()} period."})
    serialise(f"benchmarks:{indicator.pk}")  # the same form sent twice at once makes one row of each
    done = []
    if target is not None:
        row = Target.objects.select_for_update().filter(indicator=indicator, period_start=period_start).first()
        if row is None or row.value != target:
            row = row or Target(indicator=indicator, period_start=period_start)
            row.value = target
            save_audited(row, user)
            done.append("target")
    for kind, value in comparators.items():
        if value is None:
            continue
        row = Comparator.objects.select_for_update().filter(indicator=indicator, period_start=period_start,
                                                            kind=kind).first()
        if row is None or row.value != value:
            row = row or Comparator(indicator=indicator, period_start=period_start, kind=kind)
            row.value = value
            save_audited(row, user)
            done.append(Comparator.Kind(kind).label)
    return done
