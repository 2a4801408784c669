"""Reports: written, edited (a published one only with a revision note), submitted, approved,
returned and withdrawn.

Each function is one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from boards.models import Board
from core.audit import save_audited as _save
from core.concurrency import claim_version
from core.sanitise import sanitise_html
from meetings.models import AgendaItem, Report, ReportRevision
from meetings.models.reports import REPORT_SECTIONS
from meetings.tasks import send_report_returned_notice


REPORT_HTML_FIELDS = [s.field for s in REPORT_SECTIONS]


def _clean_report_fields(fields: dict) -> dict:
    cleaned = dict(fields)
    for name in REPORT_HTML_FIELDS:
        if name in cleaned:
            cleaned[name] = sanitise_html(cleaned[name])
    return cleaned


@transaction.atomic
def report_create(*, board: Board, author, agenda_item: AgendaItem | None = None, priorities=(), **fields) -> Report:
    from meetings.models import ReportTemplate

    report = Report(board=board, author=author, agenda_item=agenda_item, template=ReportTemplate.for_board(board),
                    **_clean_report_fields(fields))
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
    report._links_changed = priorities is not None and {p.pk for p in priorities} != set(
        report.strategic_priorities.values_list("pk", flat=True))
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
    changed = [_report_part_label(name, stored) for name, value in cleaned.items()
               if _reads_differently(name, getattr(stored, name), value)]
    if priorities is not None and {p.pk for p in priorities} != set(stored.strategic_priorities.values_list("pk", flat=True)):
        changed.append(_report_part_label("strategic_priorities", stored))
    return changed


def _reads_differently(name: str, old, new) -> bool:
    """Whether a reader would see a change. Rich text is compared in its stored (sanitised,
    canonical) form: the editor sends back what it was given when nothing was edited, and a
    paragraph made a continuation changes the numbers a reader cites though not the words."""
    if name in REPORT_HTML_FIELDS:
        return sanitise_html(old or "") != sanitise_html(new or "")
    return old != new


def _report_part_label(name: str, report: Report) -> str:
    """A changed field as the report itself names it: "1 BACKGROUND", "Title of paper"."""
    for section in report.template_sections():
        if section.field == name:
            return f"{section.number} {section.heading}"
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
    transaction.on_commit(lambda: send_report_returned_notice.delay(report.pk))
    return report


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
