"""The same search cases on the embedded default, SQLite with FTS5: a separate pytest run in a
subprocess with DATABASE_URL unset, so the settings choose SQLite as they do for `make run`."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_search_cases_pass_on_sqlite_fts5(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(QUORUM_VAR_DIR=str(tmp_path), QUORUM_EXPECT_DB_VENDOR="sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "tests/search_cases.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout.splitlines()[-1]
