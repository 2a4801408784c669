"""OParl 1.1 objects as dicts, from rows the selectors fetched (no query here but through `Context`).

Empty values are left out, as OParl asks (2.4: no `null`, no `[]` unless required).
"""
import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Membership
from core.formats import long_date

from . import files as file_kinds
from .timestamps import as_text

SCHEMA = "https://schema.oparl.org/1.1/"
VOTING = {Membership.Role.CHAIR: True, Membership.Role.VICE_CHAIR: True, Membership.Role.MEMBER: True,
          Membership.Role.OFFICER: False, Membership.Role.OBSERVER: False, Membership.Role.CLERK: False}


class Context:
    """The request (for absolute URLs) and what a page of objects shares: which meetings have public
    minutes, each meeting's public pack versions."""

    def __init__(self, request, council: str):
        self.request, self.council = request, council
        self.minutes_by_meeting: dict = {}
        self.packs_by_meeting: dict = {}
        self.participants: dict = {}
        self.resolutions: dict = {}

    def load_resolutions(self, items) -> None:
        from . import selectors

        self.resolutions.update(selectors.resolution_texts([item.pk for item in items]))

    def url(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", args=args))

    def web(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    @property
    def body_url(self) -> str:
        return self.url("body", slugify(self.council))

    def load_meeting_files(self, meetings) -> None:
        from . import selectors

        ids = [m.pk for m in meetings]
        for record in selectors.public_minutes_records(self.council).filter(meeting_id__in=ids):
            self.minutes_by_meeting[record.meeting_id] = record
        for version in selectors.public_pack_versions(self.council, meeting_ids=ids):
            self.packs_by_meeting.setdefault(version.pack.meeting_id, []).append(version)
        for meeting_id, person_id in selectors.present(self.council, self.minutes_by_meeting):
            self.participants.setdefault(meeting_id, []).append(person_id)
        self.load_resolutions([item for m in meetings if not getattr(m, "is_tombstone", False) for item in m.items.all()])


def _clean(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if v not in (None, "", [])}


def _stamps(row) -> dict:
    return {"created": as_text(row.oparl_created), "modified": as_text(row.oparl_modified)}


def deleted(ctx: Context, kind: str, url_name: str, key, created, modified) -> dict:
    """OParl 2.8: a deleted object keeps its id, type and created; modified is when it went."""
    return {"id": ctx.url(url_name, key), "type": SCHEMA + kind, "created": as_text(created),
            "modified": as_text(modified), "deleted": True}


def organization(ctx: Context, board) -> dict:
    return _clean({
        "id": ctx.url("organization", board.pk), "type": SCHEMA + "Organization", "body": ctx.body_url,
        "name": board.name, "membership": [ctx.url("membership", m.pk) for m in board.memberships.all()],
        "meeting": ctx.url("organization_meetings", board.pk), "organizationType": "Board",
        "classification": "Committee", "web": ctx.web(board.get_absolute_url()), **_stamps(board),
    })


def membership(ctx: Context, m, *, with_person: bool = True) -> dict:
    return _clean({
        "id": ctx.url("membership", m.pk), "type": SCHEMA + "Membership",
        "person": ctx.url("person", m.person_id) if with_person else None,
        "organization": ctx.url("organization", m.board_id), "role": m.get_role_display(),
        "votingRight": VOTING.get(m.role), "startDate": m.start_date and m.start_date.isoformat(),
        "endDate": m.end_date and m.end_date.isoformat(), **_stamps(m),
    })


def person(ctx: Context, p) -> dict:
    return _clean({
        "id": ctx.url("person", p.pk), "type": SCHEMA + "Person", "body": ctx.body_url, "name": p.full_name,
        "familyName": p.last_name, "givenName": p.first_name, "formOfAddress": p.honorific,
        "membership": [membership(ctx, m, with_person=False) for m in p.memberships.all()],
        "web": ctx.web(reverse("meetings:person", args=[p.pk])), **_stamps(p),
    })


def _moment(date: datetime.date, time: datetime.time | None) -> str | None:
    if time is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(date, time)).isoformat()


def location_of_venue(ctx: Context, venue, *, embedded: bool = False) -> dict:
    return _clean({
        "id": ctx.url("location", venue.key), "type": SCHEMA + "Location", "description": venue.description,
        "meetings": None if embedded else [ctx.url("meeting", pk) for pk in venue.meeting_ids],
        **_stamps(venue),
    })


def agenda_item(ctx: Context, item) -> dict:
    reports = getattr(item, "public_reports", [])
    exempt = item.is_exempt
    return _clean({
        "id": ctx.url("agendaitem", item.pk), "type": SCHEMA + "AgendaItem", "meeting": ctx.url("meeting", item.meeting_id),
        "number": str(item.number), "order": item.position, "name": item.title, "public": not exempt,
        # An exempt item shows the public its number, title and Schedule 12A paragraph, nothing more.
        "keyword": ["exempt", f"Schedule 12A, paragraph {item.exempt_paragraph}"] if exempt else None,
        "consultation": ctx.url("consultation", reports[0].pk) if reports and not exempt else None,
        "resolutionText": None if exempt else ctx.resolutions.get(item.pk),
        "web": ctx.web(item.get_absolute_url()), **_stamps(item),
    })


def meeting(ctx: Context, m) -> dict:
    from . import places

    minutes = ctx.minutes_by_meeting.get(m.pk)
    packs = ctx.packs_by_meeting.get(m.pk, [])
    venue = places.venues([m])
    return _clean({
        "id": ctx.url("meeting", m.pk), "type": SCHEMA + "Meeting", "name": f"{m.board.name}, {long_date(m.date)}",
        "meetingState": m.get_status_display(), "cancelled": m.status == m.Status.CANCELLED,
        "start": _moment(m.date, m.start_time), "end": _moment(m.date, m.end_time),
        "location": location_of_venue(ctx, venue[0], embedded=True) if venue else None,
        "organization": [ctx.url("organization", m.board_id)],
        "participant": [ctx.url("person", pk) for pk in ctx.participants.get(m.pk, [])],
        "invitation": file(ctx, file_kinds.agenda_entry(m)),
        "resultsProtocol": file(ctx, file_kinds.minutes_entry(minutes)) if minutes else None,
        "auxiliaryFile": [file(ctx, file_kinds.pack_entry(v)) for v in packs],
        "agendaItem": [agenda_item(ctx, item) for item in m.items.all()],
        "web": ctx.web(m.get_absolute_url()), **_stamps(m),
    })


def consultation(ctx: Context, report) -> dict:
    item = report.agenda_item
    return _clean({
        "id": ctx.url("consultation", report.pk), "type": SCHEMA + "Consultation", "paper": ctx.url("paper", report.pk),
        "agendaItem": ctx.url("agendaitem", item.pk), "meeting": ctx.url("meeting", item.meeting_id),
        "organization": [ctx.url("organization", report.board_id)], "role": "Report to the board",
        "web": ctx.web(item.get_absolute_url()), **_stamps(report),
    })


def paper(ctx: Context, report) -> dict:
    item = report.agenda_item
    meeting_ = item.meeting
    return _clean({
        "id": ctx.url("paper", report.pk), "type": SCHEMA + "Paper", "body": ctx.body_url, "name": report.title,
        "reference": f"{meeting_.board.slug}/{meeting_.date:%Y-%m-%d}/{item.number}",
        "date": meeting_.agenda_published_at.date().isoformat(), "paperType": "Report",
        "mainFile": file(ctx, file_kinds.report_entry(report)),
        "auxiliaryFile": [file(ctx, e) for e in file_kinds.appendices_of(report)],
        "consultation": [consultation(ctx, report)],
        "underDirectionOf": [ctx.url("organization", report.board_id)],
        "web": ctx.web(report.get_absolute_url()), **_stamps(report),
    })


def file(ctx: Context, entry, *, render: bool = False) -> dict:
    """`render`: also work out size and checksum of a file made on demand (the printed minutes)."""
    sha1 = entry.sha1(render=render)
    key = entry.key
    return _clean({
        "id": ctx.url("file", key), "type": SCHEMA + "File", "name": entry.name, "fileName": entry.file_name,
        "mimeType": entry.mime_type, "date": entry.date.isoformat(), "size": entry.size, "sha1Checksum": sha1,
        "accessUrl": ctx.url("file_access", key), "downloadUrl": ctx.url("file_download", key),
        "meeting": [ctx.url("meeting", pk) for pk in entry.meeting_ids],
        "agendaItem": [ctx.url("agendaitem", pk) for pk in entry.item_ids],
        "paper": [ctx.url("paper", pk) for pk in entry.paper_ids],
        "web": ctx.web(entry.web), **_stamps(entry),
    })


def legislative_term(ctx: Context, term) -> dict:
    return _clean({
        "id": ctx.url("legislativeterm", term.key), "type": SCHEMA + "LegislativeTerm", "body": ctx.body_url,
        "name": term.name, "startDate": term.start.isoformat(), "endDate": term.end.isoformat(), **_stamps(term),
    })
