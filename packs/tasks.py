"""The agenda pack task: takes ids, holds a lock per pack, safe to run twice, survives its worker.

Thin: it calls `pack_build` (imported in the task, as the services import this module to enqueue it).
"""
from celery import shared_task
from django.db import OperationalError

from core.concurrency import database_busy
from packs.models import Pack


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def pack_render(self, meeting_id: int, variant: str, kind: str = Pack.Kind.MAIN) -> int | None:
    """Render the meeting's pack and store it as a new version (or keep the current one).

    If another render of the same pack is running, or the database was busy for a moment, try
    again shortly; if a request arrived while this one rendered, render again so the newest
    request is always satisfied. A task whose request an earlier render satisfied does nothing.
    """
    from packs.locking import PackBusy
    from packs.services import PackRetry, pack_build

    try:
        version = pack_build(meeting_id=meeting_id, variant=variant, kind=kind, wait=False, only_if_asked=True)
        pack = Pack.objects.get(meeting_id=meeting_id, variant=variant, kind=kind)
    except (PackBusy, PackRetry):
        raise self.retry(countdown=3)
    except OperationalError as exc:
        if not database_busy(exc):
            raise
        raise self.retry(countdown=3)
    if pack.requested > pack.built:
        pack_render.delay(meeting_id, variant, kind)
    return version.pk if version else None
