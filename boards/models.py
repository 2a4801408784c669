"""Organisations, people, boards and who sits on them in which role."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.concurrency import SavesOnlyChanges


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(SavesOnlyChanges, models.Model):
    """Someone named in the papers: a councillor, an officer, a partner, a foster carer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    honorific = models.CharField(max_length=40, blank=True, help_text='For example "Councillor" or "DI".')
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.EmailField(blank=True)
    phone = models.CharField("direct dial", max_length=40, blank=True)
    invited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last invitation to sign in was sent; a newer one voids older links."
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(p for p in (self.honorific, self.first_name, self.last_name) if p)


class Board(SavesOnlyChanges, models.Model):
    council_name = models.CharField(max_length=200, default="Nottingham City Council")
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    terms_of_reference = models.TextField(blank=True)
    clerk = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="clerk_of",
        help_text="Named on the agenda front sheet with the direct dial.",
    )
    clerk_title = models.CharField(max_length=100, default="Constitutional Services Officer")
    summoning_officer = models.CharField(
        max_length=200, blank=True, default="Deputy Chief Executive/Corporate Director for Resources",
        help_text="Signs the summons on the front sheet.",
    )
    default_venue = models.CharField(max_length=255, blank=True)
    default_start_time = models.TimeField(null=True, blank=True)
    report_heading = models.CharField(
        max_length=200, blank=True, help_text='Heads each report, e.g. "CORPORATE PARENTING BOARD REPORT".'
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board_detail", args=[self.slug])


class StrategicPriority(models.Model):
    """An entry of the council plan that a report ticks on its cover sheet."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="strategic_priorities")
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["board", "position", "name"]
        verbose_name_plural = "strategic priorities"
        constraints = [models.UniqueConstraint(fields=["board", "name"], name="unique_priority_per_board")]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's role on one board. Roles are per board."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"
        CO_OPTED = "co_opted", "Co-opted member"
        SUBSTITUTE = "substitute", "Substitute"
        OFFICER = "officer", "Officer or partner"
        OBSERVER = "observer", "Observer"
        CLERK = "clerk", "Clerk"
        PERFORMANCE_LEAD = "performance_lead", "Performance lead"

    MEMBER_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED, Role.SUBSTITUTE)

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    attendance_note = models.CharField(
        max_length=200, blank=True, help_text='How the papers describe them, e.g. "Foster Carers", "Observing".'
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "position", "person__last_name"]
        indexes = [models.Index(fields=["board", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "person", "role"], condition=models.Q(end_date__isnull=True),
                name="unique_current_role_per_person_board",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} of {self.board}"

    @property
    def display_name(self):
        """As the minutes print it: "Councillor David Mellen (Chair)"."""
        if self.role in (self.Role.CHAIR, self.Role.VICE_CHAIR):
            return f"{self.person.full_name} ({self.get_role_display()})"
        return self.person.full_name
