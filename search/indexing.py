"""Builds the search index rows from the domain models, with who may read each row.

Each thing indexed is a *group* of rows rebuilt as one ("report:12" is the report's cover, each
numbered paragraph and each appendix; "minute:7" the minute, its points and its resolutions), so
a save anywhere replaces exactly the rows it could have changed. Visibility comes from the public
selectors (`public_reports`, `public_minutes`, published meetings), never re-derived here.
"""
import re
from html import unescape

from django.db import transaction
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, Report
from minutes.models import LOCKED_STATUSES, MeetingMinutes, Minute
from meetings.models.reports import appendix_heading
from packs.models import Pack
from meetings.selectors import public_reports
from minutes.selectors import public_minutes

from .models import DocumentText, Kind, Readers, SearchEntry

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|div)>", re.IGNORECASE)


def plain(html: str) -> str:
    """Text of sanitised HTML: tags gone, entities read, whitespace single."""
    text = _BLOCK_END.sub(" ", html or "")
    return " ".join(unescape(_TAG.sub("", text)).split())


def numbered_units(html: str) -> list[str]:
    """A section's paragraphs as the report page numbers them (core/templatetags/quorum.py
    `numbered_paragraphs`): by sub-heading when the author used <h3>, else by paragraph."""
    html = html or ""
    tag = "h3" if "<h3>" in html else "p"
    if f"<{tag}>" not in html:
        return [plain(html)] if plain(html) else []
    chunks = html.split(f"<{tag}>")[1:]
    return [plain(f"<{tag}>{c}") for c in chunks]


def _meeting_fields(meeting: Meeting | None, fallback_date=None) -> dict:
    date = meeting.date if meeting else fallback_date
    return {"meeting": meeting, "date": date, "year": date.year if date else None}


def report_visibility(report: Report, public: bool) -> dict:
    if public:
        readers = Readers.MEMBERS
    elif report.status in (Report.Status.APPROVED, Report.Status.PUBLISHED):
        readers = Readers.MEMBERS
    else:
        readers = Readers.CLERKS
    return {"public": public, "readers": readers, "author_id": report.author_id}


def report_entries(report: Report, public: bool, texts: dict | None = None) -> list[SearchEntry]:
    """The report's rows: its cover, each numbered paragraph, each appendix (`texts`: sha256 → text)."""
    meeting = report.agenda_item.meeting if report.agenda_item_id else None
    common = {"group": f"report:{report.pk}", "board_id": report.board_id,
              **_meeting_fields(meeting, report.created_at.date() if report.created_at else None),
              **report_visibility(report, public),
              "published_at": meeting.agenda_published_at if public and meeting else None}
    url = report.get_absolute_url()
    rows = [SearchEntry(kind=Kind.REPORT, title=report.title, heading="Summary of issues and recommendations",
                        body=f"{report.summary}\n{report.recommendations}", label=report.title, url=url, **common)]
    for section, section_html in report.sections():  # the sections of the report's own template
        for n, text in enumerate(numbered_units(section_html), start=1):
            rows.append(SearchEntry(
                kind=Kind.REPORT, heading=section.heading, body=text,
                label=f"{report.title}, paragraph {section.number}.{n}",
                url=f"{url}#para-{section.number}-{n}", **common))
    attachments = sorted(report.attachments.all(), key=lambda a: (a.position, a.pk))
    if texts is None:
        texts = _texts_of(attachments)
    for n, attachment in enumerate(attachments, start=1):
        heading = appendix_heading(n, attachment.title)
        rows.append(SearchEntry(
            kind=Kind.APPENDIX, title=attachment.display_title, heading=report.title,
            body=texts.get(attachment.sha256, ""), label=f"{heading} to “{report.title}”",
            url=f"{url}#appendix-{attachment.pk}", **common))
    return rows


def item_entries(item: AgendaItem) -> list[SearchEntry]:
    meeting = item.meeting
    published = meeting.agenda_published_at is not None
    # To the public an exempt item is its number, title and paragraph: so is its row, for everyone.
    body = "" if item.is_exempt else f"{item.description}\n{item.presenter}"
    return [SearchEntry(
        group=f"item:{item.pk}", kind=Kind.AGENDA, board_id=meeting.board_id, **_meeting_fields(meeting),
        title=item.title, heading="", body=body, label=f"Item {item.number}: {item.title}",
        url=item.get_absolute_url(), public=published, readers=Readers.BOARD,
        published_at=meeting.agenda_published_at)]


def _frozen_exempt_numbers(record: MeetingMinutes | None) -> set[int]:
    if record is None or not record.frozen:
        return set()
    return {row.get("number") for row in record.frozen.get("minutes", []) if row.get("exempt")}


def minute_entries(minute: Minute, record: MeetingMinutes | None, minutes_public: bool) -> list[SearchEntry]:
    meeting = minute.meeting
    item = minute.agenda_item
    exempt = bool(item and item.is_exempt) or (
        record is not None and record.status in LOCKED_STATUSES and minute.number in _frozen_exempt_numbers(record))
    public = minutes_public and not exempt
    page = reverse("meetings:minutes", args=[meeting.pk])
    url = f"{page}#minute-{minute.number}"
    common = {"group": f"minute:{minute.pk}", "board_id": meeting.board_id, **_meeting_fields(meeting),
              "public": public, "readers": Readers.MEMBERS,
              "published_at": record.published_at if public and record else None}
    name = f"Minute {minute.number}: {minute.title}"
    rows = [SearchEntry(kind=Kind.MINUTES, title=minute.title, heading="",
                        body="\n".join(minute.paragraphs + minute.closing_paragraphs),
                        label=name, url=url, **common)]
    for point in minute.points.all():
        rows.append(SearchEntry(kind=Kind.MINUTES, heading=minute.title, body=f"{point.lead_in}\n{point.text}",
                                label=name, url=f"{page}#p-{point.pk}", **common))
    for resolution in minute.resolutions.all():
        rows.append(SearchEntry(kind=Kind.DECISION, heading=minute.title, body=f"RESOLVED {resolution.text}",
                                label=f"Decision of minute {minute.number}: {minute.title}", url=url, **common))
    return rows


def pack_entries(pack: Pack) -> list[SearchEntry]:
    # The newest version not withdrawn: what the pack's stable address serves.
    version = pack.versions.not_withdrawn().order_by("-number").first()
    if version is None:
        return []
    meeting = pack.meeting
    text = DocumentText.objects.filter(sha256=version.sha256).values_list("text", flat=True).first() or ""
    public = pack.variant == Pack.Variant.PUBLIC and meeting.agenda_published_at is not None
    return [SearchEntry(
        group=f"pack:{pack.pk}", kind=Kind.PACK, board_id=meeting.board_id, **_meeting_fields(meeting),
        title=f"{pack.get_kind_display()} – {meeting}", heading=pack.get_variant_display(), body=text,
        label=f"{pack.get_kind_display()} ({pack.get_variant_display()}), version {version.number} – {meeting}",
        url=version.get_download_url(), public=public, readers=Readers.MEMBERS,
        published_at=version.created_at if public else None)]


# Writing the rows -------------------------------------------------------------------------------

@transaction.atomic
def _replace(groups: list[str], rows: list[SearchEntry]) -> None:
    SearchEntry.objects.filter(group__in=groups).delete()
    SearchEntry.objects.bulk_create(rows, batch_size=500)


def _texts_of(attachments) -> dict:
    return dict(DocumentText.objects.filter(sha256__in=[a.sha256 for a in attachments if a.sha256])
                .values_list("sha256", "text"))


def reindex_reports(report_ids) -> None:
    reports = list(Report.objects.filter(pk__in=list(report_ids))
                   .select_related("agenda_item__meeting", "template").prefetch_related("attachments"))
    public = set(public_reports().filter(pk__in=[r.pk for r in reports]).values_list("pk", flat=True))
    texts = _texts_of([a for r in reports for a in r.attachments.all()])
    rows = [row for r in reports for row in report_entries(r, r.pk in public, texts)]
    _replace([f"report:{pk}" for pk in report_ids], rows)


def reindex_items(item_ids) -> None:
    items = AgendaItem.objects.filter(pk__in=list(item_ids)).select_related("meeting")
    _replace([f"item:{pk}" for pk in item_ids], [row for i in items for row in item_entries(i)])


def reindex_minutes(minute_ids) -> None:
    minutes = list(Minute.objects.filter(pk__in=list(minute_ids))
                   .select_related("meeting", "agenda_item").prefetch_related("points", "resolutions"))
    meeting_ids = {m.meeting_id for m in minutes}
    records = {r.meeting_id: r for r in MeetingMinutes.objects.filter(meeting_id__in=meeting_ids)}
    public = set(public_minutes().filter(meeting_id__in=meeting_ids).values_list("meeting_id", flat=True))
    rows = [row for m in minutes for row in minute_entries(m, records.get(m.meeting_id), m.meeting_id in public)]
    _replace([f"minute:{pk}" for pk in minute_ids], rows)


def reindex_packs(pack_ids) -> None:
    packs = Pack.objects.filter(pk__in=list(pack_ids)).select_related("meeting__board")
    _replace([f"pack:{pk}" for pk in pack_ids], [row for p in packs for row in pack_entries(p)])


def reindex_meeting(meeting_id: int) -> None:
    """Everything of one meeting: its items, their reports and appendices, its minutes and packs."""
    item_ids = list(AgendaItem.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True))
    reindex_items(item_ids)
    reindex_reports(list(Report.objects.filter(agenda_item_id__in=item_ids).values_list("pk", flat=True)))
    reindex_minutes(list(Minute.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)))
    reindex_packs(list(Pack.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)))


def rebuild_all() -> int:
    """The whole index from scratch (the `rebuild_search_index` command)."""
    from .backends import backend

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for chunk in _chunks(AgendaItem.objects.values_list("pk", flat=True)):
            reindex_items(chunk)
        for chunk in _chunks(Report.objects.values_list("pk", flat=True)):
            reindex_reports(chunk)
        for chunk in _chunks(Minute.objects.values_list("pk", flat=True)):
            reindex_minutes(chunk)
        reindex_packs(list(Pack.objects.values_list("pk", flat=True)))
    backend().optimise()
    return SearchEntry.objects.count()


def _chunks(qs, size=500):
    ids = list(qs)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
