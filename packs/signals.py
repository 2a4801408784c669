"""Withdraw public packs whatever path makes their contents non-public: the services, the admin,
a management command or the shell all save the same models.

Each watched model remembers, as it is loaded, the fields that decide whether it is public; when
a save changes one of them (or the record is deleted), the public packs that could print it are
reviewed in the same transaction (`services.withdrawal.public_packs_review`).
"""
from django.db.models.signals import post_delete, post_init, post_save

from meetings.models import AgendaItem, Attachment, Meeting, Report
from minutes.models import MeetingMinutes
from packs.services.withdrawal import newly_exempt, public_packs_review

WATCHED = {
    AgendaItem: ("is_exempt", "meeting_id"),
    Report: ("status", "is_exempt", "agenda_item_id"),
    MeetingMinutes: ("status",),
    Meeting: ("agenda_published_at",),
}
_UNKNOWN = object()


def _state(instance) -> tuple:
    # From __dict__ only: a deferred field must not cost a query on every load.
    return tuple(instance.__dict__.get(name, _UNKNOWN) for name in WATCHED[type(instance)])


def _remember(sender, instance, **kwargs):
    instance._public_state = _state(instance)


def _user(instance):
    return getattr(instance, "_history_user", None)


def _changed(sender, instance, created, raw=False, **kwargs):
    if raw:
        return  # fixtures
    before = getattr(instance, "_public_state", None)
    now = _state(instance)
    instance._public_state = now
    if created or before == now:
        return
    user = _user(instance)
    if sender is AgendaItem:
        meetings = {instance.meeting_id} | ({before[1]} if isinstance(before[1], int) else set())
        exempt = [newly_exempt(instance)] if instance.is_exempt else []
        public_packs_review(meeting_ids=meetings, board_id=instance.meeting.board_id, since=instance.meeting.date,
                            newly_exempt_items=exempt, user=user)
    elif sender is Report:
        item_ids = {instance.agenda_item_id} | ({before[2]} if isinstance(before[2], int) else set())
        meetings = set(AgendaItem.objects.filter(pk__in=item_ids - {None}).values_list("meeting_id", flat=True))
        public_packs_review(meeting_ids=meetings, user=user)
    elif sender is MeetingMinutes:
        meeting = instance.meeting
        public_packs_review(board_id=meeting.board_id, since=meeting.date, user=user)
    elif sender is Meeting:
        public_packs_review(meeting_ids=[instance.pk], board_id=instance.board_id, since=instance.date, user=user)


def _deleted(sender, instance, **kwargs):
    if sender is Attachment:
        item_id = Report.objects.filter(pk=instance.report_id).values_list("agenda_item_id", flat=True).first()
        meetings = AgendaItem.objects.filter(pk=item_id).values_list("meeting_id", flat=True)
    elif sender is Report:
        meetings = AgendaItem.objects.filter(pk=instance.agenda_item_id).values_list("meeting_id", flat=True)
    else:  # AgendaItem: its reports are left on no agenda
        meetings = [instance.meeting_id]
    public_packs_review(meeting_ids=list(meetings), user=_user(instance))


def connect():
    for model in WATCHED:
        post_init.connect(_remember, sender=model, dispatch_uid=f"pack-withdrawal-init-{model.__name__}")
        post_save.connect(_changed, sender=model, dispatch_uid=f"pack-withdrawal-save-{model.__name__}")
    for model in (Attachment, Report, AgendaItem):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"pack-withdrawal-delete-{model.__name__}")
