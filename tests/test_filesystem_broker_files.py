"""With the default filesystem broker, everything kombu writes stays under var/, none in the working directory."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEND = """
import django
django.setup()
from quorum.celery import app
app.send_task("actions.tasks.send_action_reminders")
"""


def test_queuing_a_task_writes_nothing_outside_var(tmp_path):
    var = tmp_path / "var"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    env = {**os.environ, "CELERY_BROKER_URL": "filesystem://", "QUORUM_VAR_DIR": str(var),
           "DJANGO_SETTINGS_MODULE": "quorum.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", SEND], cwd=workdir, env=env, check=True, timeout=120)
    assert list(workdir.iterdir()) == []
    assert (var / "celery-control" / "quorum.exchange").exists()
    assert len(list((var / "celery-queue").iterdir())) == 1
