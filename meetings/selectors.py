"""Reads for meeting pages, with their joins done up front (no query per row)."""
from django.db.models import Prefetch

from meetings.models import AgendaItem, Attachment, Meeting, Report, ReportRevision


def reports_visible(user):
    return Report.objects.visible_to(user).only(
        "id", "title", "status", "agenda_item_id", "board_id", "author_id", "is_exempt", "exempt_paragraph"
    ).order_by("pk")


def meeting_with_agenda(pk, user):
    """The meeting, its board and clerk, and its items each with the reports this user may see."""
    items = AgendaItem.objects.order_by("position", "pk").prefetch_related(
        Prefetch("reports", queryset=reports_visible(user), to_attr="visible_reports")
    )
    return (
        Meeting.objects.select_related("board", "board__clerk")
        .prefetch_related(Prefetch("items", queryset=items))
        .get(pk=pk)
    )


def report_detail(pk):
    return (
        Report.objects.select_related("board", "author", "agenda_item", "agenda_item__meeting", "agenda_item__meeting__board")
        .prefetch_related(
            "strategic_priorities", Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk")),
            Prefetch("revisions", queryset=ReportRevision.objects.select_related("made_by")),
        )
        .get(pk=pk)
    )


def reports_of_author(user):
    return (
        Report.objects.filter(author=user)
        .select_related("board", "agenda_item", "agenda_item__meeting")
        .defer(*[f for f in ("background", "reasons", "other_options", "financial", "risk", "equality",
                              "background_papers", "published_documents", "summary")])
        .order_by("-updated_at")
    )


def reports_awaiting_approval(user):
    from boards.access import clerk_board_ids_for

    qs = Report.objects.filter(status=Report.Status.SUBMITTED).select_related("board", "author", "agenda_item__meeting")
    if not user.is_superuser:
        qs = qs.filter(board_id__in=clerk_board_ids_for(user))
    return qs.defer("background", "reasons", "other_options", "financial", "risk", "equality",
                    "background_papers", "published_documents", "summary").order_by("submitted_at")


def pack_history_rows(meeting):
    """Each version of each of the meeting's agenda packs as a History event: who built which pack when."""
    from meetings.pack.models import PackVersion

    versions = PackVersion.objects.filter(pack__meeting=meeting).select_related("pack", "created_by")
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
    return rows
