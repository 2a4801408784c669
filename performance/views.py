"""Indicator pages, value entry, import, export and performance reports. Views parse and respond."""
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from boards.access import board_ids_for, is_admin
from boards.models import Board
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require
from performance import imports, selectors, services
from performance.exports import series_csv
from performance.forms import ImportForm, IndicatorValueForm, SnapshotForm, next_period
from performance.models import Indicator, IndicatorValue, PerformanceSnapshot
from performance.series import indicator_series, point_for


def indicator_list(request):
    board = None
    if request.GET.get("board"):
        board = get_object_or_404(Board, slug=request.GET["board"])
    indicators = selectors.indicator_list(request.user, board=board)
    rows = []
    for indicator in indicators:
        public = not request.user.has_perm("performance.view_real_values", indicator)
        latest = None
        if indicator.latest is not None:
            latest = point_for(indicator, indicator.latest, indicator.latest.target_value, {}, public=public)
        rows.append({"indicator": indicator, "latest": latest, "public": public})
    return render(request, "performance/indicator_list.html", {
        "rows": rows, "board": board, "any_public": any(r["public"] for r in rows),
        "can_import": _can_enter_any(request.user),
        "can_add": request.user.has_perm("performance.add_indicator"),
    })


def _value_form(request, indicator, recorded):
    if not request.user.has_perm("performance.enter_values", indicator):
        return None
    if request.method == "POST":
        return IndicatorValueForm(request.POST, indicator=indicator, recorded=recorded)
    following = next_period(indicator, recorded)
    initial = {"period_start": following.isoformat()} if following else {}
    chosen = request.GET.get("period")
    if chosen:
        try:
            row = recorded.get(datetime.date.fromisoformat(chosen))
        except ValueError:
            row = None
        if row is not None:
            targets = {t.period_start: t.value for t in indicator.targets.all()}
            comps = {c.kind: c.value for c in indicator.comparators.all() if c.period_start == row.period_start}
            initial = {"period_start": row.period_start.isoformat(), "numerator": row.numerator,
                       "denominator": row.denominator, "value": row.value, "notes": row.notes,
                       "is_provisional": row.is_provisional,
                       "target": targets.get(row.period_start), "england": comps.get("england"),
                       "region": comps.get("region"), "statistical_neighbours": comps.get("neighbours")}
    return IndicatorValueForm(initial=initial, indicator=indicator, recorded=recorded)


def indicator_detail(request, pk):
    try:
        indicator = selectors.indicator_detail(pk)
    except Indicator.DoesNotExist:
        raise Http404
    _require(request.user, "performance.view_indicator", indicator)
    recorded = {v.period_start: v for v in indicator.values.all()}
    form = _value_form(request, indicator, recorded)
    if request.method == "POST":
        if form is None:
            _require(request.user, "performance.enter_values", indicator)
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = services.indicator_value_record(
                    indicator=indicator, period_start=data["period_start"], user=request.user,
                    numerator=data.get("numerator"), denominator=data.get("denominator"), value=data.get("value"),
                    notes=data["notes"], is_provisional=data["is_provisional"], target=data.get("target"),
                    comparators={"england": data["england"], "region": data["region"],
                                 "neighbours": data["statistical_neighbours"]},
                    version=data.get("version"), reason=data.get("reason", ""), reason_required=True,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except StaleEdit as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Saved {row.period_label}.")
                return redirect(indicator.get_absolute_url() + "#values")
    public = not request.user.has_perm("performance.view_real_values", indicator)
    series = indicator_series(indicator, public=public)
    return render(request, "performance/indicator_detail.html", {
        "indicator": indicator, "series": series, "public": public, "form": form,
        "boards": list(indicator.boards.all()),
        "can_see_history": request.user.has_perm("performance.view_value_history", indicator),
        "can_change_catalogue": request.user.has_perm("performance.change_catalogue", indicator),
        "can_keep": request.user.has_perm("performance.change_indicator", indicator),
        "value_ids": {v.period_start.isoformat(): v.pk for v in recorded.values()},
        "withdrawn": (IndicatorValue.all_objects.filter(indicator=indicator, withdrawn_at__isnull=False)
                      .order_by("-period_start")
                      if request.user.has_perm("performance.view_value_history", indicator) else []),
    }, status=400 if form is not None and form.is_bound and form.errors else 200)


def indicator_export(request, pk):
    """CSV of the values. The public always gets the suppressed file; members may ask for it."""
    try:
        indicator = selectors.indicator_detail(pk)
    except Indicator.DoesNotExist:
        raise Http404
    _require(request.user, "performance.view_indicator", indicator)
    public = request.GET.get("audience") == "public" or not request.user.has_perm("performance.view_real_values", indicator)
    body = series_csv(indicator_series(indicator, public=public))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    suffix = "public" if public else "members"
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}-{suffix}.csv"'
    return response


@login_required
def indicator_history(request, pk):
    indicator = get_object_or_404(Indicator.objects.prefetch_related("boards"), pk=pk)
    return history_response(request, indicator, "performance.view_value_history", f"History of {indicator}")


@login_required
def value_history(request, pk):
    row = get_object_or_404(IndicatorValue.all_objects.select_related("indicator"), pk=pk)
    return history_response(request, row, "performance.view_value_history",
                            f"History of {row.indicator.code} {row.period_label}")


def _can_enter_any(user):
    """Whoever enters some indicator's values: a clerk or performance lead, or a named officer."""
    if is_admin(user) or board_ids_for(user, "clerks") or board_ids_for(user, "performance_leads"):
        return True
    return user.is_authenticated and Indicator.objects.filter(responsible_officers__user=user).exists()


@login_required
def values_import(request):
    if not _can_enter_any(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = imports.indicator_values_import(content=upload.read(), filename=upload.name, user=request.user)
        except imports.ImportRejected as exc:
            problems = exc.problems
        else:
            messages.success(request, f"Imported {count} value{'s' if count != 1 else ''}.")
            return redirect("performance:indicator_list")
    return render(request, "performance/import.html", {"form": form, "problems": problems},
                  status=400 if problems else 200)


@login_required
def snapshot_create(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "performance.create_snapshot", board)
    initial = {"as_of": timezone.localdate(), "indicators": Indicator.objects.followed_by(board)}
    form = SnapshotForm(request.POST or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        snapshot = services.performance_snapshot_create(
            board=board, user=request.user, public=d["public"], indicators=list(d["indicators"]), as_of=d["as_of"],
            trend_length=d["trend_length"], title=d["title"], agenda_item=d["agenda_item"],
        )
        messages.success(request, "Performance report frozen. Later corrections will not change it.")
        return redirect(snapshot)
    return render(request, "performance/snapshot_form.html", {"form": form, "board": board})


def snapshot_detail(request, pk):
    snapshot = get_object_or_404(
        PerformanceSnapshot.objects.select_related("board", "agenda_item__meeting", "created_by"), pk=pk
    )
    _require(request.user, "performance.view_snapshot", snapshot)
    return render(request, "performance/snapshot_detail.html", {"snapshot": snapshot})
