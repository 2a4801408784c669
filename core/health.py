"""`/health/`: is this deployment able to do its work? (django-health-check does the running.)

Database, cache and file storage are the package's own checks; the broker and the worker are
ours: the broker answers a connection, and some worker ran the heartbeat task that beat sends
every half minute (so beat, broker and a worker all work). A load balancer asks for JSON
(`Accept: application/json` or `?format=json`); people get a page. Failures say which part failed,
never why in detail: the reasons go to the log.
"""
import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from core.formats import date_and_time
from core.operations import worker_heartbeat_latest, worker_heartbeat_max_age


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (Redis, AMQP or the filesystem transport)."""

    timeout = datetime.timedelta(seconds=5)

    def run(self):
        from celery import current_app

        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
        except Exception as error:  # noqa: BLE001 - any failure to connect means no broker
            raise ServiceUnavailable("Broker unavailable") from error


@dataclasses.dataclass
class Worker(HealthCheck):
    """A Celery worker ran the heartbeat task recently (WORKER_HEARTBEAT_MAX_AGE seconds)."""

    async def run(self):
        # On the request's own thread and connection (asgiref's thread-sensitive default).
        heartbeat = await sync_to_async(worker_heartbeat_latest)()
        if heartbeat is None:
            raise ServiceUnavailable("No worker has reported yet")
        if timezone.now() - heartbeat.seen_at > worker_heartbeat_max_age():
            raise ServiceUnavailable(f"No worker has reported since {date_and_time(heartbeat.seen_at)}")


class HealthView(HealthCheckView):
    template_name = "core/health.html"
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        Broker,
        Worker,
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {"name": _NAMES.get(type(result.check).__name__, type(result.check).__name__),
             "error": str(result.error) if result.error else "",
             "milliseconds": round(result.time_taken * 1000)}
            for result in self.results
        ]
        return context


_NAMES = {"Database": "Database", "Cache": "Cache", "Storage": "File storage", "Broker": "Task broker",
          "Worker": "Task worker"}
