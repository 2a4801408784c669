"""A busy clerk on one database: clicks that arrive together, fired from threads with a database
connection each, through the whole request stack, while a real Celery worker renders the packs.

Used by tests/test_busy_clerk.py against PostgreSQL (in the pytest process) and against the
embedded default, SQLite in a file with the kombu filesystem broker (in a subprocess with nothing
set: `python -m tests.busy_clerk <var dir>` prints the figures as JSON).

The figures: server errors (any 5xx or exception), lost writes (points asked for that are not
there, or not lettered one after another; an agenda publication recorded more than once) and
failed renders (a pack left "failed").
"""
import datetime
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POINTS_AT_ONCE = 12
PACK_CLICKS = 5
AGENDA_CLICKS = 2


def fire(clients, request) -> list:
    """Send `request(client, n)` from one thread per client, all released at the same moment.

    Returns each thread's status code, or the exception it raised.
    """
    from django.db import connection

    barrier = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def run(n, client):
        try:
            barrier.wait()
            results[n] = request(client, n).status_code
        except Exception as exc:  # noqa: BLE001 - counted as a server error
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def server_errors(results) -> int:
    return sum(1 for r in results if not isinstance(r, int) or r >= 500)


def set_up():
    """A board with its clerk, last meeting's draft minutes, and an unpublished meeting with papers."""
    from boards.models import Membership
    from meetings.models import Meeting

    from tests.factories import BoardFactory, user_with_role
    from tests.minutes.factories import drafted
    from tests.packs.factories import pack_meeting

    board = BoardFactory(name="Corporate Parenting Board", slug="corporate-parenting-board")
    clerk = user_with_role(board, Membership.Role.CLERK, "clerk")
    board.clerk = clerk.person
    board.save()
    last = drafted(board, datetime.date(2030, 9, 23), clerk, first_number=1)
    meeting = pack_meeting(board, published=False)
    assert not Meeting.objects.get(pk=meeting.pk).is_published
    minute = last.minutes.order_by("position").last()
    return clerk, meeting, minute


def clients_for(user, count):
    from django.test import Client

    clients = []
    for _ in range(count):
        client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
        client.force_login(user)
        clients.append(client)
    return clients


def settle(meeting, timeout=300):
    """Wait until every pack of the meeting has satisfied its last request (ready or failed)."""
    from packs.models import Pack

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        packs = list(Pack.objects.filter(meeting=meeting))
        if packs and all(p.built >= p.requested and p.state in (Pack.State.READY, Pack.State.FAILED) for p in packs):
            return packs
        time.sleep(0.2)
    raise AssertionError("the packs did not finish rendering: "
                         + ", ".join(f"{p.variant} {p.state} {p.built}/{p.requested}" for p in packs))


def run(worker_running=None) -> dict:
    """Fire the clicks and return the figures. `worker_running` is a context manager that runs a
    Celery worker for the duration (the packs render while the points are being added)."""
    from django.urls import reverse

    from meetings.models import Meeting
    from minutes.models import MinutePoint
    from packs.models import Pack

    clerk, meeting, minute = set_up()
    figures = {"server_errors": 0, "lost_writes": 0, "failed_renders": 0, "requests": 0}
    notes = []

    def count(results, what):
        figures["requests"] += len(results)
        errors = server_errors(results)
        figures["server_errors"] += errors
        if errors or any(r != 302 for r in results):
            notes.append(f"{what}: {[r if isinstance(r, int) else repr(r)[:200] for r in results]}")

    # Double-clicking Publish agenda: published once, at one time, with nothing refused.
    publish = reverse("meetings:publish", args=[meeting.pk])
    count(fire(clients_for(clerk, AGENDA_CLICKS), lambda c, n: c.post(publish, {})), "publish agenda")
    published = Meeting.objects.get(pk=meeting.pk)
    stamps = set(published.history.exclude(agenda_published_at=None).values_list("agenda_published_at", flat=True))
    if not published.is_published:
        figures["lost_writes"] += 1
        notes.append("the agenda was not published")
    if len(stamps) > 1:
        figures["lost_writes"] += len(stamps) - 1
        notes.append(f"the agenda's publication time was overwritten: {len(stamps)} different times recorded")

    # Pressing Publish pack five times at once: one request per pack, nothing refused.
    pack_url = reverse("meetings:pack_publish", args=[meeting.pk])
    count(fire(clients_for(clerk, PACK_CLICKS), lambda c, n: c.post(pack_url, {})), "publish pack")
    packs = list(Pack.objects.filter(meeting=meeting))
    figures["pack_requests"] = {p.variant: p.requested for p in packs}

    # Twelve point additions to one minute at once, round after round while the packs render.
    add = reverse("meetings:point_add", args=[minute.pk])
    asked = []
    rounds = 0

    def add_points():
        nonlocal rounds
        rounds += 1
        texts = [f"Round {rounds} point {n + 1}" for n in range(POINTS_AT_ONCE)]
        asked.extend(texts)
        count(fire(clients_for(clerk, POINTS_AT_ONCE),
                   lambda c, n: c.post(add, {"point-text": texts[n], "point-lead_in": ""})), "add points")

    if worker_running is None:
        add_points()
    else:
        with worker_running():
            add_points()
            while any(p.busy for p in Pack.objects.filter(meeting=meeting)) and rounds < 20:
                add_points()
            packs = settle(meeting)
            figures["failed_renders"] = sum(1 for p in packs if p.state == Pack.State.FAILED)
            notes.extend(f"{p.variant} pack failed: {p.failed_paper} {p.error}"[:300]
                         for p in packs if p.state == Pack.State.FAILED)
            figures["pack_versions"] = {p.variant: p.versions.count() for p in packs}
    figures["point_rounds"] = rounds

    stored = list(MinutePoint.objects.filter(minute=minute, parent=None).order_by("order", "pk")
                  .values_list("text", "order"))
    missing = set(asked) - {text for text, _ in stored}
    figures["lost_writes"] += len(missing)
    if missing:
        notes.append(f"{len(missing)} of {len(asked)} points lost")
    orders = [order for _, order in stored]
    if orders != list(range(1, len(stored) + 1)):
        figures["lost_writes"] += 1
        notes.append(f"points not lettered one after another: orders {orders}")
    figures["points_asked"], figures["points_stored"] = len(asked), len(stored)
    figures["notes"] = notes
    return figures


def locked_render(worker_running, database: str, log: Path, hold_seconds: float = 8) -> dict:
    """Another connection holds SQLite's write lock for longer than the busy timeout while the
    pack renders: the render must wait and go on, not fail."""
    import sqlite3

    from django.urls import reverse

    from packs.models import Pack

    clerk, meeting, _ = set_up()
    client = clients_for(clerk, 1)[0]
    statuses = [client.post(reverse("meetings:publish", args=[meeting.pk]), {}).status_code,
                client.post(reverse("meetings:pack_publish", args=[meeting.pk]), {}).status_code]
    with worker_running():
        deadline = time.monotonic() + 120
        while not Pack.objects.filter(meeting=meeting, state=Pack.State.RENDERING).exists():
            assert time.monotonic() < deadline, "the render never started"
            time.sleep(0.01)
        holder = sqlite3.connect(database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        time.sleep(hold_seconds)
        holder.execute("ROLLBACK")
        holder.close()
        packs = settle(meeting)
    return {
        "statuses": statuses,
        "failed_renders": sum(1 for p in packs if p.state == Pack.State.FAILED),
        "errors": [f"{p.variant}: {p.error}" for p in packs if p.error],
        "pack_versions": {p.variant: p.versions.count() for p in packs},
        "render_retries": log.read_text(errors="replace").count("retry: Retry in"),
    }


def main(var_dir: str, mode: str) -> None:
    """The embedded default: SQLite in var_dir, the filesystem broker, a worker as `make run` starts it."""
    import contextlib

    import django

    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["QUORUM_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "quorum.settings"
    if mode == "--locked-render":
        os.environ["SQLITE_BUSY_TIMEOUT"] = "1"  # shorter than the lock is held
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.worker import start_worker, stop_worker

    assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    @contextlib.contextmanager
    def worker_running():
        with open(Path(var_dir) / "worker.log", "wb") as log:
            worker = start_worker(settings.CELERY_TASK_DEFAULT_QUEUE, log=log, concurrency=2,
                                  cwd=Path(var_dir))  # the filesystem broker's control files stay there
            try:
                yield
            finally:
                stop_worker(worker)

    if mode == "--locked-render":
        figures = locked_render(worker_running, settings.DATABASES["default"]["NAME"], Path(var_dir) / "worker.log")
    else:
        figures = run(worker_running if mode == "--worker" else None)
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
