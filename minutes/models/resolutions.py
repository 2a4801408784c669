"""Resolutions (RESOLVED blocks), tracked after the meeting, and the responses to them."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Person
from core.formats import plain_date
from meetings.models import Meeting

from .minutes import Minute
from .record import LockedWithMinutes, MeetingMinutes


class ResolutionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS])


class Resolution(LockedWithMinutes):
    """A decision in a minute's RESOLVED block, tracked until it is done.

    Top-level resolutions are numbered (1), (2) … when there is more than one; sub-resolutions
    (i), (ii) …. Numbers follow `order`. The wording is locked with the minutes; the tracker
    fields (owner, due meeting, status) are not.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        SUPERSEDED = "superseded", "Superseded"

    TRACKER_FIELDS = ("owner_id", "due_meeting_id", "status")

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(help_text='Starting lower case after "RESOLVED", e.g. "to note the report".')
    confirms = models.ForeignKey(
        MeetingMinutes, null=True, blank=True, on_delete=models.PROTECT, related_name="confirmation_resolutions",
        help_text="For the minutes item: the minutes this resolution confirmed.",
    )
    # A person, not a log-in: a partner who answers for a resolution need not use Quorum.
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_resolutions")
    due_meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions_due")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="meetings_historicalresolution")
    objects = ResolutionQuerySet.as_manager()

    class Meta:
        db_table = "meetings_resolution"  # the table it had inside meetings/
        ordering = ["minute", "parent_id", "order", "pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.text[:80]

    def lock_meeting_id(self):
        return Minute.objects.filter(pk=self.minute_id).values_list("meeting_id", flat=True).first()

    def get_absolute_url(self):
        return reverse("meetings:resolution", args=[self.pk])


class ResolutionResponse(models.Model):
    """A dated account of the action taken on a resolution since it was made."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="responses")
    date = models.DateField()
    text = models.TextField("action taken")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="meetings_historicalresolutionresponse")

    class Meta:
        db_table = "meetings_resolutionresponse"  # the table it had inside meetings/
        ordering = ["resolution", "date", "pk"]

    def __str__(self):
        return f"{plain_date(self.date)}: {self.text[:60]}"
