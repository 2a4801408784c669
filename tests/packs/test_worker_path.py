"""The worker path: publishing queues the members' notice, and a real Celery worker sends it.

The worker is a separate process started by the test, on the broker the suite runs with
(Redis under `make test`), reading the same test database.
"""
import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from boards.models import Membership
from meetings import services
from meetings.models import Meeting
from quorum.celery import app as celery_app

from tests.factories import MeetingFactory, user_with_role

ROOT = Path(__file__).resolve().parents[2]


def _database_url():
    db = django_settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.fail("the worker needs a database it can share: run under `make test` (PostgreSQL)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "quorum", "worker", "-Q", queue, "--pool", "solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    old_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield {"process": process, "mail_dir": mail_dir}
    finally:
        celery_app.conf.task_default_queue = old_queue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_publishing_sends_members_notice_through_a_real_worker(worker, board, clerk):
    member = user_with_role(board, Membership.Role.MEMBER, "councillor")
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))

    services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        meeting.refresh_from_db()
        if meeting.agenda_notice_sent_at is not None:
            break
        if worker["process"].poll() is not None:
            pytest.fail("worker exited:\n" + worker["process"].stdout.read())
        time.sleep(0.5)
    else:
        worker["process"].terminate()
        pytest.fail("the worker did not send the notice within 90 s:\n" + worker["process"].communicate()[0][-4000:])

    sent = "".join(p.read_text() for p in worker["mail_dir"].glob("*.log"))
    assert member.email in sent
    assert "Agenda published: Corporate Parenting Board" in sent
    assert Meeting.objects.get(pk=meeting.pk).agenda_notice_sent_at is not None
