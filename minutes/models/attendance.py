"""Who attended a meeting: members (present, apologies, absent, substituted) and others in attendance."""
from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from boards.models import Person
from meetings.models import Meeting

from .record import LockedWithMinutes


class Attendance(LockedWithMinutes):
    """One person's attendance at a meeting, including apologies sent in before it."""

    class Status(models.TextChoices):
        NOT_RECORDED = "not_recorded", "Not recorded"
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        SUBSTITUTED = "substituted", "Substituted"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    # Nobody is present until the clerk records it: a new row is "not recorded".
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_RECORDED)
    substitute = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="substitutions",
        verbose_name="substituted by",
    )
    apology_reason = models.CharField(
        max_length=200, blank=True, help_text='Optional, as the minutes print it: "on other Council business".'
    )
    apology_in_advance = models.BooleanField(
        "apologies sent before the meeting", default=False,
        help_text="Apologies sent in before the meeting are minuted even if the member later attends.",
    )
    from_minute = models.PositiveIntegerField(null=True, blank=True, help_text="Present from this minute.")
    to_minute = models.PositiveIntegerField(null=True, blank=True, help_text="Present until this minute.")
    position = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(table_name="meetings_historicalattendance")

    class Meta:
        db_table = "meetings_attendance"  # the table it had inside meetings/
        ordering = ["meeting", "position", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]
        verbose_name_plural = "attendance"

    def __str__(self):
        return f"{self.person} – {self.get_status_display()}"

    @property
    def partial_text(self):
        """'(minutes 22 to 24 inclusive)' for partial attendance."""
        if self.from_minute and self.to_minute:
            return f"(minutes {self.from_minute} to {self.to_minute} inclusive)"
        if self.from_minute:
            return f"(from minute {self.from_minute})"
        if self.to_minute:
            return f"(until minute {self.to_minute})"
        return ""


class OtherAttendee(LockedWithMinutes):
    """Colleagues, partners and others in attendance (officers, partners, observers)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="other_attendees")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=200, blank=True, help_text='e.g. "Observing", "Foster Carers".')
    organisation = models.CharField(max_length=200, blank=True, help_text='e.g. "Nottingham City Homes".')
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords(table_name="meetings_historicalotherattendee")

    class Meta:
        db_table = "meetings_otherattendee"  # the table it had inside meetings/
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.display

    @property
    def display(self):
        """'Councillor Rosemary Healy - Observing', 'Gill Moy - Nottingham City Homes'."""
        return " - ".join(p for p in (self.person.full_name, self.note, self.organisation) if p)
