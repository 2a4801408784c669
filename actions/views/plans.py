"""Plan pages: list, create, edit, read, export, import, snapshots, agenda links and reminders."""
from django.contrib import messages
from django.db.models import Prefetch
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions import selectors, services, spreadsheets
from actions.forms import AgendaPlanForm, ImportForm, PlanForm
from actions.models import Action, Plan, PlanSnapshot, Rag, ReminderSent
from actions.reminders import reminders_send
from boards.access import board_ids_for, is_admin
from boards.models import Board
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require

from ._common import _add_errors, _plan_for


# Plans ---------------------------------------------------------------------------------------

@login_required
def plan_list(request):
    plans = selectors.plans_visible(request.user)
    if is_admin(request.user):
        boards = Board.objects.order_by("name")
    else:
        boards = Board.objects.filter(pk__in=board_ids_for(request.user, "clerks")).order_by("name")
    return render(request, "actions/plan_list.html", {"plans": plans, "clerk_boards": boards})


@login_required
def plan_create(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "actions.add_plan", board)
    form = PlanForm(request.POST or None, board=board, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            plan = services.plan_create(board=board, user=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Plan created. Add its first section.")
            return redirect(plan)
    return render(request, "actions/form.html", {
        "form": form, "title": f"New action plan for {board.name}", "submit": "Create plan",
        "back": ("Action plans", "actions:plan_list", []),
    })


@login_required
def plan_edit(request, pk):
    plan = _plan_for(request, pk, "actions.change_plan")
    form = PlanForm(request.POST or None, instance=plan, board=plan.board)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.plan_update(plan=plan, user=request.user, version=form.cleaned_data.get("version"), **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Plan details saved.")
            return redirect(plan)
    return render(request, "actions/form.html", {
        "form": form, "title": f"Edit {plan}", "submit": "Save plan", "back_url": plan.get_absolute_url(),
    })


@login_required
def _rag_filter(request):
    """The RAG rating chosen from the summary (`?rag=red`, `?rag=none` for not rated), or None."""
    value = request.GET.get("rag")
    if value == "none":
        return ""
    return value if value in Rag.values and value else None


def _only_rated(sections, rag):
    """The sections and actions with that rating; a numbered action stays (as context) when one
    of its sub-actions has it. Sections left empty are dropped."""
    kept = []
    for section in sections:
        tops = []
        for action in section.top_actions:
            action.subs = [sub for sub in action.subs if sub.rag == rag]
            if action.rag == rag or action.subs:
                tops.append(action)
        if tops:
            section.top_actions = tops
            kept.append(section)
    return kept


def plan_detail(request, pk):
    today = timezone.localdate()
    try:
        plan = selectors.plan_with_meetings(pk, today=today)
    except Plan.DoesNotExist:
        raise Http404
    _require(request.user, "actions.view_plan", plan)
    sections, actions = selectors.plan_tree(plan, today=today)
    since, rag_changes, updated = selectors.changes_since_last_meeting(plan, actions)
    can_change = request.user.has_perm("actions.change_plan", plan)
    for a in actions:
        a.can_update = can_change or (
            (a.lead_person_id and a.lead_person.user_id == request.user.pk)
            or (a.parent_id and a.parent.lead_person_id and a.parent.lead_person.user_id == request.user.pk)
        )
    chosen = _rag_filter(request)
    summary = selectors.rag_summary(actions)
    if chosen is not None:
        sections = _only_rated(sections, chosen)
    return render(request, "actions/plan_detail.html", {
        "plan": plan,
        "sections": sections,
        "summary": summary,
        "chosen_rag": None if chosen is None else (Rag(chosen).label if chosen else "Not rated"),
        "chosen_value": None if chosen is None else (chosen or "none"),
        "since": since,
        "rag_changes": rag_changes,
        "updated": updated,
        "can_change": can_change,
        "today": today,
    })


@login_required
def plan_history(request, pk):
    plan = _plan_for(request, pk)
    return _history(request, plan, "actions.view_plan_history", f"History of {plan}")


@login_required
def plan_export(request, pk, fmt):
    try:
        plan = selectors.plan_with_meetings(pk)
    except Plan.DoesNotExist:
        raise Http404
    _require(request.user, "actions.view_plan", plan)
    sections, _ = selectors.plan_tree(plan)
    filename = f"action-plan-{plan.pk}"
    if fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.export_xlsx(plan, sections),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    else:
        response = HttpResponse(spreadsheets.export_csv(plan, sections).encode("utf-8-sig"),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@login_required
def plan_import(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "actions.import_plan", board)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheets.read_upload(form.cleaned_data["file"])
            parsed = spreadsheets.parse_plan(rows, today=timezone.localdate())
            plan = services.plan_import(board=board, parsed=parsed, user=request.user)
        except spreadsheets.ImportErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Imported “{plan.title}”: {plan.actions.count()} actions.")
            return redirect(plan)
    status = 400 if errors else 200
    return render(request, "actions/plan_import.html", {"form": form, "board": board, "errors": errors}, status=status)


@login_required
@require_POST
def plan_snapshot(request, pk):
    plan = _plan_for(request, pk, "actions.snapshot_plan")
    snapshot = services.plan_snapshot_create(plan=plan, user=request.user)
    messages.success(request, "Snapshot taken. It will not change when the plan is updated.")
    return redirect(snapshot)


@login_required
def snapshot_detail(request, pk):
    snapshot = get_object_or_404(PlanSnapshot.objects.select_related("plan", "plan__board", "created_by"), pk=pk)
    _require(request.user, "actions.view_snapshot", snapshot.plan)
    return render(request, "actions/snapshot_detail.html", {"snapshot": snapshot, "plan": snapshot.plan,
                                                            "rows": snapshot.rows})


@login_required
def snapshot_list(request, pk):
    plan = _plan_for(request, pk)
    snapshots = plan.snapshots.select_related("created_by", "agenda_item", "agenda_item__meeting")
    form = AgendaPlanForm(plan=plan) if request.user.has_perm("actions.change_plan", plan) else None
    return render(request, "actions/snapshot_list.html", {"plan": plan, "snapshots": snapshots, "form": form,
                                                          "papers": plan.agenda_papers.select_related("agenda_item__meeting")})


@login_required
@require_POST
def plan_attach_agenda(request, pk):
    plan = _plan_for(request, pk, "actions.change_plan")
    form = AgendaPlanForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.agenda_plan_attach(agenda_item=form.cleaned_data["agenda_item"], plan=plan, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The plan is the paper for that item; it will be snapshotted when the pack is published.")
    else:
        messages.error(request, "Choose an agenda item of an upcoming, unpublished meeting.")
    return redirect("actions:snapshot_list", pk=plan.pk)


@login_required
def plan_reminders(request, pk):
    """GET: who would be reminded now and for which actions, and the reminders already sent for
    the board. POST: send them ("Send reminders now")."""
    plan = _plan_for(request, pk, "actions.send_reminders")
    if request.method != "POST":
        today = timezone.localdate()
        due = selectors.actions_needing_update(today=today, board=plan.board)
        reminded_today = set(ReminderSent.objects.filter(sent_on=today, person__in=list(due))
                             .values_list("person_id", flat=True))
        preview = [{"person": person, "email": person.email or (person.user.email if person.user_id else ""),
                    "actions": actions, "already": person.pk in reminded_today} for person, actions in due.items()]
        sent = (ReminderSent.objects.filter(actions__plan__board=plan.board).distinct()
                .select_related("person").prefetch_related(
                    Prefetch("actions", queryset=Action.objects.filter(plan__board=plan.board)
                             .select_related("plan").only("id", "reference", "text", "plan__title", "plan_id")))
                .order_by("-sent_at")[:200])
        return render(request, "actions/plan_reminders.html",
                      {"plan": plan, "preview": preview, "sent": sent, "today": today})
    sent = reminders_send(board=plan.board)
    if sent:
        messages.success(request, f"Reminders sent to {sent} lead{'s' if sent != 1 else ''}.")
    else:
        messages.info(request, "No reminders sent: no lead has actions needing an update who has not "
                               "already been reminded today.")
    return redirect(plan)


def _history(request, obj, perm, title):
    return history_response(request, obj, perm, title=title)
