"""Meetings and their agenda items."""
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Board
from core.concurrency import SavesOnlyChanges


class ExemptParagraph(models.IntegerChoices):
    """Local Government Act 1972, Schedule 12A, Part 1."""

    INDIVIDUAL = 1, "Information relating to any individual"
    IDENTITY = 2, "Information which is likely to reveal the identity of an individual"
    FINANCIAL = 3, "Information relating to the financial or business affairs of any particular person (including the authority holding that information)"
    LABOUR = 4, "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter"
    LEGAL = 5, "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings"
    NOTICES = 6, "Information which reveals that the authority proposes to give a notice, or make an order or direction"
    CRIME = 7, "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime"


class PaperStatus(models.TextChoices):
    ATTACHED = "attached", "Attached"
    TO_FOLLOW = "to_follow", "To follow"
    AT_MEETING = "at_meeting", "Available at the meeting"
    NONE = "", "None"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(agenda_published_at__isnull=False)

    def visible_to(self, user):
        """Meetings the user may see: the public sees published agendas; board people see theirs."""
        from boards.access import board_ids_for

        if user.is_authenticated and user.is_superuser:
            return self
        qs = Q(agenda_published_at__isnull=False)
        if user.is_authenticated:
            qs |= Q(board_id__in=board_ids_for(user))
        return self.filter(qs)


class Meeting(SavesOnlyChanges, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
        MINUTES_CONFIRMED = "minutes_confirmed", "Minutes confirmed"
        SIGNED = "signed", "Minutes signed"
        CANCELLED = "cancelled", "Cancelled"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    agenda_notice_sent_at = models.DateTimeField(null=True, blank=True)
    urgency_reason = models.TextField(
        blank=True, help_text="The Chair's reason for publishing after the five-clear-day deadline."
    )
    cancelled_reason = models.TextField(blank=True)
    # Set when the date, time or venue changes after the agenda is published: what it was before.
    rescheduled_at = models.DateTimeField(null=True, blank=True)
    rescheduled_from_date = models.DateField(null=True, blank=True)
    rescheduled_from_time = models.TimeField(null=True, blank=True)
    rescheduled_from_venue = models.CharField(max_length=255, blank=True)
    reschedule_notice_sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["board", "date"]), models.Index(fields=["agenda_published_at"])]

    def __str__(self):
        from core.formats import long_date

        return f"{self.board.name}, {long_date(self.date)}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_published(self):
        return self.agenda_published_at is not None

    def previous_meeting(self):
        return (
            Meeting.objects.filter(board_id=self.board_id, date__lt=self.date)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-date", "-start_time")
            .first()
        )


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        return self.filter(meeting__agenda_published_at__isnull=False)


class AgendaItem(SavesOnlyChanges, models.Model):
    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies for absence"
        DECLARATIONS = "declarations", "Declarations of interests"
        MINUTES = "minutes", "Minutes"
        BUSINESS = "business", "Business"
        EXCLUSION = "exclusion", "Exclusion of the public"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BUSINESS)
    title = models.CharField(max_length=300)
    description = models.CharField(
        max_length=300, blank=True,
        help_text='A line under the title, e.g. "Last meeting held on 23 September 2013 (for confirmation)".',
    )
    presenter = models.CharField(max_length=300, blank=True, help_text='e.g. "Report of Director of Safeguarding".')
    paper_status = models.CharField(max_length=20, choices=PaperStatus.choices, blank=True, default="")
    is_exempt = models.BooleanField("exempt", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(choices=ExemptParagraph.choices, null=True, blank=True)
    exempt_reason = models.TextField(blank=True, help_text="Why the public interest in keeping it exempt outweighs disclosure.")
    # The clerk chooses the item whose paper is the "Response to Resolutions" due back at this
    # meeting (in the reference, the RISE update); it is filed there in the pack and nowhere else.
    carries_response_paper = models.BooleanField(
        "its paper is the response to resolutions", default=False,
        help_text="The pack files the “Response to Resolutions” paper for this meeting under this item.")
    response_introduction = models.TextField(
        "introduction to the response paper", blank=True,
        help_text='Printed under the paper\'s heading, e.g. "Jamie Shrivastava presented 4 recommendations to the '
                  'board on 15 July 2013."')
    # The date by which the item's report is due to the clerk; its author is reminded by e-mail
    # from a few days before (settings.REPORT_DUE_REMINDER_DAYS) and daily once it is overdue.
    report_due = models.DateField(
        "report due by", null=True, blank=True,
        help_text="The author is reminded by e-mail until the report is submitted.")
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="exempt_item_has_paragraph",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self):
        """Items are numbered from 1 in their order; positions are kept contiguous by the services."""
        return self.position

    def get_absolute_url(self):
        return reverse("meetings:item", args=[self.pk])
