"""`manage.py queue_status`: how many tasks wait in each queue, the oldest work still pending
(packs queued or rendering, registered by the pack pipeline), and when a worker last reported.
Exit status 1 when no worker has reported within WORKER_HEARTBEAT_MAX_AGE, so it can serve as a
monitoring probe."""
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.formats import date_and_time
from core.operations import pending_work, queue_lengths, worker_heartbeat_latest, worker_heartbeat_max_age


class Command(BaseCommand):
    help = "Reports queue lengths, the oldest pending work and the last worker heartbeat."

    def handle(self, *args, **options):
        for name, length in queue_lengths().items():
            self.stdout.write(f"Queue {name}: {length} task{'' if length == 1 else 's'} waiting")
        work = pending_work()
        if work:
            oldest = work[0]
            waited = timezone.now() - oldest.since
            self.stdout.write(
                f"Pending work: {len(work)}; oldest: {oldest.kind} – {oldest.description}, waiting since "
                f"{date_and_time(oldest.since)} ({int(waited.total_seconds() // 60)} min)"
            )
        else:
            self.stdout.write("Pending work: none")
        heartbeat = worker_heartbeat_latest()
        if heartbeat is None:
            self.stdout.write("Worker: no worker has reported yet")
            raise SystemExit(1)
        age = timezone.now() - heartbeat.seen_at
        self.stdout.write(f"Worker: {heartbeat.hostname} reported {int(age.total_seconds())} s ago")
        if age > worker_heartbeat_max_age():
            raise SystemExit(1)
