"""`/health/` tells an operator (or a load balancer) whether each part of Quorum works, and
`queue_status` reports queues, the oldest pending work and the last worker heartbeat."""
import datetime
import io
import json
import logging
import uuid

import pytest
from celery import current_app
from django.core.management import call_command
from kombu import Connection
from django.utils import timezone

from core.models import WorkerHeartbeat
from core.operations import PendingWork, register_pending_work, _pending_work_providers, worker_heartbeat_record
from tests.worker import output


def _status(client, **headers):
    response = client.get("/health/?format=json", **headers)
    return response.status_code, json.loads(response.content)


def _by_part(body):
    return {key.split("(")[0]: value for key, value in body.items()}


@pytest.mark.django_db
def test_every_part_works_once_a_worker_has_reported(client):
    worker_heartbeat_record(hostname="celery@web1")

    status, body = _status(client)

    assert status == 200
    assert _by_part(body) == {"Database": "OK", "Cache": "OK", "Storage": "OK", "Broker": "OK", "Worker": "OK"}


@pytest.mark.django_db
def test_no_worker_heartbeat_is_a_failure_that_names_the_worker(client):
    status, body = _status(client)

    assert status == 500
    parts = _by_part(body)
    assert parts["Worker"] == "Unavailable: No worker has reported yet"
    assert parts["Database"] == "OK"


@pytest.mark.django_db
def test_a_stale_heartbeat_says_when_the_worker_was_last_seen(client, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 120
    WorkerHeartbeat.objects.create(
        hostname="celery@old", seen_at=timezone.make_aware(datetime.datetime(2026, 11, 23, 15, 12)))

    status, body = _status(client)

    assert status == 500
    assert _by_part(body)["Worker"] == "Unavailable: No worker has reported since 23 November 2026 at 3.12pm"


@pytest.mark.django_db
def test_a_broker_that_does_not_answer_is_reported(client, monkeypatch):
    worker_heartbeat_record(hostname="celery@web1")
    monkeypatch.setattr(current_app, "connection_for_write", lambda: Connection("redis://127.0.0.1:1/0"))

    status, body = _status(client)

    assert status == 500
    assert _by_part(body)["Broker"] == "Unavailable: Broker unavailable"
    assert "127.0.0.1:1" not in json.dumps(body)


@pytest.mark.django_db
def test_people_get_a_readable_page_that_no_cache_keeps(client):
    worker_heartbeat_record(hostname="celery@web1")

    response = client.get("/health/", HTTP_ACCEPT="text/html")

    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>System status</h1>" in text
    assert "Every part of Quorum is working." in text
    assert ">Task worker</th>" in text and ">File storage</th>" in text
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_heartbeat_task_runs_every_half_minute_and_records_its_worker(settings):
    from core.tasks import record_worker_heartbeat

    assert settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"] == {
        "task": "core.tasks.record_worker_heartbeat", "schedule": 30.0}
    record_worker_heartbeat.apply(headers={"hostname": "celery@pack-1"})
    record_worker_heartbeat.apply()

    assert WorkerHeartbeat.objects.count() >= 1


@pytest.mark.django_db
def test_queue_status_lists_queues_the_oldest_pending_work_and_the_worker(capsys, settings):
    worker_heartbeat_record(hostname="celery@web1")
    since = timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0))

    def provider():
        return [PendingWork(kind="Pack", description="Members' pack – later", since=since + datetime.timedelta(hours=1)),
                PendingWork(kind="Pack", description="Public pack – 18 November 2013", since=since)]

    register_pending_work(provider)
    try:
        call_command("queue_status")
    finally:
        _pending_work_providers.remove(provider)

    out = capsys.readouterr().out
    assert f"Queue {settings.CELERY_TASK_DEFAULT_QUEUE}: " in out
    assert "Pending work: 2; oldest: Pack – Public pack – 18 November 2013, waiting since 23 November 2026 at 9.00am" in out
    assert "Worker: celery@web1 reported" in out


@pytest.mark.django_db
def test_queue_status_fails_as_a_probe_when_no_worker_reported():
    with pytest.raises(SystemExit) as exit_info:
        call_command("queue_status")
    assert exit_info.value.code == 1


@pytest.mark.django_db
def test_each_response_carries_a_request_id_and_keeps_a_valid_one_from_the_proxy(client):
    first = client.get("/accessibility/")["X-Request-ID"]
    second = client.get("/accessibility/")["X-Request-ID"]
    given = uuid.uuid4().hex
    kept = client.get("/accessibility/", HTTP_X_REQUEST_ID=given)["X-Request-ID"]
    refused = client.get("/accessibility/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]

    assert first and second and first != second
    assert kept == given
    assert refused != "<script>" and len(refused) == 32


@pytest.mark.django_db
def test_log_lines_carry_the_request_id(client):
    given = uuid.uuid4().hex
    handler = logging.getLogger().handlers[0]
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        client.get("/no-such-page-at-all/", HTTP_X_REQUEST_ID=given)
    finally:
        handler.setStream(old)

    err = stream.getvalue()
    assert f"[{given}] django.request: Not Found: /no-such-page-at-all/" in err


@pytest.mark.worker
def test_a_real_worker_makes_the_worker_part_healthy(worker, client):
    import time

    from core.tasks import record_worker_heartbeat

    assert _status(client)[0] == 500
    record_worker_heartbeat.apply_async(queue=worker["queue"])
    deadline = time.monotonic() + 60
    while not WorkerHeartbeat.objects.exists() and time.monotonic() < deadline:
        assert worker["process"].poll() is None, output(worker)
        time.sleep(0.5)
    status, body = _status(client)

    assert WorkerHeartbeat.objects.get().hostname.startswith(worker["name"] + "@")
    assert status == 200 and _by_part(body)["Worker"] == "OK"


@pytest.mark.django_db
def test_queue_status_names_a_pack_waiting_for_a_worker(capsys, board):
    from packs.models import Pack
    from tests.factories import MeetingFactory

    worker_heartbeat_record(hostname="celery@web1")
    meeting = MeetingFactory(board=board)
    Pack.objects.create(meeting=meeting, variant=Pack.Variant.PUBLIC, state=Pack.State.QUEUED,
                        requested_at=timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0)))

    call_command("queue_status")

    out = capsys.readouterr().out
    assert "Pending work: 1; oldest: Pack – Agenda pack (Public pack)" in out
    assert "waiting since 23 November 2026 at 9.00am" in out
