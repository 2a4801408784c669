"""A busy clerk on the embedded default (SQLite) and on PostgreSQL: Publish agenda double-clicked,
Publish pack pressed five times at once, twelve points added to one minute at once (round after
round while the packs render): no server error, no lost write, no failed render.

The SQLite case runs in a subprocess with nothing set, as `make run` does: SQLite in a file (an
in-memory database cannot show locking), the filesystem broker and a real worker.
"""
import contextlib
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests import busy_clerk
from tests.busy_clerk import ROOT
from tests.worker import new_queue, start_worker, stop_worker


def _sqlite_figures(tmp_path, mode: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    args = [sys.executable, "-m", "tests.busy_clerk", str(tmp_path), mode]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assert_clean(figures, *, rendered: bool):
    print(json.dumps(figures))  # the figures, for `pytest -s`
    assert (figures["server_errors"], figures["lost_writes"], figures["notes"]) == (0, 0, []), figures
    assert figures["points_stored"] == figures["points_asked"] >= busy_clerk.POINTS_AT_ONCE
    # Five presses ask for each pack once.
    assert figures["pack_requests"] == {"members": 1, "public": 1}, figures
    if rendered:
        assert figures["failed_renders"] == 0, figures
        assert figures["pack_versions"] == {"members": 1, "public": 1}, figures


def test_busy_clerk_on_the_sqlite_default(tmp_path):
    _assert_clean(_sqlite_figures(tmp_path), rendered=False)


def test_busy_clerk_on_postgresql(transactional_db):
    _assert_clean(busy_clerk.run(), rendered=False)


@pytest.mark.worker
def test_busy_clerk_while_the_packs_render_on_the_sqlite_default(tmp_path):
    _assert_clean(_sqlite_figures(tmp_path, "--worker"), rendered=True)


@pytest.mark.worker
def test_a_render_waits_out_a_locked_sqlite_database_instead_of_failing(tmp_path):
    figures = _sqlite_figures(tmp_path, "--locked-render")
    print(json.dumps(figures))
    assert figures["statuses"] == [302, 302]
    assert figures["render_retries"] >= 1  # the lock was met, and waited out
    assert (figures["failed_renders"], figures["errors"]) == (0, [])
    assert figures["pack_versions"] == {"members": 1, "public": 1}


@pytest.mark.worker
def test_busy_clerk_while_the_packs_render_on_postgresql(transactional_db, tmp_path):
    from quorum.celery import app as celery_app

    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.fail("needs the Redis broker that `make test` sets")
    queue = new_queue("busy-clerk")  # a queue of its own: no other worker can take its tasks

    @contextlib.contextmanager
    def worker_running():
        with open(tmp_path / "worker.log", "wb") as log:
            worker = start_worker(queue, log=log, concurrency=2)
            try:
                yield
            finally:
                stop_worker(worker)

    old_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        _assert_clean(busy_clerk.run(worker_running), rendered=True)
    finally:
        celery_app.conf.task_default_queue = old_queue
