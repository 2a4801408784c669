"""The indicator catalogue kept in the app by the clerk or the board's performance lead."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from boards.access import board_ids_for, is_admin
from boards.models import Board, Person
from core.concurrency import StaleEdit
from core.permissions import require as _require
from performance import catalogue, periods, services
from performance.forms import BenchmarkForm, IndicatorForm, ValueWithdrawForm
from performance.models import Comparator, Indicator, IndicatorValue, Target


def keepable_boards(user):
    if is_admin(user):
        return Board.objects.order_by("name")
    ids = set(board_ids_for(user, "clerks")) | set(board_ids_for(user, "performance_leads"))
    return Board.objects.filter(pk__in=ids).order_by("name")


def _officers(user, indicator=None):
    """People on the boards the user keeps (and those already named), to choose from."""
    people = Person.objects.select_related("organisation").order_by("last_name", "first_name")
    if is_admin(user):
        return people
    on_boards = Q(memberships__board__in=keepable_boards(user), memberships__end_date__isnull=True)
    if indicator is not None:
        on_boards |= Q(pk__in=indicator.responsible_officers.values("pk")) | Q(pk=indicator.owner_id or 0)
    return people.filter(on_boards).distinct()


def _apply_errors(form, exc):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def indicator_create(request):
    _require(request.user, "performance.add_indicator")
    boards = keepable_boards(request.user)
    form = IndicatorForm(request.POST or None, boards=boards, officers=_officers(request.user))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            indicator = catalogue.indicator_create(user=request.user, keepable_boards=list(boards), **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{indicator} added to the catalogue.")
            return redirect(indicator)
    return render(request, "performance/indicator_form.html", {"form": form, "indicator": None})


def _indicator(request, pk):
    indicator = get_object_or_404(Indicator.objects.prefetch_related("boards", "responsible_officers"), pk=pk)
    _require(request.user, "performance.change_indicator", indicator)
    return indicator


@login_required
def indicator_edit(request, pk):
    indicator = _indicator(request, pk)
    boards = keepable_boards(request.user)
    bound = Indicator.objects.get(pk=pk) if request.method == "POST" else indicator
    form = IndicatorForm(request.POST or None, instance=bound, boards=boards,
                         officers=_officers(request.user, indicator))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            catalogue.indicator_update(indicator=indicator, version=form.cleaned_data.get("version"),
                                       user=request.user, keepable_boards=list(boards), **fields)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{indicator} saved.")
            return redirect(indicator)
    return render(request, "performance/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
def indicator_benchmarks(request, pk):
    """Targets and comparators by period: the table of what is held and a form to set a period's."""
    indicator = _indicator(request, pk)
    form = BenchmarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            done = catalogue.indicator_benchmarks_set(
                indicator=indicator, period_start=d["period_start"], user=request.user, target=d["target"],
                comparators={"england": d["england"], "region": d["region"], "neighbours": d["statistical_neighbours"]})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Saved: {', '.join(done)}." if done else "Nothing changed.")
            return redirect("performance:indicator_benchmarks", indicator.pk)
    rows = {}
    for t in Target.objects.filter(indicator=indicator):
        rows.setdefault(t.period_start, {})["target"] = t.value
    for c in Comparator.objects.filter(indicator=indicator):
        rows.setdefault(c.period_start, {})[c.kind] = c.value
    table = [{"label": periods.long_label(start, periods.standard_end(start, indicator.frequency), indicator.frequency,
                                          indicator.year_basis), "start": start, **values}
             for start, values in sorted(rows.items(), reverse=True)]
    return render(request, "performance/indicator_benchmarks.html",
                  {"indicator": indicator, "form": form, "rows": table})


@login_required
def value_withdraw(request, pk):
    row = get_object_or_404(IndicatorValue.all_objects.select_related("indicator").prefetch_related(
        "indicator__boards", "indicator__responsible_officers"), pk=pk)
    _require(request.user, "performance.enter_values", row.indicator)
    form = ValueWithdrawForm(request.POST or None, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_value_withdraw(value=row, reason=form.cleaned_data["reason"], user=request.user,
                                              version=form.cleaned_data.get("version"))
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{row.period_label} withdrawn; it stays in the value's History with the reason.")
            return redirect(row.indicator.get_absolute_url() + "#values")
    return render(request, "performance/value_withdraw.html", {"form": form, "row": row})
