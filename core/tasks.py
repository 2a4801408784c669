"""Tasks every deployment runs, whatever its boards: the worker heartbeat."""
from celery import shared_task


@shared_task(name="core.tasks.record_worker_heartbeat", ignore_result=True)
def record_worker_heartbeat() -> None:
    """Beat sends this every half minute; the worker that runs it records that it is alive."""
    from core.operations import worker_heartbeat_record

    worker_heartbeat_record(hostname=record_worker_heartbeat.request.hostname or "worker")
