"""Pack pages: publish, the status line the meeting page polls, downloads. Rules decide access."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.permissions import require as _require
from meetings.forms import WithdrawForm
from meetings.models import Meeting

from packs import services
from packs.models import Pack, PackVersion
from packs.selectors import VARIANT_PERMS, panel_context

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
    return render(request, "packs/_pack_status.html",
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
    response = render(request, "packs/withdrawn.html", {
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


def version_readable(user, version: PackVersion) -> bool:
    """The one rule for reading a pack version (download, in-browser reader, offline copy).

    Refuses (PermissionDenied, or 404 to the public: see `core.permissions.require`) whoever may not
    read the pack's variant; returns False for a withdrawn version the user is not a clerk for
    (answer with `withdrawn_response`), True when the version may be read.
    """
    _require(user, VARIANT_PERMS[version.pack.variant], version.pack.meeting)
    return not version.is_withdrawn or user.has_perm("meetings.view_withdrawn_pack", version.pack.meeting)


def withdrawn_response(request, version: PackVersion):
    return _withdrawn_response(request, version)


def pack_version_download(request, pk):
    """One dated version, as it was published (a withdrawn one only to the board's clerks)."""
    version = get_object_or_404(PackVersion.objects.select_related("pack__meeting__board", "pack__current_version"),
                                pk=pk)
    if not version_readable(request.user, version):
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
    return render(request, "packs/versions.html", {
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
        services.pack_version_withdraw(version=version, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Version {version.number} of the {version.pack.get_variant_display().lower()} "
                                  "has been withdrawn. Publish the pack again once it is put right.")
    else:
        messages.error(request, "Give the reason for withdrawing the version; it is kept in the History.")
    return redirect("meetings:pack_versions", meeting.pk)
