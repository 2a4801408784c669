"""The reader page, the notes API (JSON), My notes and its PDF, and the service worker.

Who may read a version is decided by one rule, `packs.views.version_readable` (the same as
the download); notes are looked up only among the signed-in member's own, so nobody else (not the
clerk, not the admin) can reach one: another's note is a 404.
"""
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.permissions import require
from packs.models import Pack, PackVersion
from packs.views import VARIANT_PERMS, version_readable, withdrawn_response

from . import services
from .models import Annotation
from .selectors import (
    changes_since, may_read_exempt_quotes, my_notes, notes_on_version, public_paper_keys, serialise,
)

VERSION_QUERY = PackVersion.objects.select_related("pack__meeting__board", "pack__current_version")
# What the service worker may keep for a member who made a pack available offline (a version never
# changes; a withdrawal is checked with us whenever the device is online).
OFFLINE_MAX_AGE = 7 * 24 * 3600


def _version(request, pk):
    version = get_object_or_404(VERSION_QUERY, pk=pk)
    return version, version_readable(request.user, version)


def _payload(request) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationError("The request was not valid JSON.")
        if not isinstance(data, dict):
            raise ValidationError("The request was not valid JSON.")
        return data
    return request.POST.dict()


def _error(exc: ValidationError) -> JsonResponse:
    return JsonResponse({"error": " ".join(exc.messages)}, status=400)


def read_current(request, pk, variant):
    """The latest version of a meeting's pack, in the reader."""
    if variant not in VARIANT_PERMS:
        raise Http404
    pack = get_object_or_404(Pack.objects.select_related("meeting", "current_version"), meeting_id=pk,
                             variant=variant, kind=Pack.Kind.MAIN)
    require(request.user, VARIANT_PERMS[variant], pack.meeting)
    if pack.current_version is None:
        raise Http404("This pack has not been published yet.")
    return redirect("reader:read", pack.current_version_id)


def read(request, pk):
    version, readable = _version(request, pk)
    if not readable:
        return withdrawn_response(request, version)
    pack, meeting = version.pack, version.pack.meeting
    changed = None
    if request.user.is_authenticated:
        changed = changes_since(services.reading_mark_touch(user=request.user, version=version), version)
    newer = pack.current_version if pack.current_version_id and pack.current_version_id != version.pk else None
    response = render(request, "reader/read.html", {
        "version": version, "pack": pack, "meeting": meeting, "board": meeting.board, "changed": changed,
        "newer": newer, "can_annotate": request.user.is_authenticated,
        "urls": {
            "pdf": reverse("reader:version_pdf", args=[version.pk]),
            "notes": reverse("reader:notes", args=[version.pk]),
            "create": reverse("reader:note_create", args=[version.pk]),
            "note": reverse("reader:note_update", args=[0]),
            "delete": reverse("reader:note_delete", args=[0]),
            "place": reverse("reader:note_place", args=[0, version.pk]),
            "worker": reverse("reader:service_worker"),
            "pdfjs": "/static/vendor/pdfjs/",
        },
    })
    response.private_cache_control = "private, no-cache"  # the offline copy may keep it; checked when online
    return response


def version_pdf(request, pk):
    """The version's file for the reader (the same rule as the download); a member's offline copy
    may keep it for OFFLINE_MAX_AGE, the public pack is checked with us each time."""
    version, readable = _version(request, pk)
    if not readable:
        return withdrawn_response(request, version)
    response = FileResponse(version.file.open("rb"), content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    if version.pack.variant == Pack.Variant.PUBLIC and not request.user.is_authenticated:
        response["Cache-Control"] = "no-cache"
    else:
        response.private_cache_control = f"private, max-age={OFFLINE_MAX_AGE}"
    return response


@login_required
@require_GET
def notes(request, pk):
    version, readable = _version(request, pk)
    if not readable:
        raise Http404
    placed, unplaced = notes_on_version(request.user, version)
    response = JsonResponse({
        "notes": [serialise(n, page=page) for n, page in placed],
        "unplaced": [serialise(n, page=None) for n in unplaced],
    })
    response.private_cache_control = "private, no-cache"
    return response


@login_required
@require_POST
def note_create(request, pk):
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting"), pk=pk)
    if not version_readable(request.user, version):
        raise Http404
    try:
        data = _payload(request)
        note = services.annotation_create(
            user=request.user, version=version, kind=data.get("kind", ""), page=int(data.get("page") or 0),
            exact=str(data.get("exact", "")), prefix=str(data.get("prefix", "")), suffix=str(data.get("suffix", "")),
            note=str(data.get("note", "")), client_id=data.get("client_id") or None)
    except (ValidationError, ValueError) as exc:
        return _error(exc if isinstance(exc, ValidationError) else ValidationError("The page number is not valid."))
    return JsonResponse({"note": serialise(note, page=int(data["page"]))})


def _own(request, pk) -> Annotation:
    return get_object_or_404(Annotation, pk=pk, owner=request.user)


@login_required
@require_POST
def note_update(request, pk):
    note = _own(request, pk)
    try:
        data = _payload(request)
        base = data.get("revision")
        saved, copy = services.annotation_update(annotation=note, note=str(data.get("note", "")),
                                                 base_revision=int(base) if base not in (None, "") else None)
    except (ValidationError, ValueError) as exc:
        return _error(exc if isinstance(exc, ValidationError) else ValidationError("The revision is not valid."))
    page = data.get("page")
    page = int(page) if str(page or "").isdigit() else None
    return JsonResponse({"note": serialise(saved, page=page),
                         "conflict": serialise(copy, page=page) if copy else None})


@login_required
@require_POST
def note_delete(request, pk):
    services.annotation_delete(annotation=_own(request, pk))
    return JsonResponse({"deleted": pk})


@login_required
@require_POST
def note_place(request, pk, version_pk):
    note = _own(request, pk)
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting"), pk=version_pk)
    if not version_readable(request.user, version):
        raise Http404
    try:
        data = _payload(request)
        page = int(data.get("page") or 0)
        services.annotation_place(annotation=note, version=version, page=page, exact=str(data.get("exact", "")),
                                  prefix=str(data.get("prefix", "")), suffix=str(data.get("suffix", "")))
    except (ValidationError, ValueError) as exc:
        return _error(exc if isinstance(exc, ValidationError) else ValidationError("The page number is not valid."))
    return JsonResponse({"note": serialise(note, page=page)})


def _grouped(user):
    """The member's notes by meeting, then item; exempt quotes only while they may still read them."""
    meetings, allowed = [], {}
    for note in my_notes(user):
        meeting = note.meeting
        if not meetings or meetings[-1]["meeting"].pk != meeting.pk:
            allowed[meeting.pk] = True if may_read_exempt_quotes(user, meeting) else public_paper_keys(meeting)
            meetings.append({"meeting": meeting, "items": []})
        items = meetings[-1]["items"]
        label = f"{note.item_number} {note.item_title}" if note.item_number else note.paper_title
        if not items or items[-1]["label"] != label:
            items.append({"label": label, "notes": []})
        may = allowed[meeting.pk]
        show = may is True or (not note.exempt and note.paper_key in may)
        items[-1]["notes"].append({"note": note, "show_quote": show,
                                   "read_url": reverse("reader:read", args=[note.version_id])})
    return meetings


@login_required
def my_notes_page(request):
    return render(request, "reader/my_notes.html", {"meetings": _grouped(request.user)})


@login_required
def my_notes_pdf(request):
    """The member's own notes as a PDF marked personal, for printing before the meeting."""
    from core.formats import long_date
    from core.pdf import render_html

    from django.utils import timezone

    html = render_to_string("reader/my_notes_pdf.html", {
        "meetings": _grouped(request.user), "person": request.user.get_full_name() or request.user.username,
        "printed": long_date(timezone.localdate()),
    })
    pdf = render_html(html).pdf
    response = FileResponse(iter([pdf]), content_type="application/pdf", filename="my-notes-personal.pdf")
    response["Content-Length"] = str(len(pdf))
    return response


def service_worker(request):
    """The offline worker, from our origin, controlling /reader/ only."""
    from pathlib import Path

    path = Path(__file__).parent / "static" / "reader" / "sw.js"
    body = path.read_bytes()
    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/reader/"
    response["Cache-Control"] = "no-cache"
    return response
