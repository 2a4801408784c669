"""The one way the suite starts a real Celery worker: a separate process on a queue of its own,
on the broker the suite runs with (Redis under `make test`), reading the same test database.

Tests use it through the `worker` fixture (tests/conftest.py); `live_server` tests through
`live_worker`. Both carry the `worker` marker on the tests that ask for them. The worker-kill test
and the busy-clerk script, which stop, kill and restart workers with a pool of processes, call
`start_worker`, `stop_worker` and `kill_worker` themselves: the same launcher underneath.
"""
import contextlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def new_queue(prefix: str = "test") -> str:
    """A queue of its own: no other worker can take its tasks."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def database_url() -> str:
    db = django_settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@contextlib.contextmanager
def celery_worker(tmp_path: Path, prefix: str = "test"):
    """Run a worker for the duration; the test process sends its tasks to the worker's queue.

    Yields {"process", "queue", "name", "log" (path of its output), "mail_dir" (mail it sends)}.
    """
    from quorum.celery import app as celery_app

    if connection.vendor != "postgresql":
        pytest.fail("the worker needs a database it can share: run under `make test` (PostgreSQL)")
    queue = new_queue(prefix)
    mail_dir = tmp_path / "mail"
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    name = f"{queue}@%h"
    with open(log_path, "wb") as log:
        process = start_worker(queue, log=log, name=name, env=env)
        old_queue = celery_app.conf.task_default_queue
        celery_app.conf.task_default_queue = queue
        try:
            yield {"process": process, "queue": queue, "name": queue, "log": log_path, "mail_dir": mail_dir}
        finally:
            celery_app.conf.task_default_queue = old_queue
            stop_worker(process)


def start_worker(queue: str, *, log, app: str = "quorum", concurrency: int | None = None, name: str | None = None,
                 env: dict | None = None, cwd: Path = ROOT) -> subprocess.Popen:
    """The launcher itself: a worker on `queue`, writing to `log`, in a process group of its own.
    The solo pool unless `concurrency` asks for a pool as the Procfile runs it (the worker-kill and
    busy-clerk tests); `app` another Celery app (the worker-kill test's). On SQLite (the busy-clerk
    script's embedded run) the worker opens the file the settings name."""
    env = {**os.environ, **(env or {}), "CELERY_TASK_DEFAULT_QUEUE": queue, "PYTHONPATH": str(ROOT)}
    if django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The suite's database and broker; the embedded default (SQLite, filesystem broker) is found
        # by the worker from the same environment the script runs in.
        env.update(DATABASE_URL=database_url(), CELERY_BROKER_URL=django_settings.CELERY_BROKER_URL)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    pool = ["-c", str(concurrency)] if concurrency else ["--pool", "solo"]
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app, "worker", "-Q", queue, *pool, *(["-n", name] if name else []),
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
        cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_worker(process: subprocess.Popen) -> None:
    """SIGTERM to the worker and its pool; SIGKILL if it has not gone in 20 seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill_worker(process)


def kill_worker(process: subprocess.Popen) -> None:
    """As a crash would: SIGKILL to the worker and its pool processes, no clean-up."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def output(worker) -> str:
    """The last of what the worker wrote, for a failure message."""
    return worker["log"].read_text(errors="replace")[-4000:]
