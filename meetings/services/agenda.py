"""The agenda: its items (added, edited, removed, moved, reordered), the publication deadline
and publishing the agenda.

Each function is one transaction.
"""
import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import record_user as _audit
from core.audit import save_audited as _save
from core.concurrency import claim_version
from meetings.deadlines import is_late, publication_deadline
from meetings.models import AgendaItem, Meeting, Report
from meetings.signals import agenda_published
from meetings.tasks import send_agenda_published_notice


logger = logging.getLogger(__name__)


# The standard item the agenda carries before its first exempt item (created and placed by
# `_place_exclusion_item`, as the other standard items are by `meeting_create`).
EXCLUSION_TITLE = "Exclusion of the public"
EXCLUSION_DESCRIPTION = (
    "To consider excluding the public during the remaining items under section 100A(4) of the Local "
    "Government Act 1972, as the public interest in maintaining the exemption outweighs the public "
    "interest in disclosing the information"
)



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
    # Papers carried by the agenda (action plans) are frozen as they stand now, in this transaction.
    agenda_published.send(sender=Meeting, meeting=meeting, user=user)
    transaction.on_commit(lambda: _queue_agenda_notice(meeting.pk))
    return meeting


def _queue_agenda_notice(meeting_id: int) -> None:
    """Queue the members' e-mail. The agenda is already published, so a broker outage is logged, not raised."""
    try:
        send_agenda_published_notice.delay(meeting_id)
    except Exception:  # noqa: BLE001 - any broker failure
        logger.exception("Could not queue the agenda notice for meeting %s", meeting_id)
