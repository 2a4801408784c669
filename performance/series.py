"""An indicator's trend as plain data: what the page, the CSV and the frozen report all show.

`indicator_series` is the one place that decides what a reader sees for each period, so
suppression is applied once, before anything is drawn or written: a suppressed point carries
"c" and no number at all, and the chart, the table and the export only ever see this data.
The result is JSON-serialisable so a performance report can freeze it unchanged.
"""
import datetime

from performance import periods
from performance.figures import (
    RAG_WORDS, SUPPRESSED, SUPPRESSION_NOTE, format_number, format_value, must_suppress, rag_for, rounded,
)

COMPARATOR_KINDS = [("england", "England"), ("region", "Region"), ("neighbours", "Statistical neighbours")]


def _float(d):
    return None if d is None else float(d)


def point_for(indicator, value_row, target, comparators: dict, *, public: bool) -> dict:
    """One period as a reader sees it. `target` is a Decimal or None; comparators {kind: Decimal}."""
    unit, places = indicator.unit, indicator.decimal_places
    shown = rounded(value_row.value, places)
    suppressed = public and must_suppress(unit=unit, numerator=value_row.numerator, value=value_row.value)
    if indicator.rag_basis == "thresholds":
        target = indicator.green_threshold
    rag = rag_for(
        value=shown, polarity=indicator.polarity, basis=indicator.rag_basis, target=target,
        tolerance_percent=indicator.amber_tolerance_percent,
        green_threshold=indicator.green_threshold, amber_threshold=indicator.amber_threshold,
    )
    point = {
        "period": periods.label(value_row.period_start, value_row.period_end, indicator.frequency, indicator.year_basis),
        "period_start": value_row.period_start.isoformat(),
        "period_end": value_row.period_end.isoformat(),
        "provisional": value_row.is_provisional,
        "target": _float(rounded(target, places)) if target is not None else None,
        "target_display": format_value(target, unit, places) if target is not None else "",
        "comparators": {
            kind: {"value": _float(rounded(v, places)), "display": format_value(v, unit, places)}
            for kind, v in comparators.items()
        },
    }
    if suppressed:
        # Nothing that would let the number be worked out: no value, numerator, RAG or notes.
        point.update(value=None, display=SUPPRESSED, numerator_display=SUPPRESSED, rag=None, rag_word="",
                     notes="", suppressed=True,
                     denominator_display=format_number(value_row.denominator) if indicator.is_ratio else "")
        return point
    point.update(
        value=_float(shown),
        display=format_value(value_row.value, unit, places),
        numerator_display=format_number(value_row.numerator) if value_row.numerator is not None and unit != "count" else "",
        denominator_display=format_number(value_row.denominator) if value_row.denominator is not None else "",
        rag=rag,
        rag_word=RAG_WORDS.get(rag, ""),
        notes=value_row.notes,
        suppressed=False,
    )
    return point


def indicator_series(indicator, *, public: bool, values=None, targets=None, comparators=None,
                     before: datetime.date | None = None, only_starts=None, last: int | None = None) -> dict:
    """The indicator and its points, oldest first.

    Uses the prefetched `values`, `targets` and `comparators` of the indicator unless given.
    `before`: only periods ending before this date (the reporting lag); `only_starts`: only these
    period starts; `last`: keep the newest N points.
    """
    values = list(indicator.values.all()) if values is None else list(values)
    targets = {t.period_start: t.value for t in (indicator.targets.all() if targets is None else targets)}
    by_period: dict = {}
    for c in indicator.comparators.all() if comparators is None else comparators:
        by_period.setdefault(c.period_start, {})[c.kind] = c.value
    values.sort(key=lambda v: v.period_start)
    if before is not None:
        values = [v for v in values if v.period_end < before]
    if only_starts is not None:
        wanted = set(only_starts)
        values = [v for v in values if v.period_start in wanted]
    if last:
        values = values[-last:]
    points = []
    for v in values:
        comps = by_period.get(v.period_start, {})
        ordered = {k: comps[k] for k, _ in COMPARATOR_KINDS if k in comps}
        points.append(point_for(indicator, v, targets.get(v.period_start), ordered, public=public))
    kinds = [[k, label] for k, label in COMPARATOR_KINDS if any(k in p["comparators"] for p in points)]
    any_suppressed = any(p["suppressed"] for p in points)
    return {
        "code": indicator.code,
        "title": indicator.title,
        "unit": indicator.unit,
        "unit_label": indicator.get_unit_display(),
        "polarity": indicator.polarity,
        "polarity_label": indicator.get_polarity_display(),
        "frequency_label": indicator.get_frequency_display(),
        "source": indicator.source,
        "lag_label": indicator.lag_label,
        "numerator_label": indicator.numerator_label,
        "denominator_label": indicator.denominator_label,
        "is_ratio": indicator.is_ratio,
        "target_label": "Threshold" if indicator.rag_basis == "thresholds" else "Target",
        "public": public,
        "comparator_kinds": kinds,
        "suppression_note": SUPPRESSION_NOTE if any_suppressed else "",
        "points": points,
    }


def direction_of_travel(series: dict) -> str:
    """'Improved', 'Worse', 'No change' or '' when it cannot be said (or would reveal a suppressed figure)."""
    points = series["points"]
    if len(points) < 2 or points[-1]["value"] is None or points[-2]["value"] is None:
        return ""
    latest, previous = points[-1]["value"], points[-2]["value"]
    if latest == previous:
        return "No change"
    if series["polarity"] == "neither":
        return "Up" if latest > previous else "Down"
    better = latest > previous if series["polarity"] == "higher" else latest < previous
    return "Improved" if better else "Worse"
