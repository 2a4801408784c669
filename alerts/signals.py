"""Board events, read from the domain models' saves (the domain apps know nothing of alerts).

Each watched model remembers, as it is loaded, the fields that make an event; a save that changes
one queues the alert when the transaction commits, and only if the board has a confirmed
subscriber. What may be said publicly is decided again by the service when it sends.
"""
from django.db import transaction
from django.db.models.signals import post_init, post_save

from meetings.models import Meeting
from minutes.models import PUBLIC_STATUSES, MeetingMinutes
from packs.models import PackVersion

from .models import Subscription

WATCHED = {Meeting: ("agenda_published_at", "status", "rescheduled_at"), MeetingMinutes: ("status",)}
_UNKNOWN = object()


def _remember(sender, instance, **kwargs):
    instance._alerts_state = tuple(instance.__dict__.get(f, _UNKNOWN) for f in WATCHED[sender])


def _queue(board_id: int, event: str, object_id: int, stamp: str = "", phrases: bool = False) -> None:
    from . import tasks

    if Subscription.objects.filter(board_id=board_id, confirmed_at__isnull=False).exists():
        transaction.on_commit(lambda: tasks.send_board_alert.delay(event, object_id, stamp))
    if phrases and Subscription.objects.filter(confirmed_at__isnull=False).exclude(phrase="").exists():
        transaction.on_commit(lambda: tasks.send_phrase_alerts.delay())


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_alerts_state", None)
    _remember(sender, instance)
    if created or before is None:
        return
    if sender is Meeting:
        published_before, status_before, moved_before = before
        if instance.agenda_published_at and published_before is None:
            _queue(instance.board_id, "agenda_published", instance.pk, phrases=True)
        if instance.agenda_published_at and instance.status == Meeting.Status.CANCELLED and status_before not in (
                Meeting.Status.CANCELLED, _UNKNOWN):
            _queue(instance.board_id, "meeting_cancelled", instance.pk)
        if instance.agenda_published_at and instance.rescheduled_at and instance.rescheduled_at != moved_before \
                and moved_before is not _UNKNOWN:
            _queue(instance.board_id, "meeting_moved", instance.pk, stamp=instance.rescheduled_at.isoformat())
    elif sender is MeetingMinutes:
        if instance.status in PUBLIC_STATUSES and before[0] not in PUBLIC_STATUSES and before[0] is not _UNKNOWN:
            _queue(instance.meeting.board_id, "minutes_published", instance.meeting_id, phrases=True)


def _version_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    pack = instance.pack
    if pack.variant == "public" and pack.kind == "supplementary":
        _queue(pack.meeting.board_id, "supplementary_pack", instance.pk, phrases=True)
    elif pack.variant == "public" and Subscription.objects.filter(confirmed_at__isnull=False).exclude(phrase="").exists():
        from . import tasks

        transaction.on_commit(lambda: tasks.send_phrase_alerts.delay())


def connect():
    for model in WATCHED:
        post_init.connect(_remember, sender=model, dispatch_uid=f"alerts-init-{model.__name__}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"alerts-save-{model.__name__}")
    post_save.connect(_version_saved, sender=PackVersion, dispatch_uid="alerts-save-PackVersion")
