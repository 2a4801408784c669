"""Action plans: a plan has sections, a section has numbered actions with lettered sub-actions.

Each action has a lead, a timescale, progress updates (newest first) and a RAG rating whose
every change is recorded in `RagChange`. Numbers ("1.2", "a)") are stored and kept in step with
the order by the services, so lists never compute them row by row.
"""
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Board, Organisation, Person
from core.concurrency import SavesOnlyChanges
from core.formats import date_and_time, plain_date


class Rag(models.TextChoices):
    """RAG ratings as the reference plan uses them. Always shown by word as well as colour."""

    NONE = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


RAG_MEANING = {
    Rag.NONE: "not yet rated",
    Rag.RED: "off track or not achieved",
    Rag.AMBER: "at risk or partly on track",
    Rag.GREEN: "on track",
    Rag.BLUE: "complete",
}


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans of the boards the user holds any role on; admins see every plan; the public none."""
        from boards.access import board_ids_for, is_admin

        if is_admin(user):
            return self
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(Q(board_id__in=board_ids_for(user)) | Q(owner=user))


class Plan(SavesOnlyChanges, models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(max_length=300)
    period = models.CharField(max_length=40, blank=True, help_text='For example "2012–14".')
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_plans",
        help_text="The plan owner can change every action in the plan, as the board's clerk can.",
    )
    partner_organisations = models.ManyToManyField(Organisation, blank=True, related_name="action_plans")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=[partner_organisations])
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["board", "title"]

    def __str__(self):
        return f"{self.title} {self.period}".strip()

    def get_absolute_url(self):
        return reverse("actions:plan_detail", args=[self.pk])


class Section(SavesOnlyChanges, models.Model):
    """A part of the plan with its responsibility statement (a heading and a paragraph)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=300, help_text='Without its number, e.g. "Prevention & Response".')
    numbered = models.BooleanField(
        default=True,
        help_text="Numbered sections (1, 2, …) number their actions 1.1, 1.2; an unnumbered section "
        '(such as "Overarching strategy and governance") letters them a), b).',
    )
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    responsibility_heading = models.CharField(max_length=300, blank=True)
    responsibility_text = models.TextField("responsibility statement", blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#section-{self.pk}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from boards.access import board_ids_for, is_admin

        if is_admin(user):
            return self
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(plan__board_id__in=board_ids_for(user)) | Q(plan__owner=user) | Q(lead_person__user=user)
            | Q(parent__lead_person__user=user)  # as the `actions.view_action` rule lets a parent's lead see it
        )

    def led_by(self, user):
        return self.filter(lead_person__user=user) if user.is_authenticated else self.none()


class Action(SavesOnlyChanges, models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_actions",
        help_text="Set for a lettered sub-action a)–e) of a numbered action.",
    )
    position = models.PositiveIntegerField(default=0)
    number = models.CharField(max_length=12, blank=True, editable=False, help_text='"1.2" or "a)".')
    reference = models.CharField(max_length=24, blank=True, editable=False, help_text='"1.2 a)" in full.')
    text = models.TextField("action")
    lead_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions", verbose_name="lead"
    )
    lead_group = models.CharField(max_length=200, blank=True, help_text='A group that leads, e.g. "CSECAG".')
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions",
        help_text="Leave blank to use the lead person's organisation.",
    )
    timescale_date = models.DateField(null=True, blank=True)
    timescale_text = models.CharField(max_length=100, blank=True, help_text='Words such as "Ongoing" or "Quarterly".')
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True, default=Rag.NONE)
    last_update_on = models.DateField(null=True, blank=True, editable=False)
    # PROTECT, not SET_NULL: where an action came from is part of the record. Confirmed minutes
    # cannot lose a resolution anyway; in draft minutes the clerk is told which actions cite the
    # resolution and unlinks them first, rather than the link vanishing without a trace.
    resolution = models.ForeignKey(
        "minutes.Resolution", null=True, blank=True, on_delete=models.PROTECT, related_name="actions",
        help_text="The board's resolution that created this action.",
    )
    resolution_reference = models.CharField(
        "resolution not recorded in Quorum", max_length=100, blank=True,
        help_text="Only for a decision made before the board's minutes were kept in Quorum, "
                  "e.g. “Minute 22, resolution (2), 15 July 2011”.",
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["last_update_on"])
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "section__position", "position", "pk"]
        indexes = [
            models.Index(fields=["plan", "section", "parent", "position"]),
            models.Index(fields=["lead_person", "status"]),
            models.Index(fields=["timescale_date"]),
        ]

    def __str__(self):
        first_line = self.text.splitlines()[0] if self.text else ""
        return f"{self.reference} {first_line}".strip()

    def get_absolute_url(self):
        return reverse("actions:action_detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.resolution_id and self.resolution_reference:
            raise ValidationError({"resolution_reference": "Choose the resolution from the list, or describe one "
                                                           "not recorded in Quorum, not both."})
        if self.resolution_id and self.plan_id:
            board_id = type(self.resolution).objects.filter(pk=self.resolution_id).values_list(
                "minute__meeting__board_id", flat=True).first()
            if board_id != self.plan.board_id:
                raise ValidationError({"resolution": "Choose a resolution of this plan's board."})

    # Lead and timescale as the plan prints them ---------------------------------------------
    @property
    def organisation(self):
        if self.lead_organisation_id:
            return self.lead_organisation
        if self.lead_person_id and self.lead_person.organisation_id:
            return self.lead_person.organisation
        return None

    @property
    def lead_display(self):
        """"DI Hillier, Notts Police", "CSECAG", "Training Working Group (Jo Williams, CityCare Partnership)"."""
        org = self.organisation
        org_name = (org.short_name or org.name) if org else ""
        person = ", ".join(x for x in (self.lead_person.full_name if self.lead_person_id else "", org_name) if x)
        if self.lead_group and self.lead_person_id:
            return f"{self.lead_group} ({person})"
        if self.lead_group:
            return f"{self.lead_group}, {org_name}" if org_name else self.lead_group
        return person

    @property
    def timescale_display(self):
        if self.timescale_date:
            return plain_date(self.timescale_date)
        return self.timescale_text

    # RAG rules: they suggest, people decide -------------------------------------------------
    @property
    def is_complete(self):
        return self.status == self.Status.COMPLETE

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.timescale_date and self.timescale_date < today and not self.is_complete)

    @property
    def suggested_red(self) -> bool:
        """Past its timescale date and not complete."""
        return self.is_overdue()

    def lacks_recent_update(self, next_meeting_date: datetime.date | None, days: int | None = None,
                            today: datetime.date | None = None) -> bool:
        """No update in the `days` before the board's next meeting (or before today, with none scheduled)."""
        if self.is_complete:
            return False
        days = settings.ACTIONS_NO_UPDATE_DAYS if days is None else days
        today = today or timezone.localdate()
        anchor = next_meeting_date if next_meeting_date and next_meeting_date >= today else today
        window_start = anchor - datetime.timedelta(days=days)
        return self.last_update_on is None or self.last_update_on < window_start


class StandingUpdateManager(models.Manager):
    """Entries that stand: a withdrawn entry stays on record (and in History) but is read nowhere else."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class ProgressUpdate(SavesOnlyChanges, models.Model):
    """A dated entry under "Progress to date". Shown newest first. `date` is when it happened (it
    may be back-dated); `created_at` when it was entered: both are kept."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_updates")
    date = models.DateField("date it happened", default=timezone.localdate)
    text = models.TextField("progress")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("entered", default=timezone.now)
    reason = models.CharField(max_length=255, blank=True, help_text="Why it was last corrected or withdrawn.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = StandingUpdateManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self):
        return f"{plain_date(self.date)} – {self.text[:60]}"


class RagChange(models.Model):
    """Who changed an action's RAG rating, when, from what to what, and why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="rag_changes")
    from_rag = models.CharField("from", max_length=10, choices=Rag.choices, blank=True)
    to_rag = models.CharField("to", max_length=10, choices=Rag.choices, blank=True)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["action", "-changed_at"])]

    def __str__(self):
        return f"{self.action.reference}: {self.get_from_rag_display()} → {self.get_to_rag_display()}"


class ReminderSent(models.Model):
    """One row per lead per day: the reminder task never sends a lead two reminders in a day."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="action_reminders")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    action_count = models.PositiveIntegerField(default=0)
    email = models.EmailField()
    actions = models.ManyToManyField("Action", blank=True, related_name="reminders",
                                     help_text="The actions the e-mail named.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["person", "sent_on"], name="one_action_reminder_per_day")]

    def __str__(self):
        return f"{self.person} – {plain_date(self.sent_on)}"


class PlanSnapshot(models.Model):
    """The plan frozen into rows (JSON) for a pack: later updates never change it."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="snapshots")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_snapshots"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    rows = models.JSONField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.plan} as at {date_and_time(self.created_at)}"

    def get_absolute_url(self):
        return reverse("actions:snapshot_detail", args=[self.pk])


class AgendaPlan(models.Model):
    """An agenda item that carries an action plan as its paper; snapshotted when the pack is published."""

    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.CASCADE, related_name="action_plan_paper")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="agenda_papers")

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.plan} for {self.agenda_item}"
