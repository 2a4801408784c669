"""The minutes of a meeting as a document (MeetingMinutes), its statuses, and the lock every record
of confirmed minutes obeys."""
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Person
from core.concurrency import SavesOnlyChanges
from meetings.models import Meeting


class MinutesLocked(Exception):
    """Raised by the model layer when something tries to change confirmed (locked) minutes."""

    def __init__(self, message="These minutes have been confirmed as a correct record and are locked. "
                               "A correction must be recorded as a new decision at a later meeting."):
        super().__init__(message)
        self.message = message


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published as draft"
    CONFIRMED = "confirmed", "Confirmed"
    SIGNED = "signed", "Confirmed and signed"


LOCKED_STATUSES = (MinutesStatus.CONFIRMED, MinutesStatus.SIGNED)
PUBLIC_STATUSES = (MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED, MinutesStatus.SIGNED)


def meeting_minutes_locked(meeting_id) -> bool:
    return MeetingMinutes.objects.filter(meeting_id=meeting_id, status__in=LOCKED_STATUSES).exists()


class LockedWithMinutes(SavesOnlyChanges, models.Model):
    """A record that belongs to a meeting's minutes and is frozen once they are confirmed.

    `TRACKER_FIELDS` lists fields that may still change after confirmation (a resolution's owner
    and status are tracked long after its wording is fixed).
    """

    TRACKER_FIELDS: tuple = ()

    class Meta:
        abstract = True

    def lock_meeting_id(self):
        return self.meeting_id

    def is_locked(self) -> bool:
        meeting_id = self.lock_meeting_id()
        return meeting_id is not None and meeting_minutes_locked(meeting_id)

    def _locked_fields_changed(self) -> bool:
        stored = type(self)._base_manager.filter(pk=self.pk).values().first()
        if stored is None:
            return True
        for f in self._meta.concrete_fields:
            if f.attname in self.TRACKER_FIELDS or f.attname == "version" or f.primary_key:
                continue
            if stored[f.attname] != getattr(self, f.attname):
                return True
        return False

    def save(self, *args, **kwargs):
        if self.is_locked() and (self.pk is None or self._locked_fields_changed()):
            raise MinutesLocked()
        if self.pk is not None and not self._state.adding:
            # Moving a record out of locked minutes is an edit of those minutes too.
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.lock_meeting_id() != self.lock_meeting_id() and stored.is_locked():
                raise MinutesLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked():
            raise MinutesLocked()
        return super().delete(*args, **kwargs)


class MeetingMinutesQuerySet(models.QuerySet):
    def public(self):
        """The public's view: minutes published (as draft or confirmed) of a published meeting."""
        return self.filter(status__in=PUBLIC_STATUSES, meeting__agenda_published_at__isnull=False)


class MeetingMinutes(SavesOnlyChanges, models.Model):
    """The minutes of one meeting as a document: its lifecycle and numbering start."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes_record")
    status = models.CharField(max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    first_number = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Only for the first meeting recorded in Quorum: the number of its first minute. "
                  "Later meetings number on from the board's last minute.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="minutes_confirmed_here"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    frozen = models.JSONField(
        null=True, blank=True, editable=False,
        help_text="Everything the printed minutes show (heading, attendance, declarations, item numbers and "
                  "titles), frozen when they were confirmed: later edits to those records leave them as signed.",
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="meetings_historicalmeetingminutes")
    objects = MeetingMinutesQuerySet.as_manager()

    class Meta:
        db_table = "meetings_meetingminutes"  # the table it had inside meetings/
        verbose_name = "minutes of a meeting"
        verbose_name_plural = "minutes of meetings"

    def __str__(self):
        return f"Minutes of {self.meeting}"

    @property
    def is_locked(self):
        return self.status in LOCKED_STATUSES

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = MeetingMinutes.objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] in LOCKED_STATUSES:
                # Confirmed minutes may only go on to be signed; signed minutes never change.
                if not (stored["status"] == MinutesStatus.CONFIRMED and self.status == MinutesStatus.SIGNED):
                    raise MinutesLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise MinutesLocked()
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:minutes", args=[self.meeting_id])
