"""Attendance, declarations of interests, minutes and resolutions.

Minutes are numbered continuously across a board's meetings (they never restart). A meeting's
minutes go draft → published as draft → confirmed (at the next meeting) → signed; from
confirmation they are *locked*: every record that makes up the minutes (attendance, others in
attendance, declarations, minutes, points, resolution wording) refuses `save()` and `delete()`
in the model layer, so no path (view, form, admin, shell, API) can change them. A correction is a
new minute at a later meeting that links to the one it corrects.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Person
from core.formats import plain_date

from .agenda import AgendaItem, Meeting


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


class LockedWithMinutes(models.Model):
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


class MeetingMinutes(models.Model):
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

    history = HistoricalRecords()
    objects = MeetingMinutesQuerySet.as_manager()

    class Meta:
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

    history = HistoricalRecords()

    class Meta:
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.display

    @property
    def display(self):
        """'Councillor Rosemary Healy - Observing', 'Gill Moy - Nottingham City Homes'."""
        return " - ".join(p for p in (self.person.full_name, self.note, self.organisation) if p)


class InterestKind(models.TextChoices):
    DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
    NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
    NOT_REQUIRED = "not_required", "Not required to declare, but informed the board"


class Interest(models.Model):
    """An entry on a member's register of interests (Localism Act 2011)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField(max_length=20, choices=InterestKind.choices[:3], default=InterestKind.OTHER_REGISTRABLE)
    description = models.TextField()
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-registered_on", "pk"]
        verbose_name = "register of interests entry"
        verbose_name_plural = "register of interests entries"

    def __str__(self):
        return f"{self.person}: {self.description[:60]}"


class Declaration(LockedWithMinutes):
    """A member's declaration of an interest in an agenda item at a meeting."""

    class Action(models.TextChoices):
        LEFT_ROOM = "left_room", "Left the room during the item"
        STAYED_SILENT = "stayed_silent", "Stayed in the room but did not speak or vote"
        TOOK_PART = "took_part", "Took part in the item"

    ACTION_PHRASES = {
        Action.LEFT_ROOM: "left the room during this item",
        Action.STAYED_SILENT: "remained in the room but did not comment or vote during this item",
        Action.TOOK_PART: "took part in the discussion and vote on this item",
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations", verbose_name="member")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    text = models.TextField(
        "the interest", help_text='In the member\'s words, e.g. "he had a close friend who was part of the Fostering Network".'
    )
    action = models.CharField("what the member did", max_length=20, choices=Action.choices)
    interest = models.ForeignKey(
        Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="declarations",
        verbose_name="entry on the register",
    )
    took_part_confirmed = models.BooleanField(
        "confirmed: took part despite a disclosable pecuniary interest", default=False,
        help_text="A member with a disclosable pecuniary interest must not take part unless a dispensation allows "
                  "it (Localism Act 2011, ss31 and 33). Tick only if that is what happened; the minutes flag it.",
    )
    # What the minutes record, when the clerk wrote it out (the reference's "informed the Committee
    # that, with regard to agenda item 4, (minute 24) ..."): printed as it stands, never rewritten
    # from the other fields.
    wording = models.TextField(
        "as minuted", blank=True,
        help_text="The sentence the minutes record, if it should read otherwise than the one written from the declaration.")
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agenda_item__position", "pk"]

    def __str__(self):
        return f"{self.person} on item {self.agenda_item.number}"


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

    history = HistoricalRecords()

    class Meta:
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "parent_id", "order", "pk"]

    def __str__(self):
        return self.text[:60]

    def lock_meeting_id(self):
        return Minute.objects.filter(pk=self.minute_id).values_list("meeting_id", flat=True).first()


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

    history = HistoricalRecords()
    objects = ResolutionQuerySet.as_manager()

    class Meta:
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "date", "pk"]

    def __str__(self):
        return f"{plain_date(self.date)}: {self.text[:60]}"
