"""The Celery app as the worker test runs it: unacknowledged messages come back after 3 seconds
instead of an hour, so a worker restarted after a kill picks its task up during the test."""
from quorum.celery import app

app.conf.broker_transport_options = {"visibility_timeout": 3}

__all__ = ["app"]
