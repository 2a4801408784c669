"""What the public side keeps of its own: the edition counter its cache keys hang on, each meeting's
calendar SEQUENCE, and members' secret calendar addresses."""
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class PublicEdition(models.Model):
    """One row: bumped (in any process, web or Celery worker) whenever something a public page shows
    changes. Cached public pages are keyed by it, so a bump makes every one of them stale at once."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Edition {self.number}"


class CalendarEntry(models.Model):
    """A meeting as calendars know it (RFC 5545): SEQUENCE goes up each time what an event says
    changes (date, time, venue, status, board), and `changed_at` is its DTSTAMP/LAST-MODIFIED."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE, related_name="calendar_entry")
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "calendar entries"

    def __str__(self):
        return f"{self.meeting_id} (sequence {self.sequence})"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PersonalCalendar(models.Model):
    """A member's personal calendar address: the token is the only key, so it can be reset."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_calendar")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Personal calendar of {self.user}"
