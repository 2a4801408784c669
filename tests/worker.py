"""The one way the suite starts a real Celery worker: a separate process on a queue of its own,
on the broker the suite runs with (Redis under `make test`), reading the same test database.

Tests use it through the `worker` fixture (tests/conftest.py); `live_server` tests through
`live_worker`. Both carry the `worker` marker on the tests that ask for them.
"""
import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


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
    queue = f"{prefix}-{uuid.uuid4().hex[:8]}"
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
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "quorum", "worker", "-Q", queue, "--pool", "solo", "-n", name,
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        old_queue = celery_app.conf.task_default_queue
        celery_app.conf.task_default_queue = queue
        try:
            yield {"process": process, "queue": queue, "name": queue, "log": log_path, "mail_dir": mail_dir}
        finally:
            celery_app.conf.task_default_queue = old_queue
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def output(worker) -> str:
    """The last of what the worker wrote, for a failure message."""
    return worker["log"].read_text(errors="replace")[-4000:]
