"""Reads for meeting pages, with their joins done up front (no query per row).

The public's view of the world lives here too (see "The public's view" below): the pages, the
public pack and the printed minutes all ask these functions what the public may see.
"""
import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from core.formats import plain_date
from meetings.models import AgendaItem, Attachment, Meeting, Report, ReportRevision


def upcoming_and_recent(user) -> tuple:
    """For the home page: the next ten meetings (not cancelled) and the last ten this user may see."""
    today = timezone.localdate()
    meetings = Meeting.objects.visible_to(user).select_related("board")
    upcoming = meetings.filter(date__gte=today).exclude(status=Meeting.Status.CANCELLED).order_by("date")[:10]
    recent = meetings.filter(date__lt=today).order_by("-date")[:10]
    return upcoming, recent


def meetings_of_board(board, user):
    """For the board's page: its meetings this user may see, newest first."""
    return Meeting.objects.visible_to(user).filter(board=board).order_by("-date", "-start_time")


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


def meeting_history_sources(meeting):
    """[(heading, record label, historical queryset)] of the meeting's own records, for its History
    timeline: removed records included (a report deleted since still shows when and by whom). Each
    queryset is one query, joined by subqueries rather than per object. The apps above add theirs
    through `meetings.registry`."""
    items = AgendaItem.history.filter(meeting_id=meeting.pk).values("id")
    reports = Report.history.filter(agenda_item_id__in=items).values("id")
    return [
        ("Agenda items", "Agenda item", AgendaItem.history.filter(meeting_id=meeting.pk)),
        ("Reports", "Report", Report.history.filter(agenda_item_id__in=items)),
        ("Appendices", "Appendix", Attachment.history.filter(report_id__in=reports)),
    ]


# The public's view -----------------------------------------------------------------------------
# One place decides what anything public may contain: the public pages (through `rules`), the
# public agenda pack and its front sheet, and the withdrawal of packs that stop being public.

def public_reports():
    """Reports anyone may read: published, on a published agenda, neither the report nor its item exempt."""
    return Report.objects.public()


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return timezone.localtime(now) if now is not None else timezone.localtime()


def meetings_held(board_id: int, now: datetime.datetime | None = None):
    """The board's meetings that have actually been held: published, not cancelled, and started by `now`."""
    now = _now(now)
    return (
        Meeting.objects.published().filter(board_id=board_id)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Q(date__lt=now.date()) | Q(date=now.date(), start_time__lte=now.time()))
    )


def last_meeting_held(meeting: Meeting, now: datetime.datetime | None = None) -> Meeting | None:
    """The last meeting of the board held before `meeting` (never one not yet held, cancelled or unpublished)."""
    return (
        meetings_held(meeting.board_id, now)
        .filter(Q(date__lt=meeting.date) | Q(date=meeting.date, start_time__lt=meeting.start_time))
        .order_by("-date", "-start_time")
        .first()
    )


def minutes_description(last_held: Meeting | None) -> str:
    """The line under the Minutes item: "Last meeting held on 23 September 2013 (for confirmation)"."""
    if last_held is None:
        return "Last meeting (for confirmation)"
    return f"Last meeting held on {plain_date(last_held.date)} (for confirmation)"


def report_overdue(item: AgendaItem, today: datetime.date) -> bool | None:
    """Whether the item's report is overdue: its due date has passed and no report on it (of those
    prefetched as `visible_reports`) has been submitted. None when the reports were not fetched."""
    if item.report_due is None or item.report_due >= today:
        return False
    reports = getattr(item, "visible_reports", None)
    if reports is None:
        return None
    return not any(r.status != Report.Status.DRAFT for r in reports)


def agenda_as_shown(meeting: Meeting, items, *, public: bool, now: datetime.datetime | None = None) -> list:
    """The items as an agenda (page, front sheet, pack cover) shows them to this reader.

    Each item gets `shown_description` and `shown_presenter`: the Minutes item's line is worked out
    now from the last meeting actually held (never a meeting not yet held or unpublished, whatever
    was typed when the agenda was made); to the public an exempt item shows its number, title and
    Schedule 12A paragraph only.
    """
    items = list(items)
    last = None
    if any(item.kind == AgendaItem.Kind.MINUTES for item in items):
        last = last_meeting_held(meeting, now)
    today = timezone.localdate(now) if now else timezone.localdate()
    for item in items:
        item.shown_description, item.shown_presenter = item.description, item.presenter
        item.report_overdue = report_overdue(item, today)
        if item.kind == AgendaItem.Kind.MINUTES:
            item.shown_description = minutes_description(last)
        if public and item.is_exempt:
            item.shown_description = item.shown_presenter = ""
    return items
