"""What the action plan pages share: finding a plan the user may see, and form errors from a service."""
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from actions.models import Plan
from core.permissions import require as _require


def _plan_for(request, pk, perm="actions.view_plan"):
    plan = get_object_or_404(Plan.objects.select_related("board", "owner"), pk=pk)
    _require(request.user, perm, plan)
    return plan


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default
