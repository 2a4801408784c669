"""Update an existing plan from a spreadsheet: upload, preview, confirm."""
import hashlib
import io
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from actions import reimport, spreadsheets
from actions.forms import ImportForm
from actions.models import Plan
from core.concurrency import StaleEdit
from core.permissions import require as _require

DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _stored(digest):
    return f"plan-imports/{digest}.upload"


@login_required
def plan_reimport(request, pk):
    """Step 1: upload, and see the preview (nothing saved). Step 2: confirm, and the plan is updated."""
    plan = get_object_or_404(Plan.objects.select_related("board"), pk=pk)
    _require(request.user, "actions.change_plan", plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, preview, digest = [], None, ""
    if request.method == "POST" and request.POST.get("confirm"):
        digest = request.POST.get("digest", "")
        if not DIGEST.match(digest) or not default_storage.exists(_stored(digest)):
            messages.error(request, "The previewed file is no longer held: upload it again.")
            return redirect("actions:plan_reimport", plan.pk)
        with default_storage.open(_stored(digest)) as f:
            upload = io.BytesIO(f.read())
        try:
            parsed = spreadsheets.parse_plan(spreadsheets.read_upload(upload), today=timezone.localdate())
            done = reimport.plan_reimport(plan=plan, parsed=parsed, user=request.user, version=request.POST.get("version"))
        except StaleEdit:
            messages.error(request, "The plan has changed since the preview (or this import was already applied): "
                                    "nothing was saved. Upload the file again to see a fresh preview.")
            return redirect(plan)
        except spreadsheets.ImportErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Plan updated from the spreadsheet: {len(done.new)} new, {len(done.changed)} "
                                      f"changed, {len(done.removed)} removed actions; {len(done.progress)} progress "
                                      f"entries and {len(done.rag_changes)} RAG changes added to their history.")
            return redirect(plan)
    elif request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            parsed = spreadsheets.parse_plan(spreadsheets.read_upload(io.BytesIO(content)), today=timezone.localdate())
        except spreadsheets.ImportErrors as exc:
            errors = exc.errors
        else:
            digest = hashlib.sha256(content).hexdigest()
            if not default_storage.exists(_stored(digest)):
                default_storage.save(_stored(digest), ContentFile(content))
            preview = reimport.plan_reimport_preview(plan=plan, parsed=parsed)
    return render(request, "actions/plan_reimport.html", {
        "plan": plan, "form": form, "errors": errors, "preview": preview, "digest": digest,
    }, status=400 if errors else 200)
