"""What an engineer running Quorum needs to know about its moving parts: worker heartbeats,
queue lengths and the oldest piece of work still waiting.

Higher apps register what "pending work" means for them (the pack pipeline registers packs that
are queued or rendering) with `register_pending_work` in their `AppConfig.ready()`; core never
imports them.
"""
from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone

from core.models import WorkerHeartbeat


@dataclasses.dataclass(frozen=True)
class PendingWork:
    """One piece of work waiting for a worker: what it is and since when."""

    kind: str
    description: str
    since: datetime.datetime


_pending_work_providers: list[Callable[[], Iterable[PendingWork]]] = []


def register_pending_work(provider: Callable[[], Iterable[PendingWork]]) -> None:
    """Let an app say which of its rows are waiting for a worker (called from AppConfig.ready)."""
    if provider not in _pending_work_providers:
        _pending_work_providers.append(provider)


def pending_work() -> list[PendingWork]:
    """Everything waiting for a worker, oldest first."""
    items = [item for provider in _pending_work_providers for item in provider()]
    return sorted(items, key=lambda item: item.since)


def worker_heartbeat_record(*, hostname: str) -> WorkerHeartbeat:
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname[:255], defaults={"seen_at": timezone.now()}
    )
    return heartbeat


def worker_heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def worker_heartbeat_max_age() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)


def queue_lengths() -> dict[str, int]:
    """Messages waiting in each queue the workers consume, read from the broker itself."""
    from celery import current_app as app  # the project's app (quorum/__init__ loads it)

    names = {settings.CELERY_TASK_DEFAULT_QUEUE}
    for queue in app.conf.task_queues or ():
        names.add(queue.name)
    lengths = {}
    with app.connection_for_read() as connection:
        channel = connection.default_channel
        for name in sorted(names):
            try:
                lengths[name] = channel.queue_declare(queue=name, passive=True).message_count
            except Exception:  # noqa: BLE001 - a queue no worker has declared yet holds nothing
                channel = connection.channel()
                lengths[name] = 0
    return lengths
