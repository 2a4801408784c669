"""Writes to indicators' values, targets and comparators, and frozen performance reports.

Each function is one transaction and records who made the change (django-simple-history's
`history_user`), whether called from a view, an import, a task or a management command.
"""
import datetime
import hashlib
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from boards.models import Board
from core.audit import record_user, save_audited
from core.concurrency import UNCHECKED, claim_version
from core.formats import plain_date
from performance import periods as period_rules
from performance import selectors
from performance.figures import SUPPRESSION_NOTE, FigureError, compute_value
from performance.models import Comparator, Indicator, IndicatorValue, PerformanceSnapshot, Target
from performance.series import direction_of_travel, indicator_series

COMPARATOR_FIELDS = {"england": "england", "region": "region", "neighbours": "statistical_neighbours"}


_audit = record_user
_save = save_audited


def _period_end(indicator: Indicator, period_start: datetime.date, period_end: datetime.date | None) -> datetime.date:
    if period_end is None:
        if not period_rules.is_period_start(period_start, indicator.frequency, indicator.year_basis):
            raise FigureError(
                "period_start",
                f"{plain_date(period_start)} is not the first day of a {indicator.get_frequency_display().lower()} period "
                f"({indicator.get_year_basis_display().lower()}).",
            )
        return period_rules.standard_end(period_start, indicator.frequency)
    if period_end < period_start:
        raise FigureError("period_end", "The period cannot end before it starts.")
    return period_end


def _check_due(indicator, period_start, period_end):
    """A value is entered once its period has finished and its reporting lag makes it due."""
    today = timezone.localdate()
    due = period_rules.due_from(period_start, period_end, indicator.frequency, indicator.year_basis,
                                indicator.reporting_lag)
    if due <= today:
        return
    name = period_rules.label(period_start, period_end, indicator.frequency, indicator.year_basis)
    if period_end >= today:
        raise FigureError("period_start", f"{name} has not finished yet: its value can be entered from {plain_date(due)}.")
    raise FigureError("period_start", f"{name} is not due yet: this indicator is reported "
                                      f"{indicator.lag_label.lower()}, so its value can be entered from {plain_date(due)}.")


def _check_value(indicator, *, period_start, period_end, numerator, denominator, value):
    """The stored value and period end, or FigureError naming the field at fault."""
    period_end = _period_end(indicator, period_start, period_end)
    _check_due(indicator, period_start, period_end)
    stored = compute_value(unit=indicator.unit, numerator=numerator, denominator=denominator, value=value)
    return stored, period_end


VALUE_FIELDS = ("period_end", "numerator", "denominator", "value", "notes", "is_provisional")


def _upsert_value(indicator, *, period_start, period_end, numerator, denominator, stored, notes, is_provisional,
                  version, user, reason: str = "", reason_required: bool = False) -> IndicatorValue:
    """Insert the period's value, or correct it. A correction from a form needs a reason; the same
    figures saved again write nothing. A withdrawn value entered again stands again."""
    row = IndicatorValue.all_objects.filter(indicator=indicator, period_start=period_start).first()
    if row is None:
        row = IndicatorValue(indicator=indicator, period_start=period_start)
    else:
        proposed = {"period_end": period_end, "numerator": numerator, "denominator": denominator, "value": stored,
                    "notes": notes or "", "is_provisional": bool(is_provisional)}
        withdrawn = row.withdrawn_at is not None
        changed = withdrawn or any(getattr(row, f) != proposed[f] for f in VALUE_FIELDS)
        if not changed:
            return row
        if reason_required and not withdrawn and not (reason or "").strip():
            raise ValidationError({"reason": f"{row.period_label} already has a value: say why you are correcting it."})
        claim_version(row, UNCHECKED if withdrawn else version)
        row.reason = (reason or "").strip()[:255] or ("Entered again after withdrawal" if withdrawn else "")
        row.withdrawn_at = None
        row._change_reason = (row.reason or "Corrected")[:100]
    row.period_end = period_end
    row.numerator = numerator
    row.denominator = denominator
    row.value = stored
    row.notes = notes or ""
    row.is_provisional = bool(is_provisional)
    _save(row, user)
    return row


def _set_target(indicator, period_start, target, user):
    if target is None:
        return
    row = Target.objects.filter(indicator=indicator, period_start=period_start).first() or Target(
        indicator=indicator, period_start=period_start
    )
    if row.pk and row.value == target:
        return
    row.value = target
    _save(row, user)


def _set_comparators(indicator, period_start, comparators: dict, user):
    for kind, value in (comparators or {}).items():
        if value is None:
            continue
        row = Comparator.objects.filter(indicator=indicator, period_start=period_start, kind=kind).first() or Comparator(
            indicator=indicator, period_start=period_start, kind=kind
        )
        if row.pk and row.value == value:
            continue
        row.value = value
        _save(row, user)


@transaction.atomic
def indicator_value_record(
    *, indicator: Indicator, period_start: datetime.date, user, numerator: Decimal | None = None,
    denominator: Decimal | None = None, value: Decimal | None = None, period_end: datetime.date | None = None,
    notes: str = "", is_provisional: bool = False, target: Decimal | None = None,
    comparators: dict | None = None, version=UNCHECKED, reason: str = "", reason_required: bool = False,
) -> IndicatorValue:
    """Record (or correct) one period's value, with its target and comparators if given.

    The value is computed from numerator and denominator for percentages and rates, and from
    the count for counts; typed only for days and weeks. A correction keeps the old figures in
    the value's history, with `reason` (a form's correction must give one: `reason_required`). Raises ValidationError naming the field; StaleEdit if `version` is old (or,
    from a form, missing when the period already has a value).
    """
    if period_end is None:
        # A correction keeps the period as recorded: a value imported for a period that is not a
        # standard one (1 September to 31 December 2012, say) is corrected, not refused.
        period_end = (IndicatorValue.objects.filter(indicator=indicator, period_start=period_start)
                      .values_list("period_end", flat=True).first())
    try:
        stored, period_end = _check_value(indicator, period_start=period_start, period_end=period_end,
                                          numerator=numerator, denominator=denominator, value=value)
    except FigureError as exc:
        raise ValidationError({exc.field: exc.message})
    row = _upsert_value(indicator, period_start=period_start, period_end=period_end, numerator=numerator,
                        denominator=denominator, stored=stored, notes=notes, is_provisional=is_provisional,
                        version=version, user=user, reason=reason, reason_required=reason_required)
    _set_target(indicator, period_start, target, user)
    _set_comparators(indicator, period_start, comparators, user)
    return row


@transaction.atomic
def indicator_value_withdraw(*, value: IndicatorValue, reason: str, user, version=UNCHECKED) -> IndicatorValue:
    """Withdraw a mistaken value: it stays on record, with the reason, in History, and is read
    nowhere else (pages, charts, exports, new performance reports). Withdrawing twice is one withdrawal."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm("performance.enter_values", value.indicator):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the value is withdrawn."})
    row = IndicatorValue.all_objects.select_for_update().get(pk=value.pk)
    if row.withdrawn_at is not None:
        return row
    claim_version(row, version)
    row.withdrawn_at = timezone.now()
    row.reason = reason[:255]
    row._change_reason = f"Withdrawn: {reason}"[:100]
    _save(row, user)
    return row


# Performance report --------------------------------------------------------------------------------

@transaction.atomic
def performance_snapshot_create(
    *, board: Board, user, public: bool, indicators=None, periods: list[datetime.date] | None = None,
    as_of: datetime.date | None = None, trend_length: int = 8, title: str = "Performance report",
    agenda_item=None,
) -> PerformanceSnapshot:
    """Freeze a performance report: the figures as they stand now, never changed afterwards.

    `indicators`: the clerk's choice, or None for every indicator the board follows.
    `periods`: the period starts to show; None takes, for each indicator, the newest period its
    reporting lag allows on `as_of` (default today) and the `trend_length` periods up to it.
    `public`: suppress small numbers (for the public pack).
    """
    as_of = as_of or timezone.localdate()
    if indicators is None:
        ids = list(board.indicators.values_list("pk", flat=True))
    else:
        ids = [i.pk if isinstance(i, Indicator) else int(i) for i in indicators]
    items = []
    for indicator in selectors.indicators_for_report(ids):
        if periods:
            series = indicator_series(indicator, public=public, only_starts=periods)
        else:
            cutoff = period_rules.latest_reportable_cutoff(as_of, indicator.frequency, indicator.year_basis,
                                                           indicator.reporting_lag)
            series = indicator_series(indicator, public=public, before=cutoff, last=trend_length)
        points = series["points"]
        items.append({"series": series, "latest": points[-1] if points else None,
                      "direction": direction_of_travel(series)})
    rows = {
        "as_of": as_of.isoformat(),
        "public": public,
        "indicators": items,
        "suppression_note": SUPPRESSION_NOTE if any(i["series"]["suppression_note"] for i in items) else "",
    }
    content_hash = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    return PerformanceSnapshot.objects.create(
        board=board, agenda_item=agenda_item, title=title, as_of=as_of, public=public, rows=rows,
        content_hash=content_hash, created_by=user if user is not None and user.is_authenticated else None,
    )
