"""A worker killed mid-render: the previous pack is never lost, and the pack completes after a restart."""
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from packs.models import Pack
from packs.services import pack_build, pack_publish

from tests.packs.factories import pack_meeting, report_for

ROOT = Path(__file__).resolve().parents[2]


QUEUE = f"pack-test-{uuid.uuid4().hex[:8]}"


def _start_worker(log):
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL  # the broker this test process sends to
    env["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE  # a queue of its own: no other worker can take its tasks
    celery = str(Path(sys.executable).with_name("celery"))
    return subprocess.Popen(
        [celery, "-A", "tests.packs.pack_celery", "worker", "-c", "1", "-l", "info", "-Q", QUEUE, "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def _kill(worker):
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


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
        _kill(worker)
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
        _kill(worker)
        log.close()
