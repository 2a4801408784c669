"""Pack pages: publish, the status line the meeting page polls, downloads. Rules decide access."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.formats import long_date
from meetings.models import Meeting
from meetings.views import _require

from . import services
from .models import Pack, PackVersion

VARIANT_PERMS = {Pack.Variant.MEMBERS: "meetings.view_members_pack", Pack.Variant.PUBLIC: "meetings.view_public_pack"}


def panel_context(meeting: Meeting, user, with_staleness: bool = True) -> dict:
    """What the pack panel shows this user: the variants they may download, their state, staleness.

    Working out staleness rebuilds the pack's sources, so the meeting page leaves it out and the
    status line fetches it straight after the page loads (`needs_staleness`).
    """
    can_publish = user.has_perm("meetings.publish_pack", meeting)
    packs = {(p.kind, p.variant): p for p in Pack.objects.filter(meeting=meeting).select_related("current_version")}
    rows = []
    for kind in (Pack.Kind.MAIN, Pack.Kind.SUPPLEMENTARY):
        for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
            if not user.has_perm(VARIANT_PERMS[variant], meeting):
                continue
            pack = packs.get((kind, variant))
            if pack is None or (not can_publish and pack.current_version is None):
                continue
            check = can_publish and not pack.busy and pack.current_version is not None
            stale = services.pack_staleness(pack) if check and with_staleness else []
            rows.append({"pack": pack, "stale": stale, "unchecked": check and not with_staleness})
    has_main = any(p.kind == Pack.Kind.MAIN and p.current_version_id for p in packs.values())
    return {
        "meeting": meeting,
        "pack_rows": rows,
        "can_publish_pack": can_publish,
        "pack_busy": any(r["pack"].busy for r in rows),
        "needs_staleness": any(r["unchecked"] for r in rows),
        "supplementary_available": (can_publish and has_main and with_staleness
                                    and services.supplementary_available(meeting)),
    }


@login_required
@require_POST
def pack_publish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.publish_pack", meeting)
    services.pack_publish(meeting=meeting, user=request.user)
    messages.success(request, "The members' and public packs are being built. The previous packs stay available meanwhile.")
    return redirect(meeting)


@login_required
@require_POST
def pack_publish_supplementary(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.publish_pack", meeting)
    services.pack_publish_supplementary(meeting=meeting, user=request.user)
    messages.success(request, "The supplementary packs are being built.")
    return redirect(meeting)


def pack_status(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.view_meeting", meeting)
    return render(request, "meetings/pack/_pack_status.html", panel_context(meeting, request.user))


def _file_response(version: PackVersion, filename: str):
    response = FileResponse(version.file.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(pack: Pack, version: PackVersion) -> str:
    date = pack.meeting.date.isoformat()
    kind = "supplementary-pack" if pack.kind == Pack.Kind.SUPPLEMENTARY else "agenda-pack"
    return f"{pack.meeting.board.slug}-{date}-{kind}-{pack.variant}-v{version.number}.pdf"


def pack_download(request, pk, variant, kind=Pack.Kind.MAIN):
    """The latest version of a pack, at a URL that does not change between versions."""
    if variant not in VARIANT_PERMS:
        raise Http404
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, VARIANT_PERMS[variant], meeting)
    pack = Pack.objects.filter(meeting=meeting, variant=variant, kind=kind).select_related("current_version").first()
    if pack is None or pack.current_version is None:
        raise Http404("This pack has not been published yet.")
    return _file_response(pack.current_version, _filename(pack, pack.current_version))


def pack_version_download(request, pk):
    """One dated version, as it was published."""
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting__board"), pk=pk)
    _require(request.user, VARIANT_PERMS[version.pack.variant], version.pack.meeting)
    return _file_response(version, _filename(version.pack, version))
