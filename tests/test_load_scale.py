"""`manage.py load_scale` builds the same council-sized data set, from a fixed seed, on PostgreSQL
(the test database) and on SQLite (the embedded default, in a subprocess with DATABASE_URL unset),
and the pages a resident or member opens on it still answer."""
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from boards.models import Board
from meetings.models import Meeting
from minutes.models import MinutePoint

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["--scale", "0.04", "--boards", "3"]


def _load(*args) -> str:
    out = StringIO()
    call_command("load_scale", *args, stdout=out)
    return out.getvalue()


def test_load_scale_builds_the_set_and_refuses_to_double_it(db, client):
    summary = _load(*SMALL)
    assert summary.startswith("3 boards, 6 meetings, 60 items, 12 reports")
    assert Board.objects.filter(slug__startswith="scale-").count() == 3
    assert MinutePoint.objects.filter(minute__meeting__board__slug__startswith="scale-").count() == 150
    # Ten years back from today, the last meeting of each board still to come.
    board = Board.objects.get(slug="scale-1")
    assert board.meetings.filter(status=Meeting.Status.AGENDA_PUBLISHED).count() == 1
    with pytest.raises(CommandError, match="already loaded"):
        _load(*SMALL)
    # The pages over it answer for the public.
    meeting = board.meetings.order_by("date").first()
    for url in (reverse("meetings:detail", args=[meeting.pk]), reverse("meetings:minutes", args=[meeting.pk]),
                board.get_absolute_url()):
        assert client.get(url).status_code == 200, url


def test_the_same_seed_gives_the_same_set_on_sqlite(db, tmp_path):
    postgres = _load(*SMALL)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env["QUORUM_VAR_DIR"] = str(tmp_path)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True,
                   timeout=300)
    done = subprocess.run([sys.executable, "manage.py", "load_scale", *SMALL], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "quorum.sqlite3").exists()
    # The same counts on both (the seconds differ).
    assert done.stdout.rsplit(" in ", 1)[0] == postgres.rsplit(" in ", 1)[0]
