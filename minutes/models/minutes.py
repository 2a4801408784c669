"""Minutes and their lettered points and sub-points."""
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Meeting

from .record import LockedWithMinutes


class Minute(LockedWithMinutes):
    """One numbered minute. The number never restarts across a board's meetings."""

    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies for absence (written from the attendance record)"
        DECLARATIONS = "declarations", "Declarations of interests (written from the declarations)"
        MINUTES = "minutes", "Minutes of the last meeting"
        BUSINESS = "business", "Business"
        NEXT_MEETING = "next_meeting", "Date of next meeting (written from the next meeting)"
        CORRECTION = "correction", "Correction of earlier minutes"

    class ResolutionStyle(models.TextChoices):
        RESOLVED = "resolved", "RESOLVED …"
        BOARD = "board", "The Board … (a recorded decision in narrative form)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BUSINESS)
    number = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    narrative = models.TextField(blank=True, help_text="Paragraphs before the lettered points; a blank line between paragraphs.")
    closing = models.TextField(blank=True, help_text="Paragraphs after the lettered points, before the resolutions.")
    resolution_style = models.CharField(max_length=10, choices=ResolutionStyle.choices, default=ResolutionStyle.RESOLVED)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
        help_text="For a correction: the confirmed minute it corrects.",
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="meetings_historicalminute")

    class Meta:
        db_table = "meetings_minute"  # the table it had inside meetings/
        ordering = ["meeting", "position", "number"]
        indexes = [models.Index(fields=["meeting", "number"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:minute_edit", args=[self.pk])

    @property
    def paragraphs(self):
        return [p.strip() for p in self.narrative.split("\n\n") if p.strip()]

    @property
    def closing_paragraphs(self):
        return [p.strip() for p in self.closing.split("\n\n") if p.strip()]


class MinutePoint(LockedWithMinutes):
    """A lettered point (a), (b) … of a minute, or a sub-point (i), (ii) … of a point.

    Letters and numerals follow `order` and are never stored.
    """

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="points")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField(default=0)
    lead_in = models.CharField(
        max_length=300, blank=True,
        help_text='A line printed before this point, e.g. "The following points were highlighted:".',
    )
    text = models.TextField()
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="meetings_historicalminutepoint")

    class Meta:
        db_table = "meetings_minutepoint"  # the table it had inside meetings/
        ordering = ["minute", "parent_id", "order", "pk"]

    def __str__(self):
        return self.text[:60]

    def lock_meeting_id(self):
        return Minute.objects.filter(pk=self.minute_id).values_list("meeting_id", flat=True).first()
