"""Writes to meetings, agenda items, reports and appendices. Each function is one transaction."""
import datetime
import html
import logging
import re
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from boards.models import Board
from core.audit import record_user, save_audited
from core.concurrency import claim_version
from core.sanitise import sanitise_html
from core.uploads import check_appendix
from meetings.deadlines import is_late, publication_deadline
from meetings.models import AgendaItem, Attachment, Meeting, PaperStatus, Report, ReportRevision
from meetings.models.reports import REPORT_SECTIONS, clean_appendix_title
from meetings.selectors import minutes_description

logger = logging.getLogger(__name__)

STANDARD_ITEMS = [
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interests"),
    (AgendaItem.Kind.MINUTES, "Minutes"),
]


# The standard item the agenda carries before its first exempt item (created and placed by
# `_place_exclusion_item`, as the other standard items are by `meeting_create`).
EXCLUSION_TITLE = "Exclusion of the public"
EXCLUSION_DESCRIPTION = (
    "To consider excluding the public during the remaining items under section 100A(4) of the Local "
    "Government Act 1972, as the public interest in maintaining the exemption outweighs the public "
    "interest in disclosing the information"
)

_audit = record_user
_save = save_audited


def _place_exclusion_item(meeting: Meeting, user) -> None:
    """Keep the standard "Exclusion of the public" item just before the first exempt item: added
    when an item is first made exempt, moved when the exempt items move, removed when none is left."""
    items = list(meeting.items.order_by("position", "pk"))
    exclusions = [i for i in items if i.kind == AgendaItem.Kind.EXCLUSION]
    others = [i for i in items if i.kind != AgendaItem.Kind.EXCLUSION]
    first_exempt = next((i for i in others if i.is_exempt), None)
    keep = exclusions[0] if exclusions and first_exempt is not None else None
    for extra in exclusions:
        if extra is not keep:
            _audit(extra, user)
            extra.delete()
    if first_exempt is None:
        if exclusions:
            _renumber(meeting, others, user)
        return
    if keep is None:
        keep = AgendaItem(meeting=meeting, kind=AgendaItem.Kind.EXCLUSION, title=EXCLUSION_TITLE,
                          description=EXCLUSION_DESCRIPTION, position=first_exempt.position)
        _save(keep, user)
    ordered = []
    for item in others:
        if item.pk == first_exempt.pk:
            ordered.append(keep)
        ordered.append(item)
    _renumber(meeting, ordered, user)


@transaction.atomic
def meeting_create(*, board: Board, date: datetime.date, start_time: datetime.time, venue: str, user) -> Meeting:
    """Schedule a meeting and open its agenda with the three standard items."""
    meeting = Meeting(board=board, date=date, start_time=start_time, venue=venue or board.default_venue)
    _save(meeting, user)
    previous = meeting.previous_meeting()
    for position, (kind, title) in enumerate(STANDARD_ITEMS, start=1):
        item = AgendaItem(meeting=meeting, position=position, kind=kind, title=title)
        if kind == AgendaItem.Kind.MINUTES:
            item.description = minutes_description(previous)
            item.paper_status = PaperStatus.ATTACHED if previous else PaperStatus.NONE
        _save(item, user)
    return meeting


RESCHEDULE_FIELDS = ("date", "start_time", "venue")


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int | None, user, urgency_reason: str = "", **fields) -> Meeting:
    """Save the meeting's details. Changing the date, time or venue of a meeting whose agenda is
    published reschedules it: what it was is kept and shown, members and the officers with reports
    on it are e-mailed once the transaction commits, and the "published late" state follows the new
    date — a new date that leaves fewer than five clear days after publication needs the Chair's
    reason for urgency; one that leaves enough drops the reason (History keeps it)."""
    claim_version(meeting, version)
    # The row as saved: a bound ModelForm has already written the new values onto `meeting`.
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = {name: getattr(stored, name) for name in RESCHEDULE_FIELDS}
    for name, value in fields.items():
        setattr(meeting, name, value)
    # Only a meeting still to be held moves; a date corrected after it was held is not a rescheduling.
    rescheduled = meeting.is_published and meeting.status == Meeting.Status.AGENDA_PUBLISHED and any(
        getattr(meeting, name) != before[name] for name in RESCHEDULE_FIELDS)
    if rescheduled:
        if is_late(meeting.date, timezone.localdate(meeting.agenda_published_at)):
            reason = urgency_reason.strip() or (meeting.urgency_reason if meeting.date == before["date"] else "")
            if not reason:
                raise ValidationError(
                    "The agenda was published less than five clear working days before the new date. "
                    "Give the Chair's reason for urgency to reschedule to it."
                )
            meeting.urgency_reason = reason
        else:
            meeting.urgency_reason = ""
        meeting.rescheduled_at = timezone.now()
        meeting.rescheduled_from_date = before["date"]
        meeting.rescheduled_from_time = before["start_time"]
        meeting.rescheduled_from_venue = before["venue"]
    _save(meeting, user)
    if rescheduled:
        transaction.on_commit(lambda: _queue_reschedule_notice(meeting.pk))
    return meeting


def _queue_reschedule_notice(meeting_id: int) -> None:
    """Queue the rescheduling e-mail. The change is saved already, so a broker outage is logged, not raised."""
    from meetings.tasks import send_meeting_rescheduled_notice

    try:
        send_meeting_rescheduled_notice.delay(meeting_id)
    except Exception:  # noqa: BLE001 - any broker failure
        logger.exception("Could not queue the rescheduling notice for meeting %s", meeting_id)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, user) -> Meeting:
    """Cancel a meeting. The record stays, with the reason, and the public still sees that it was cancelled."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not reason.strip():
        raise ValidationError("Give the reason for cancelling; it is shown with the meeting.")
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_DRAFT, Meeting.Status.MINUTES_CONFIRMED,
                          Meeting.Status.SIGNED):
        raise ValidationError("A meeting that has been held cannot be cancelled.")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.version += 1
    _save(meeting, user)
    return meeting


def _renumber(meeting: Meeting, ordered: list[AgendaItem], user):
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            _save(item, user, update_fields=["position"])


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, user, **fields) -> AgendaItem:
    """Add an item at the end of the agenda."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.items.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, position=last + 1, **fields)
    item.full_clean(exclude=["meeting"])
    _save(item, user)
    _place_exclusion_item(meeting, user)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, version: int | None, user, **fields) -> AgendaItem:
    claim_version(item, version)
    for name, value in fields.items():
        setattr(item, name, value)
    if item.carries_response_paper:  # one item per meeting carries the response paper
        for other in item.meeting.items.filter(carries_response_paper=True).exclude(pk=item.pk):
            other.carries_response_paper = False
            _save(other, user, update_fields=["carries_response_paper"])
    if not item.is_exempt:
        item.exempt_paragraph, item.exempt_reason = None, ""
    item.full_clean(exclude=["meeting"])
    _save(item, user)
    _place_exclusion_item(item.meeting, user)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, user) -> None:
    meeting = item.meeting
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    _audit(item, user)
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("position", "pk")), user)
    _place_exclusion_item(meeting, user)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, user) -> AgendaItem:
    """Move an item one place up or down; numbers follow the order."""
    Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position", "pk"))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(item.meeting, items, user)
    _place_exclusion_item(item.meeting, user)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_items_reorder(*, meeting: Meeting, ordered_ids: list[int], user) -> None:
    """Put the items in the given order (drag and drop sends the whole list)."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    items = {it.pk: it for it in meeting.items.all()}
    if set(ordered_ids) != set(items):
        raise ValidationError("The agenda changed while you were reordering it. Reload the page and try again.")
    _renumber(meeting, [items[i] for i in ordered_ids], user)
    _place_exclusion_item(meeting, user)


def deadline_status(meeting: Meeting, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    deadline = publication_deadline(meeting.date)
    return {
        "deadline": deadline,
        "passed": not meeting.is_published and is_late(meeting.date, today),
        "published_late": meeting.is_published and is_late(meeting.date, timezone.localdate(meeting.agenda_published_at)),
    }


@transaction.atomic
def agenda_publish(*, meeting: Meeting, user, urgency_reason: str = "", today: datetime.date | None = None) -> Meeting:
    """Publish the agenda and every approved report with it.

    After the five-clear-day deadline the Chair's reason for urgency is required and stored.
    Members are told by e-mail through the Celery worker once the transaction commits.
    Publishing an agenda that is already published (a double click, a second tab) changes
    nothing: the publication time stays the one the public was given, and no second e-mail goes.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("A cancelled meeting cannot be published.")
    if meeting.is_published:
        return meeting
    today = today or timezone.localdate()
    if is_late(meeting.date, today):
        if not urgency_reason.strip():
            raise ValidationError(
                "The publication deadline has passed. Give the Chair's reason for urgency to publish late."
            )
        meeting.urgency_reason = urgency_reason.strip()
    meeting.agenda_published_at = timezone.now()
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.version += 1
    _save(meeting, user)
    for report in Report.objects.filter(agenda_item__meeting=meeting, status=Report.Status.APPROVED):
        report.status = Report.Status.PUBLISHED
        _save(report, user)
    # Action plans carried as papers are frozen as they stand now; later updates never change them.
    from actions.services import agenda_plans_snapshot

    agenda_plans_snapshot(meeting=meeting, user=user)
    transaction.on_commit(lambda: _queue_agenda_notice(meeting.pk))
    return meeting


def _queue_agenda_notice(meeting_id: int) -> None:
    """Queue the members' e-mail. The agenda is already published, so a broker outage is logged, not raised."""
    from meetings.tasks import send_agenda_published_notice

    try:
        send_agenda_published_notice.delay(meeting_id)
    except Exception:  # noqa: BLE001 - any broker failure
        logger.exception("Could not queue the agenda notice for meeting %s", meeting_id)


# Reports -------------------------------------------------------------------------------------

REPORT_HTML_FIELDS = [s.field for s in REPORT_SECTIONS]


def _clean_report_fields(fields: dict) -> dict:
    cleaned = dict(fields)
    for name in REPORT_HTML_FIELDS:
        if name in cleaned:
            cleaned[name] = sanitise_html(cleaned[name])
    return cleaned


@transaction.atomic
def report_create(*, board: Board, author, agenda_item: AgendaItem | None = None, priorities=(), **fields) -> Report:
    report = Report(board=board, author=author, agenda_item=agenda_item, **_clean_report_fields(fields))
    _save(report, author)
    if priorities:
        report.strategic_priorities.set(priorities)
    return report


@transaction.atomic
def report_update(*, report: Report, version: int | None, user, priorities=None, revision_note: str = "",
                  **fields) -> Report:
    """Save an edit, refusing it if someone saved a newer version since the user started.

    A published report is never changed silently: the edit needs a revision note, and is recorded
    as a `ReportRevision` (who, when, the note, which parts changed) shown with the report. The
    pack built from the old text then reads as out of date until the clerk publishes it again.
    """
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    published = report.status == Report.Status.PUBLISHED
    revision_note = (revision_note or "").strip()
    claim_version(report, version)
    cleaned = _clean_report_fields(fields)
    changed = report_changes(report, cleaned, priorities)
    if published and changed and not revision_note:
        raise ValidationError({"revision_note": REVISION_NOTE_NEEDED})
    for name, value in cleaned.items():
        setattr(report, name, value)
    if published and changed:
        # History's reason column holds 100 characters; the whole note is kept on the revision.
        report._change_reason = Truncator(f"Revised after publication: {revision_note}").chars(100)
    _save(report, user)
    if priorities is not None:
        report.strategic_priorities.set(priorities)
    if published and changed:
        ReportRevision.objects.create(report=report, made_by=user if user.is_authenticated else None,
                                      note=revision_note, changed=changed, version=report.version)
    return report


REVISION_NOTE_NEEDED = "This report is published: say why it is being changed. The note is shown with the report."


def report_changes(report: Report, fields: dict, priorities=None) -> list[str]:
    """The parts of `report` a reader would see change if `fields` (and `priorities`) were saved,
    named as the report names them. Compared with the stored row, because a ModelForm has already
    copied the new values onto `report`."""
    stored = Report.objects.get(pk=report.pk)
    cleaned = _clean_report_fields(fields)
    changed = [_report_part_label(name) for name, value in cleaned.items()
               if _reads_differently(name, getattr(stored, name), value)]
    if priorities is not None and {p.pk for p in priorities} != set(stored.strategic_priorities.values_list("pk", flat=True)):
        changed.append(_report_part_label("strategic_priorities"))
    return changed


def _reads_differently(name: str, old, new) -> bool:
    """Whether a reader would see a change. Rich text is compared by its words, because the editor
    rewrites the same text's markup (<p> becomes <div>…<br><br></div>) on every save."""
    if name in REPORT_HTML_FIELDS:
        return _words(old) != _words(new)
    return old != new


def _words(html_text: str) -> list[str]:
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text or "")).split()


def _report_part_label(name: str) -> str:
    """A changed field as the report itself names it: "1. Background …", "Title of paper"."""
    for section in REPORT_SECTIONS:
        if section.field == name:
            return f"{section.number}. {section.heading}"
    label = str(Report._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    if not user.has_perm("meetings.submit_report", report):
        raise PermissionDenied
    if report.status != Report.Status.DRAFT:
        raise ValidationError(f"Only a draft report can be submitted; this one is {report.get_status_display().lower()}.")
    if not report.title.strip() or not report.summary.strip() or not report.recommendation_list:
        raise ValidationError("Before submitting, give the report a title, a summary and at least one recommendation.")
    report.status = Report.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.version += 1
    _save(report, user)
    return report


@transaction.atomic
def report_approve(*, report: Report, user) -> Report:
    """The clerk approves a submitted report; it is published with the agenda (at once if already out)."""
    if not user.has_perm("meetings.approve_report", report):
        raise PermissionDenied
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(
            f"Only a submitted report can be approved; this one is {report.get_status_display().lower()}."
        )
    report.status = Report.Status.APPROVED
    report.approved_at = timezone.now()
    if report.agenda_item_id and report.agenda_item.meeting.is_published:
        report.status = Report.Status.PUBLISHED
    report.version += 1
    _save(report, user)
    return report


@transaction.atomic
def report_return(*, report: Report, user, reason: str = "") -> Report:
    """Send a submitted report back to its author as a draft, saying why; the author is e-mailed."""
    if not user.has_perm("meetings.return_report", report):
        raise PermissionDenied
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(
            f"Only a submitted report can be returned to its author; this one is {report.get_status_display().lower()}."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the report is being returned: the author is sent the reason.")
    report.status = Report.Status.DRAFT
    report.return_reason = reason
    report.version += 1
    report._change_reason = "Returned to its author"
    _save(report, user)
    from meetings.tasks import send_report_returned_notice

    transaction.on_commit(lambda: send_report_returned_notice.delay(report.pk))
    return report


def _store_checked(attachment: Attachment, upload, checked) -> None:
    """Put a checked upload on `attachment` (not saved): what is stored is the checked (for a PDF,
    cleaned) copy, named for what it is."""
    attachment.kind, attachment.size, attachment.sha256 = checked.kind, len(checked.content), checked.sha256
    attachment.pdf_tagged = checked.tagged if checked.kind == Attachment.Kind.PDF else None
    attachment.removed_from_file = checked.removed
    stem = PurePath(upload.name).stem or "appendix"
    attachment.file.save(f"{stem}.{checked.kind}", ContentFile(checked.content), save=False)


def _appendix_title(title: str, upload) -> str:
    """The title as given, less any "Appendix A –" typed before it; by default the file's name."""
    return clean_appendix_title(title) or clean_appendix_title(PurePath(upload.name).stem) or "Appendix"


@transaction.atomic
def report_withdraw(*, report: Report, user, reason: str) -> Report:
    """A clerk takes a published report back to its author as a draft, with a reason (kept in its
    History). It stops being public at once, and so does every public pack version printing it
    (a fresh public pack is queued)."""
    if not user.has_perm("meetings.withdraw_report", report):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the reason for withdrawing the report; it is kept in the History.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.PUBLISHED:  # checked here too: an admin skips the rule's predicates
        raise ValidationError("Only a published report can be withdrawn from publication.")
    report.status = Report.Status.DRAFT
    report.version += 1
    report._change_reason = f"Withdrawn from publication: {reason}"
    _save(report, user)
    return report


@transaction.atomic
def attachment_add(*, report: Report, upload, title: str, user, revision_note: str = "") -> Attachment:
    """Attach an appendix after checking it by content (PDF, DOCX or XLSX only).

    An appendix added to a published report is a revision: it needs a note and is recorded.
    """
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    revision_note = (revision_note or "").strip()
    if report.status == Report.Status.PUBLISHED and not revision_note:
        raise ValidationError({"revision_note": "This report is published: say why the appendix is being added. "
                                                "The note is shown with the report."})
    checked = check_appendix(upload)
    Report.objects.select_for_update().filter(pk=report.pk).first()
    last = report.attachments.order_by("-position").values_list("position", flat=True).first() or 0
    attachment = Attachment(report=report, title=_appendix_title(title, upload), position=last + 1, uploaded_by=user)
    _store_checked(attachment, upload, checked)
    if checked.removed:
        attachment._change_reason = ("Removed from the file before storing: " + "; ".join(checked.removed))[:100]
    _save(attachment, user)
    if report.status == Report.Status.PUBLISHED:
        ReportRevision.objects.create(report=report, made_by=user if user.is_authenticated else None,
                                      note=revision_note, changed=[f"Appendix “{attachment.title}” attached"],
                                      version=report.version)
    return attachment


@transaction.atomic
def attachment_replace(*, attachment: Attachment, upload, title: str, user, revision_note: str = "") -> Attachment:
    """Put a new file in an appendix's place (same letter), checked exactly as a new appendix is.
    The old file is deleted once the change is committed; History keeps who, when, and the old
    file's name, size and SHA-256."""
    if not user.has_perm("meetings.change_report", attachment.report):
        raise PermissionDenied
    note = _note_for_published(attachment.report, revision_note, "replaced")
    checked = check_appendix(upload)
    attachment = Attachment.objects.select_for_update().select_related("report").get(pk=attachment.pk)
    old_name = attachment.file.name
    if title.strip():
        attachment.title = _appendix_title(title, upload)
    _store_checked(attachment, upload, checked)
    attachment.uploaded_by = user
    reason = f"Replaced the file with “{PurePath(upload.name).name}”"
    if checked.removed:
        reason += "; removed: " + "; ".join(checked.removed)
    attachment._change_reason = reason[:100]
    _save(attachment, user)
    if old_name and old_name != attachment.file.name:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    _record_published_revision(attachment.report, user, note, f"Appendix “{attachment.title}” replaced")
    return attachment


def _note_for_published(report: Report, note: str, doing: str) -> str:
    """A change to the appendices of a published report is a revision: it needs a note."""
    note = (note or "").strip()
    if report.status == Report.Status.PUBLISHED and not note:
        raise ValidationError(f"This report is published: say why the appendix is being {doing}. "
                              "The note is shown with the report.")
    return note


def _record_published_revision(report: Report, user, note: str, changed: str) -> None:
    if report.status == Report.Status.PUBLISHED:
        ReportRevision.objects.create(report=report, made_by=user if user.is_authenticated else None,
                                      note=note, changed=[changed], version=report.version)


def _renumber_appendices(report: Report, ordered: list[Attachment], user) -> None:
    for position, attachment in enumerate(ordered, start=1):
        if attachment.position != position:
            attachment.position = position
            _save(attachment, user, update_fields=["position"])


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user, revision_note: str = "") -> None:
    """Remove an appendix; the ones after it move up a letter. History keeps the removal."""
    report = attachment.report
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    note = _note_for_published(report, revision_note, "removed")
    Report.objects.select_for_update().filter(pk=report.pk).first()
    attachment = Attachment.objects.get(pk=attachment.pk)
    name, storage = attachment.file.name, attachment.file.storage
    _audit(attachment, user)
    attachment._change_reason = "Appendix removed"
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    _renumber_appendices(report, list(report.attachments.order_by("position", "pk")), user)
    _record_published_revision(report, user, note, f"Appendix “{attachment.title}” removed")


@transaction.atomic
def attachment_move(*, attachment: Attachment, direction: str, user, revision_note: str = "") -> Attachment:
    """Move an appendix one place up or down; the letters follow the order."""
    report = attachment.report
    if not user.has_perm("meetings.change_report", report):
        raise PermissionDenied
    note = _note_for_published(report, revision_note, "moved")
    Report.objects.select_for_update().filter(pk=report.pk).first()
    ordered = list(report.attachments.order_by("position", "pk"))
    index = next(i for i, a in enumerate(ordered) if a.pk == attachment.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber_appendices(report, ordered, user)
    _record_published_revision(report, user, note, f"Appendix “{attachment.title}” moved {direction}")
    return next(a for a in ordered if a.pk == attachment.pk)


@transaction.atomic
def attachment_recheck(*, attachment: Attachment, user=None, dry_run: bool = False) -> str:
    """Check a stored appendix as if it were uploaded today; for appendices stored before uploads
    were parsed. A PDF with active content is replaced by its cleaned copy (recorded in History,
    so the pack flips out of date and is rebuilt from the clean file). Returns "ok", "cleaned: …"
    or "refused: …" (a refused file is left for a clerk to replace: it is converted only in the
    sandbox meanwhile)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    with attachment.file.open("rb") as f:
        stored = f.read()
    try:
        checked = check_appendix(SimpleUploadedFile(PurePath(attachment.file.name).name, stored))
    except ValidationError as exc:
        return "refused: " + " ".join(exc.messages)
    if not checked.removed:
        return "ok"
    removed = "; ".join(checked.removed)
    if not dry_run:
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
        old_name = attachment.file.name
        attachment.size, attachment.sha256 = len(checked.content), checked.sha256
        attachment._change_reason = f"Cleaned: {removed}"[:100]
        attachment.file.save(PurePath(old_name).name, ContentFile(checked.content), save=False)
        _save(attachment, user)
        if old_name != attachment.file.name:
            transaction.on_commit(lambda: attachment.file.storage.delete(old_name))
    return f"cleaned: {removed}"
