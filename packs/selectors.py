"""Reads of agenda packs: the pack panel of the meeting page, and the packs' History rows."""
from django.db.models import Prefetch

from meetings.models import Meeting
from packs import staleness, supplementary
from packs.models import Pack, PackVersion

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
            stale = staleness.pack_staleness(pack) if check and with_staleness else []
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
                                    and supplementary.supplementary_available(meeting)),
    }


def pack_history_rows(meeting):
    """Each version of each of the meeting's agenda packs as a History event: who built which pack when."""
    versions = PackVersion.objects.filter(pack__meeting=meeting).select_related("pack", "created_by", "withdrawn_by")
    rows = []
    for version in versions:
        pack, user = version.pack, version.created_by
        pages = f", {version.page_count} page{'s' if version.page_count != 1 else ''}" if version.page_count else ""
        rows.append({
            "when": version.created_at,
            "who": (user.get_full_name() or user.username) if user else "System",
            "what": "Published" if version.number == 1 else "Published again",
            "subject": f"{pack.get_variant_display()}{'' if pack.kind == pack.Kind.MAIN else ' (supplementary)'}, version {version.number}",
            "changes": [],
            "detail": f"Version {version.number}{pages}",
        })
        if version.withdrawn_at is not None:
            withdrawer = version.withdrawn_by
            rows.append({
                "when": version.withdrawn_at,
                "who": (withdrawer.get_full_name() or withdrawer.username) if withdrawer else "System",
                "what": "Withdrawn",
                "reason": version.withdrawn_reason,
                "subject": rows[-1]["subject"],
                "changes": [],
                "detail": f"Version {version.number}",
            })
    return rows


def pack_history_events(meeting) -> list:
    """The packs' part of a meeting's History timeline (registered with meetings.registry)."""
    return [("Agenda packs", "Agenda pack", pack_history_rows(meeting))]
