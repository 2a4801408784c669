"""`make bench`, the reader part: how long a ~150-page members' pack takes to show its first page
in headless Chromium, and how long saving a note takes (p50/p95), measured from the browser.

The meeting is built and its pack rendered once in the bench database (committed: the server is
another process) and reused by later runs. gunicorn serves it as `make run` does; Chromium opens the
reader five times, each in a fresh browser context (nothing cached), and reads the time from
navigation start to the first page drawn (`performance.mark("reader-first-page")`, set by
reader.js when page 1's canvas is drawn), and how many pages were drawn by then
(the reader renders on scroll: never all of them). Then 100 notes are saved with fetch() from the
reader page, one after another, timing each round trip.
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SLUG = "bench-reader-150"
PASSWORD = "bench-reader-pass"
CHROMIUM = os.environ.get("QUORUM_CHROMIUM", "/usr/bin/chromium")


def _setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quorum.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model

    from boards.models import Board, Membership, Person
    from packs.models import Pack
    from packs.services import pack_build

    from .run import SIZES, _build_meeting

    User = get_user_model()
    board = Board.objects.filter(slug=SLUG).first()
    if board is None:
        meeting, _, _ = _build_meeting(SIZES["150"])
        board = meeting.board
        board.slug = SLUG
        board.save()
    meeting = board.meetings.order_by("pk").first()
    user, _ = User.objects.get_or_create(username="bench-reader-member")
    user.set_password(PASSWORD)
    user.save()
    person, _ = Person.objects.get_or_create(user=user, defaults={"first_name": "Bench", "last_name": "Member"})
    Membership.objects.get_or_create(board=board, person=person, role=Membership.Role.MEMBER)
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    return version, user


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> dict:
    """Both as `make run` serves it (each process keeps its database connection for a minute, the
    default since DB_CONN_MAX_AGE) and with a new connection per request (DB_CONN_MAX_AGE=0), to
    show what the persistent connection saves."""
    version, user = _setup()
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return {"as_make_run": _measure(version, user, env),
            "connection_per_request": _measure(version, user, {**env, "DB_CONN_MAX_AGE": "0"})}


def _measure(version, user, env) -> dict:
    from reader.models import Annotation

    Annotation.objects.filter(owner=user).delete()
    port = _free_port()
    # As `make run` serves it (Procfile): gunicorn, two workers, static files by WhiteNoise.
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "quorum.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        from playwright.sync_api import sync_playwright

        # The machine is shared: the load average says how busy it was while this ran.
        out = {"pages": version.page_count, "size_bytes": version.size, "load_average_1min": round(os.getloadavg()[0], 1)}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            first_page, drawn = [], []
            for run in range(6):
                context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto("/accounts/login/")
                page.get_by_label("Username").fill(user.username)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url("**/")
                page.goto(f"/reader/versions/{version.pk}/")
                page.wait_for_selector("#reader[data-ready=true]", timeout=60000)
                ms = page.evaluate("performance.getEntriesByName('reader-first-page')[0].startTime")
                if run:  # the first run warms the server (imports, templates), as a running site is
                    first_page.append(ms)
                    drawn.append(page.locator(".reader-page.is-rendered").count())
                if run == 5:
                    times = page.evaluate("""async () => {
                        const root = document.getElementById('reader');
                        const times = [];
                        for (let i = 0; i < 100; i++) {
                          const started = performance.now();
                          const response = await fetch(root.dataset.create, {method: 'POST', credentials: 'same-origin',
                            headers: {'Content-Type': 'application/json', 'X-CSRFToken': root.dataset.csrf},
                            body: JSON.stringify({kind: 'page_note', page: 1 + (i % 140), note: 'Bench note ' + i})});
                          await response.json();
                          if (!response.ok) throw new Error('save failed ' + response.status);
                          times.push(performance.now() - started);
                        }
                        return times;
                    }""")
                context.close()
            browser.close()
        times.sort()
        out["first_page_ms_runs"] = [round(t) for t in first_page]
        out["first_page_ms_median"] = round(statistics.median(first_page))
        out["first_page_ms_best"] = round(min(first_page))
        out["pages_drawn_when_first_shown"] = max(drawn)
        out["note_save_ms_p50"] = round(statistics.median(times), 1)
        out["note_save_ms_p95"] = round(times[int(len(times) * 0.95) - 1], 1)
        out["note_saves"] = len(times)
        return out
    finally:
        server.terminate()
        server.wait(timeout=20)
        Annotation.objects.filter(owner=user).delete()


if __name__ == "__main__":
    print(json.dumps(main()))
