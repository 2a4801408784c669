"""Asking for agenda packs: the clerk's "Publish pack", and the rebuilds other changes ask for.

A request is recorded on the Pack row and the Celery task is enqueued once the transaction
commits; a request already waiting for the worker is enough (it reads the papers when it starts).
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting
from packs.models import Pack
from packs.tasks import pack_render


def pack_publish(*, meeting: Meeting, user, kind: str = Pack.Kind.MAIN) -> list[Pack]:
    """Queue the members' and the public pack of a meeting. The previous packs stay downloadable.

    Pressing Publish pack again while a request waits for the worker changes nothing (that render
    reads the papers when it starts); pressing it during a render asks for one more, once.
    A cancelled meeting has no pack to publish.
    """
    if meeting.status == Meeting.Status.CANCELLED:
        from django.core.exceptions import ValidationError

        raise ValidationError("The meeting was cancelled: it has no pack to publish.")
    with transaction.atomic():
        return [pack_request(meeting_id=meeting.pk, variant=variant, kind=kind, user=user)
                for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC)]


def pack_request(*, meeting_id: int, variant: str, kind: str, user) -> Pack:
    """Ask for one pack to be built: record the request and enqueue the task once the transaction
    commits. A request already waiting for the worker is enough: it reads the papers when it starts."""
    with transaction.atomic():
        Pack.objects.get_or_create(meeting_id=meeting_id, variant=variant, kind=kind)
        pack = Pack.objects.select_for_update().get(meeting_id=meeting_id, variant=variant, kind=kind)
        if _already_asked(pack):
            return pack
        pack.requested += 1
        pack.state = Pack.State.QUEUED
        pack.progress_done = pack.progress_total = 0
        pack.error = pack.failed_paper = ""
        pack.requested_by = user if user is not None and user.is_authenticated else None
        pack.requested_at = timezone.now()
        pack.save()
        transaction.on_commit(lambda: pack_render.delay(meeting_id, variant, kind))
    return pack


def _already_asked(pack: Pack) -> bool:
    """Whether a request is already waiting for the worker (it reads the papers when it starts)."""
    return pack.state == Pack.State.QUEUED and pack.requested > pack.built


def pack_publish_supplementary(*, meeting: Meeting, user) -> list[Pack]:
    """Queue a supplementary pack of the papers that were "To follow" and have since arrived."""
    return pack_publish(meeting=meeting, user=user, kind=Pack.Kind.SUPPLEMENTARY)
