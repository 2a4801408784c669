"""Withdrawing pack versions.

A public pack version stops being public the moment anything it prints stops being public: an
item made exempt, a report withdrawn or made exempt, an appendix removed, minutes taken back to
draft, an agenda unpublished. `public_packs_review` finds those versions (asking the same
selectors the public pages ask), withdraws them in the caller's transaction, and queues a fresh
public pack where the current one went. `pack_version_withdraw` is the clerk's own withdrawal of
any version, with a reason. Either way the version stays, as the record of what was published,
for the board's clerks; everyone else gets a 410 page saying when it was withdrawn.
"""
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import save_audited
from core.formats import plain_date
from meetings import selectors
from meetings.models import AgendaItem, Attachment, Report
from minutes import selectors as minutes_selectors
from minutes.models import Resolution
from packs.models import Pack, PackVersion
from packs.services.publish import pack_request

AUTOMATIC = "Withdrawn automatically: "


def pack_version_withdraw(*, version: PackVersion, user, reason: str) -> PackVersion:
    """Withdraw one version of any pack, with the clerk's reason (kept in its History).

    Withdrawing a withdrawn version changes nothing. No new pack is queued: the clerk publishes
    again once whatever was wrong is put right.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the reason for withdrawing this version; it is kept in the History.")
    with transaction.atomic():
        version = PackVersion.objects.select_for_update().select_related("pack").get(pk=version.pk)
        if not version.is_withdrawn:
            _withdraw(version, user, reason)
    return version


def _withdraw(version: PackVersion, user, reason: str) -> None:
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = user if user is not None and getattr(user, "is_authenticated", False) else None
    version.withdrawn_reason = reason
    version._change_reason = reason[:100]
    save_audited(version, user, update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])


@dataclass
class NewlyExempt:
    """An item just made exempt: its papers, its minute and resolutions quoting it may be in packs."""

    item_id: int
    meeting_id: int
    board_id: int
    date: datetime.date
    title: str
    has_resolutions: bool


@dataclass
class _Public:
    """What, of everything some versions print, is still public (a few queries for any number of versions)."""

    exempt_items: set = field(default_factory=set)
    public_reports: set = field(default_factory=set)
    reports: dict = field(default_factory=dict)
    public_attachments: set = field(default_factory=set)
    public_minutes: set = field(default_factory=set)


def _ids(versions, prefix: str, *, items: bool = False) -> set[int]:
    out = set()
    for version in versions:
        rows = version.sources.get("items" if items else "papers", [])
        for row in rows:
            kind, _, pk = row.get("key", "").partition(":")
            if kind == prefix and pk.isdigit():
                out.add(int(pk))
    return out


def _lookup(versions) -> _Public:
    report_ids = _ids(versions, "report")
    attachment_ids = _ids(versions, "attachment")
    public = _Public()
    public.exempt_items = set(AgendaItem.objects.filter(pk__in=_ids(versions, "item", items=True), is_exempt=True)
                              .values_list("pk", flat=True))
    public.public_reports = set(selectors.public_reports().filter(pk__in=report_ids).values_list("pk", flat=True))
    public.reports = {r["pk"]: r for r in Report.objects.filter(pk__in=report_ids).values(
        "pk", "status", "is_exempt", "agenda_item__is_exempt")}
    public.public_attachments = set(
        Attachment.objects.filter(pk__in=attachment_ids, report__in=selectors.public_reports())
        .values_list("pk", flat=True))
    public.public_minutes = set(minutes_selectors.public_minutes().filter(meeting_id__in=_ids(versions, "minutes"))
                                .values_list("meeting_id", flat=True))
    return public


def _report_reason(row) -> str:
    if row is None:
        return "was removed"
    if row["is_exempt"] or row["agenda_item__is_exempt"]:
        return "was made exempt"
    if row["status"] != "published":
        return "was withdrawn from publication"
    return "is no longer on a published agenda"


def public_problems(version: PackVersion, public: _Public, newly_exempt=()) -> list[str]:
    """What `version` prints that the public may no longer see, in the clerk's words ([] if nothing)."""
    # (An unpublished agenda's packs are not served to the public at all: `rules`, view_public_pack.)
    problems = []
    meeting = version.pack.meeting
    for item in version.sources.get("items", []):
        pk = int(item["key"].partition(":")[2])
        if not item.get("exempt") and pk in public.exempt_items:
            problems.append(f"item {item['number']} “{item['title']}” was made exempt")
    for paper in version.sources.get("papers", []):
        kind, _, pk = paper["key"].partition(":")
        if not pk.isdigit():
            continue
        pk = int(pk)
        if kind == "report" and pk not in public.public_reports:
            problems.append(f"the report “{paper['title']}” {_report_reason(public.reports.get(pk))}")
        elif kind == "attachment" and pk not in public.public_attachments:
            problems.append(f"“{paper['title']}” is no longer public")
        elif kind == "minutes":
            if pk not in public.public_minutes:
                problems.append(f"“{paper['title']}” are no longer published")
            problems += [f"the minute of “{e.title}” in “{paper['title']}” was made exempt"
                         for e in newly_exempt if e.meeting_id == pk]
        elif kind == "resolutions":
            problems += [f"the response to resolutions may quote the resolutions of “{e.title}” "
                         f"({plain_date(e.date)}), made exempt"
                         for e in newly_exempt
                         if e.has_resolutions and e.board_id == meeting.board_id and e.date < meeting.date]
    return problems


def newly_exempt(item) -> NewlyExempt:
    return NewlyExempt(item_id=item.pk, meeting_id=item.meeting_id, board_id=item.meeting.board_id,
                       date=item.meeting.date, title=item.title,
                       has_resolutions=Resolution.objects.filter(minute__agenda_item_id=item.pk).exists())


def public_packs_review(*, meeting_ids=(), board_id: int | None = None, since: datetime.date | None = None,
                        newly_exempt_items=(), user=None) -> list[PackVersion]:
    """Withdraw, at once and in the caller's transaction, every public pack version (of the meetings
    given, and of the board's meetings from `since` on) that prints something no longer public,
    and queue a fresh public pack wherever the current version was withdrawn.

    Returns the versions withdrawn.
    """
    scope = Q(meeting_id__in=list(meeting_ids))
    if board_id is not None and since is not None:
        scope |= Q(meeting__board_id=board_id, meeting__date__gte=since)
    with transaction.atomic():
        # The packs' rows are locked as a build stores a version, so a version stored while this
        # change was being made is either seen here or sees the change itself (`review_new_version`).
        packs = list(Pack.objects.select_for_update().filter(scope, variant=Pack.Variant.PUBLIC).order_by("pk"))
        if not packs:
            return []
        versions = list(PackVersion.objects.not_withdrawn().filter(pack__in=packs)
                        .select_related("pack", "pack__meeting").defer("contents", "stats"))
        if not versions:
            return []
        public = _lookup(versions)
        withdrawn = []
        for version in versions:
            problems = public_problems(version, public, newly_exempt_items)
            if problems:
                _withdraw(version, user, AUTOMATIC + "; ".join(dict.fromkeys(problems)) + ".")
                withdrawn.append(version)
        for pack in packs:
            if any(v.pk == pack.current_version_id for v in withdrawn):
                pack_request(meeting_id=pack.meeting_id, variant=pack.variant, kind=pack.kind, user=user)
    return withdrawn


def review_new_version(version: PackVersion) -> None:
    """A public version just stored from a plan made before a change that withdrew its sources is
    withdrawn before anyone can fetch it (the build then runs again for the newer request)."""
    if version.pack.variant != Pack.Variant.PUBLIC or version.is_withdrawn:
        return
    problems = public_problems(version, _lookup([version]))
    if problems:
        _withdraw(version, None, AUTOMATIC + "; ".join(dict.fromkeys(problems)) + ".")
