"""The few rows core keeps for itself: when a Celery worker last proved it is alive."""
from django.db import models


class WorkerHeartbeat(models.Model):
    """A worker ran the heartbeat task at `seen_at`: the broker, the beat and a worker all work.

    One row per worker host name, so a deployment with several worker machines shows each of them
    and `/health/` can say how long ago the freshest one answered.
    """

    hostname = models.CharField(max_length=255, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.hostname} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
