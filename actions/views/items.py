"""Section and action pages, and "My actions"."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions import selectors, services
from actions.forms import ActionForm, ProgressForm, SectionForm
from actions.models import Action, ProgressUpdate, Rag, Section
from core.concurrency import StaleEdit
from core.history import history_response
from core.permissions import require as _require

from ._common import _add_errors, _plan_for, _safe_next


# Sections ------------------------------------------------------------------------------------

@login_required
def section_create(request, pk):
    plan = _plan_for(request, pk, "actions.change_plan")
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        section = services.section_create(plan=plan, user=request.user, **data)
        messages.success(request, f"Section “{section.display_title}” added.")
        return redirect(section.get_absolute_url())
    return render(request, "actions/form.html", {"form": form, "title": f"New section of {plan}",
                                                 "submit": "Add section", "back_url": plan.get_absolute_url()})


@login_required
def section_edit(request, pk):
    section = get_object_or_404(Section.objects.select_related("plan", "plan__board"), pk=pk)
    _require(request.user, "actions.change_plan", section.plan)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.section_update(section=Section.objects.get(pk=section.pk), user=request.user,
                                    version=form.cleaned_data.get("version"), **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Section saved.")
            return redirect(section.get_absolute_url())
    return render(request, "actions/form.html", {"form": form, "title": f"Edit section {section.display_title}",
                                                 "submit": "Save section", "back_url": section.plan.get_absolute_url(),
                                                 "delete_url": f"/plans/sections/{section.pk}/delete/"})


@login_required
@require_POST
def section_move(request, pk, direction):
    section = get_object_or_404(Section.objects.select_related("plan"), pk=pk)
    services.section_move(section=section, direction=direction, user=request.user)
    messages.success(request, f"Moved. The section is now “{section.display_title}”.")
    return redirect(section.get_absolute_url())


@login_required
@require_POST
def section_delete(request, pk):
    section = get_object_or_404(Section.objects.select_related("plan"), pk=pk)
    plan = section.plan
    services.section_delete(section=section, user=request.user)
    messages.success(request, "Section deleted; the remaining sections have been renumbered.")
    return redirect(plan)


# Actions -------------------------------------------------------------------------------------

@login_required
def action_create(request, pk):
    section = get_object_or_404(Section.objects.select_related("plan", "plan__board"), pk=pk)
    _require(request.user, "actions.change_plan", section.plan)
    parent = None
    if parent_id := (request.GET.get("parent") or request.POST.get("parent")):
        parent = get_object_or_404(Action, pk=parent_id, section=section, parent__isnull=True)
    form = ActionForm(request.POST or None, board=section.plan.board, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            action = services.action_create(section=section, parent=parent, user=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"Action {action.reference} added.")
            return redirect(f"{section.plan.get_absolute_url()}#action-{action.pk}")
    what = f"sub-action of {parent.reference}" if parent else "action"
    return render(request, "actions/form.html", {
        "form": form, "title": f"New {what} in {section.display_title}", "submit": "Add action",
        "back_url": section.plan.get_absolute_url(), "hidden": {"parent": parent.pk} if parent else {},
    })


@login_required
def action_edit(request, pk):
    action = get_object_or_404(Action.objects.select_related("plan", "plan__board", "section"), pk=pk)
    _require(request.user, "actions.change_plan", action.plan)
    form = ActionForm(request.POST or None, instance=action, board=action.plan.board, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.action_update(action=Action.objects.get(pk=action.pk), user=request.user,
                                   version=form.cleaned_data.get("version"), **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"Action {action.reference} saved.")
            return redirect(action)
    return render(request, "actions/form.html", {
        "form": form, "title": f"Edit action {action.reference} of {action.plan}", "submit": "Save action",
        "back_url": action.get_absolute_url(),
    })


@login_required
@require_POST
def action_move(request, pk, direction):
    action = get_object_or_404(Action.objects.select_related("plan"), pk=pk)
    action = services.action_move(action=action, direction=direction, user=request.user)
    messages.success(request, f"Moved. The action is now {action.reference}.")
    return redirect(f"{action.plan.get_absolute_url()}#action-{action.pk}")


@login_required
@require_POST
def action_delete(request, pk):
    action = get_object_or_404(Action.objects.select_related("plan"), pk=pk)
    plan = action.plan
    services.action_delete(action=action, user=request.user)
    messages.success(request, "Action deleted; the others have been renumbered.")
    return redirect(plan)


@login_required
def action_detail(request, pk):
    try:
        action = selectors.action_detail(pk)
    except Action.DoesNotExist:
        raise Http404
    _require(request.user, "actions.view_action", action)
    can_update = request.user.has_perm("actions.update_action", action)
    return render(request, "actions/action_detail.html", {
        "action": action,
        "plan": action.plan,
        "can_update": can_update,
        "can_change": request.user.has_perm("actions.change_plan", action.plan),
        "can_history": request.user.has_perm("actions.view_action_history", action),
        "linked": selectors.linked_resolution(action, request.user),
        "form": ProgressForm(action=action) if can_update else None,
    })


@login_required
def action_update(request, pk):
    """The officer's one form. GET: the form (an htmx row, or a page without JavaScript).
    POST: add the update and set the RAG; htmx gets the refreshed row, others a redirect."""
    try:
        action = selectors.action_detail(pk)
    except Action.DoesNotExist:
        raise Http404
    _require(request.user, "actions.update_action", action)
    form = ProgressForm(request.POST or None, action=action, autofocus=True)
    next_url = _safe_next(request, action.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_progress_add(action=action, user=request.user, text=data["text"], rag=data["rag"],
                                         reason=data["reason"], complete=data["complete"], version=data["version"],
                                         date=data.get("date"))
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if request.htmx:
                action = selectors.flag_actions([selectors.action_detail(pk)])[0]
                return render(request, "actions/_action_row.html",
                              {"action": action, "saved": True, "next": next_url})
            messages.success(request, f"Action {action.reference} updated.")
            return redirect(next_url)
    template = "actions/_action_form.html" if request.htmx else "actions/action_update.html"
    # Errors come back with 200 so that htmx swaps the form, messages and all, into the row.
    return render(request, template, {"action": action, "form": form, "next": next_url})


@login_required
def action_row(request, pk):
    """htmx: the row again, e.g. when the officer cancels the form."""
    try:
        action = selectors.action_detail(pk)
    except Action.DoesNotExist:
        raise Http404
    _require(request.user, "actions.update_action", action)
    action = selectors.flag_actions([action])[0]
    return render(request, "actions/_action_row.html", {"action": action, "next": _safe_next(request, "")})


@login_required
def action_history(request, pk):
    action = get_object_or_404(Action.objects.select_related("plan", "lead_person", "parent__lead_person"), pk=pk)
    return history_response(request, action, "actions.view_action_history",
                            title=f"History of action {action.reference} of {action.plan}",
                            related=[("Progress entries", ProgressUpdate.history.filter(action_id=action.pk))])


@login_required
def my_actions(request):
    today = timezone.localdate()
    page = Paginator(selectors.my_actions(request.user, today=today), 50).get_page(request.GET.get("page"))
    actions = selectors.flag_actions(list(page.object_list), today=today)
    return render(request, "actions/my_actions.html", {
        "page": page, "actions": actions, "today": today, "next": request.get_full_path(),
        "rag_choices": Rag.choices,
    })
