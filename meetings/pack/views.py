"""Pack pages: publish, the status line the meeting page polls, downloads. Rules decide access."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.formats import long_date
from core.permissions import require as _require
from meetings.forms import WithdrawForm
from meetings.models import Meeting

from . import services, withdrawal
from .models import Pack, PackVersion

VARIANT_PERMS = {Pack.Variant.MEMBERS: "meetings.view_members_pack", Pack.Variant.PUBLIC: "meetings.view_public_pack"}


def panel_context(meeting: Meeting, user, with_staleness: bool = True) -> dict:
    """What the pack panel shows this user: the variants they may download, their state, staleness.

    Working out staleness rebuilds the pack's sources, so the meeting page leaves it out and the
    status line fetches it straight after the page loads (`needs_staleness`).
    """
    can_publish = user.has_perm("meetings.publish_pack", meeting)
    pack_query = Pack.objects.filter(meeting=meeting).select_related("current_version")
    if can_publish:  # the clerk sees every earlier version: read them for all packs in one query
        pack_query = pack_query.prefetch_related(
            Prefetch("versions", queryset=PackVersion.objects.order_by("-number"), to_attr="newest_first"))
    packs = {(p.kind, p.variant): p for p in pack_query}
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
            # The clerk sees every earlier version, newest first, each with when it was built.
            earlier = ([v for v in pack.newest_first if v.pk != pack.current_version_id]
                       if can_publish else [])
            rows.append({"pack": pack, "stale": stale, "unchecked": check and not with_staleness,
                         "earlier": earlier})
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
    # The two-second poll while a pack builds leaves staleness out (it rebuilds every paper's
    # sources); the status line asks for it once, with ?staleness=1, when nothing is building.
    with_staleness = request.GET.get("staleness") == "1"
    return render(request, "meetings/pack/_pack_status.html",
                  panel_context(meeting, request.user, with_staleness=with_staleness))


def _file_response(version: PackVersion, filename: str):
    response = FileResponse(version.file.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    response["X-Content-Type-Options"] = "nosniff"
    if version.pack.variant == Pack.Variant.PUBLIC and not version.is_withdrawn:
        # Public, but a cache must ask again each time: a withdrawal takes effect at once.
        response["Cache-Control"] = "no-cache"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def _withdrawn_response(request, version: PackVersion):
    """410 Gone: the version was withdrawn, and when (never why: the reason is for the clerks)."""
    pack = version.pack
    current = pack.current_version if pack.current_version_id != version.pk else None
    response = render(request, "meetings/pack/withdrawn.html", {
        "version": version, "pack": pack, "meeting": pack.meeting,
        "current": current if current is not None and not current.is_withdrawn else None,
        "rebuilding": pack.busy,
    }, status=410)
    response["Cache-Control"] = "no-cache"
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
    if pack.current_version.is_withdrawn:
        # Never withdrawn content at the stable address, whoever asks; clerks have the version's record.
        pack.current_version.pack = pack
        return _withdrawn_response(request, pack.current_version)
    return _file_response(pack.current_version, _filename(pack, pack.current_version))


def pack_version_download(request, pk):
    """One dated version, as it was published (a withdrawn one only to the board's clerks)."""
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting__board", "pack__current_version"),
                                pk=pk)
    _require(request.user, VARIANT_PERMS[version.pack.variant], version.pack.meeting)
    if version.is_withdrawn and not request.user.has_perm("meetings.view_withdrawn_pack", version.pack.meeting):
        return _withdrawn_response(request, version)
    return _file_response(version, _filename(version.pack, version))


@login_required
def pack_versions(request, pk):
    """Every version of the meeting's packs, for the clerks: which are withdrawn, when, by whom and
    why, and a form to withdraw any other."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    _require(request.user, "meetings.withdraw_pack", meeting)
    versions = (PackVersion.objects.filter(pack__meeting=meeting).select_related("pack", "created_by", "withdrawn_by")
                .defer("sources", "contents", "stats").order_by("pack__kind", "pack__variant", "-number"))
    return render(request, "meetings/pack/versions.html", {
        "meeting": meeting, "board": meeting.board, "versions": versions,
        "current_ids": set(Pack.objects.filter(meeting=meeting).values_list("current_version_id", flat=True)),
        "form": WithdrawForm(),
    })


@login_required
@require_POST
def pack_version_withdraw(request, pk):
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting"), pk=pk)
    meeting = version.pack.meeting
    _require(request.user, "meetings.withdraw_pack", meeting)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        withdrawal.pack_version_withdraw(version=version, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Version {version.number} of the {version.pack.get_variant_display().lower()} "
                                  "has been withdrawn. Publish the pack again once it is put right.")
    else:
        messages.error(request, "Give the reason for withdrawing the version; it is kept in the History.")
    return redirect("meetings:pack_versions", meeting.pk)
