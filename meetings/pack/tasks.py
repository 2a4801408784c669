"""The agenda pack task: takes ids, holds a lock per pack, safe to run twice, survives its worker."""
from celery import shared_task

from .models import Pack
from .services import PackBusy, pack_build


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def pack_render(self, meeting_id: int, variant: str, kind: str = Pack.Kind.MAIN) -> int | None:
    """Render the meeting's pack and store it as a new version (or keep the current one).

    If another render of the same pack is running, try again shortly; if a request arrived while
    this one rendered, render again so the newest request is always satisfied.
    """
    try:
        version = pack_build(meeting_id=meeting_id, variant=variant, kind=kind, wait=False)
    except PackBusy:
        raise self.retry(countdown=3)
    pack = Pack.objects.get(meeting_id=meeting_id, variant=variant, kind=kind)
    if pack.requested > pack.built:
        pack_render.delay(meeting_id, variant, kind)
    return version.pk if version else None
