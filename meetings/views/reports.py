"""Reports: mine, write, read, edit, submit, approve, return, withdraw, History."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.models import Board
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require
from meetings import selectors, services
from meetings.forms import AttachmentForm, ReportForm, WithdrawForm
from meetings.models import Report


@login_required
def my_reports(request):
    return render(
        request, "meetings/my_reports.html",
        {
            "reports": selectors.reports_of_author(request.user),
            "awaiting": selectors.reports_awaiting_approval(request.user),
            "boards": [b for b in Board.objects.all() if request.user.has_perm("boards.write_report", b)],
        },
    )


@login_required
def report_create(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "boards.write_report", board)
    initial = {}
    if request.GET.get("item"):
        initial["agenda_item"] = request.GET["item"]
    form = ReportForm(request.POST or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "strategic_priorities")}
        report = services.report_create(board=board, author=request.user, priorities=form.cleaned_data["strategic_priorities"], **data)
        messages.success(request, "Report saved as a draft.")
        return redirect(report)
    return render(request, "meetings/report_form.html", {"form": form, "board": board})


def report_detail(request, pk):
    try:
        report = selectors.report_detail(pk)
    except Report.DoesNotExist:
        raise Http404
    _require(request.user, "meetings.view_report", report)
    return render(request, "meetings/report_detail.html", _report_context(request.user, report))


def _report_context(user, report, attachment_form=None) -> dict:
    """What the report page shows this user; `attachment_form` keeps a refused upload's form."""
    return {
        "report": report,
        "priorities_ticked": {p.pk for p in report.strategic_priorities.all()},
        "all_priorities": report.board.strategic_priorities.all(),
        "can_change": user.has_perm("meetings.change_report", report),
        "can_submit": user.has_perm("meetings.submit_report", report),
        "can_approve": user.has_perm("meetings.approve_report", report),
        "can_history": user.has_perm("meetings.view_history", report),
        "can_withdraw": user.has_perm("meetings.withdraw_report", report),
        "withdraw_form": WithdrawForm(),
        "attachment_form": attachment_form or AttachmentForm(report=report),
    }


@login_required
def report_edit(request, pk):
    report = get_object_or_404(Report.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.change_report", report)
    form = ReportForm(request.POST or None, instance=report, board=report.board)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "strategic_priorities", "revision_note")}
        try:
            services.report_update(report=report, version=form.cleaned_data.get("version"), user=request.user,
                                   priorities=form.cleaned_data["strategic_priorities"],
                                   revision_note=form.cleaned_data.get("revision_note", ""), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return render(request, "meetings/report_form.html", {"form": form, "board": report.board, "report": report})
        except StaleEdit as exc:
            form.add_error(None, str(exc))
            return render(request, "meetings/report_form.html",
                          {"form": form, "board": report.board, "report": report, "stale": exc}, status=409)
        messages.success(request, "Report saved.")
        return redirect(report)
    return render(request, "meetings/report_form.html", {"form": form, "board": report.board, "report": report})


def _report_transition(request, pk, service, done_message):
    report = get_object_or_404(Report.objects.select_related("board", "agenda_item__meeting"), pk=pk)
    try:
        service(report=report, user=request.user)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect(report)


@login_required
@require_POST
def report_submit(request, pk):
    return _report_transition(request, pk, services.report_submit, "Report submitted to the clerk for approval.")


@login_required
@require_POST
def report_approve(request, pk):
    return _report_transition(request, pk, services.report_approve, "Report approved; it is published with the agenda.")


@login_required
@require_POST
def report_return(request, pk):
    reason = request.POST.get("reason", "")
    return _report_transition(request, pk, lambda **kw: services.report_return(reason=reason, **kw),
                              "Report returned to its author as a draft; they have been e-mailed the reason.")


@login_required
@require_POST
def report_withdraw(request, pk):
    report = get_object_or_404(Report.objects.select_related("board", "agenda_item__meeting"), pk=pk)
    _require(request.user, "meetings.withdraw_report", report)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for withdrawing the report; it is kept in the History.")
        return redirect(report)
    try:
        services.report_withdraw(report=report, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(report)
    messages.success(request, "Report withdrawn and returned to its author as a draft. Public packs that "
                              "printed it have been withdrawn and a fresh public pack is being built.")
    return redirect(report)


@login_required
def report_history(request, pk):
    report = get_object_or_404(Report, pk=pk)
    return history_response(request, report, "meetings.view_history", title=f"History of “{report.title}”")
