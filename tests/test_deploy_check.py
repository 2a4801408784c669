"""`manage.py check --deploy` is clean with production settings."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE": "true",
        "SECRET_KEY": "x7$Kq2!vR9@mZ4#pL8&wN1*tB6^yH3%cF5(gJ0)dS-aE_uI+oP=",
        "ALLOWED_HOSTS": "quorum.nottinghamcity.gov.uk",
        "QUORUM_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest, never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_setting_fails_at_start_with_a_message(tmp_path):
    env = {**os.environ, "DEBUG": "maybe-not", "QUORUM_VAR_DIR": str(tmp_path), "AXES_FAILURE_LIMIT": "five"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "AXES_FAILURE_LIMIT must be a whole number" in result.stderr


def test_production_settings_refuse_the_development_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "false", "SECURE": "true", "ALLOWED_HOSTS": "quorum.nottinghamcity.gov.uk",
           "QUORUM_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECURE=true needs a SECRET_KEY of its own" in result.stderr
