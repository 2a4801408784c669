"""Correct or withdraw a progress entry."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from actions import progress
from actions.forms import ProgressCorrectionForm
from actions.models import ProgressUpdate
from core.concurrency import StaleEdit
from core.permissions import require as _require


@login_required
def progress_correct(request, pk):
    update = get_object_or_404(ProgressUpdate.all_objects.select_related("action", "action__plan"), pk=pk)
    _require(request.user, "actions.update_action", update.action)
    initial = {"date": update.date, "text": update.text, "version": update.version}
    form = ProgressCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("withdraw"):
                progress.progress_update_withdraw(update=update, user=request.user, reason=d["reason"],
                                                  version=d.get("version"))
                done = "withdrawn; it stays in the entry's History with the reason"
            else:
                progress.progress_update_correct(update=update, user=request.user, text=d["text"], date=d["date"],
                                                 reason=d["reason"], version=d.get("version"))
                done = "saved"
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Progress entry {done}.")
            return redirect(update.action)
    return render(request, "actions/progress_correct.html", {"form": form, "update": update, "action": update.action})
