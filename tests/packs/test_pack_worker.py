"""A worker killed mid-render: the previous pack is never lost, and the pack completes after a restart."""
import time

import pytest
from django.conf import settings

from packs.models import Pack
from packs.services import pack_build, pack_publish

from tests.packs.factories import pack_meeting, report_for
from tests.worker import kill_worker, new_queue, start_worker

QUEUE = new_queue("pack-test")


def _start_worker(log):
    # One process, so the render is the worker's own: killing the group kills the render.
    return start_worker(QUEUE, log=log, app="tests.packs.pack_celery", concurrency=1)


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.worker
def test_killed_worker_keeps_the_last_pack_and_the_pack_completes_after_restart(
        transactional_db, board, clerk, tmp_path):
    from quorum.celery import app as celery_app

    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.fail("needs the Redis broker that `make test` sets")
    old_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = QUEUE
    meeting = pack_meeting(board)
    first = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    item = meeting.items.get(position=5)
    for n in range(24):  # enough papers that the render takes a few seconds
        report_for(item, f"Extra report {n}", paragraphs=30, marker=f"EXTRA{n}")

    log = open(tmp_path / "worker.log", "wb")
    worker = _start_worker(log)
    try:
        pack_publish(meeting=meeting, user=clerk)
        pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.MEMBERS)
        _wait(lambda: Pack.objects.filter(pk=pack.pk, state="rendering", progress_done__gte=3).exists(), 60,
              "the render to be under way")
        kill_worker(worker)
        pack.refresh_from_db()
        assert pack.state == Pack.State.RENDERING  # killed mid-render
        assert pack.current_version_id == first.pk  # the previous pack is still the current one
        assert first.file.storage.exists(first.file.name)

        worker = _start_worker(log)
        _wait(lambda: Pack.objects.filter(pk=pack.pk, state="ready", current_version__number=2).exists()
              and Pack.objects.filter(meeting=meeting, variant="public", state="ready").exists(),
              120, "the pack to complete after the restart")
        pack.refresh_from_db()
        assert pack.current_version.page_count > first.page_count
        assert pack.built == pack.requested
        assert first.file.storage.exists(first.file.name)
    finally:
        celery_app.conf.task_default_queue = old_queue
        kill_worker(worker)
        log.close()
