"""Officer reports on the council template, and their appendices."""
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Board, StrategicPriority
from core.concurrency import SavesOnlyChanges
from core.formats import plain_date
from core.sanitise import SanitisedHTMLField

from .agenda import AgendaItem, ExemptParagraph
from .templates import CITY_COUNCIL_HEADINGS, ReportTemplate


class ReportSection:
    """A numbered section of the report template: its number, model field and heading."""

    def __init__(self, number, field, heading):
        self.number, self.field, self.heading = number, field, heading


# The places a report has for its sections, in order. The headings a report prints come from its
# template (ReportTemplate, data); these are the city council's, used when no template exists.
REPORT_SECTIONS = [
    ReportSection(n, field, heading) for n, (field, heading) in enumerate(zip(
        ["background", "reasons", "other_options", "financial", "risk", "equality", "background_papers",
         "published_documents"], CITY_COUNCIL_HEADINGS), 1)
]


class ReportQuerySet(models.QuerySet):
    def public(self):
        """The public's view of reports: published with a published agenda, and not exempt."""
        return self.filter(
            status=Report.Status.PUBLISHED,
            agenda_item__meeting__agenda_published_at__isnull=False,
            agenda_item__is_exempt=False,
            is_exempt=False,
        )

    def visible_to(self, user):
        from boards.access import board_ids_for, clerk_board_ids_for

        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self
        member_boards = board_ids_for(user, roles="members")
        return self.filter(
            Q(pk__in=self.public().values("pk"))
            | Q(author=user)
            | Q(board_id__in=clerk_board_ids_for(user))
            | Q(board_id__in=member_boards, status__in=[Report.Status.APPROVED, Report.Status.PUBLISHED])
        )


class Report(SavesOnlyChanges, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reports")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    template = models.ForeignKey(
        ReportTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="reports",
        help_text="The council template whose section headings the report prints (the board's when it was written).")

    # Cover sheet
    title = models.CharField("title of paper", max_length=300)
    directors = models.TextField("director(s) / corporate director(s)", blank=True)
    wards_affected = models.CharField(max_length=200, blank=True, default="All")
    contact_officers = models.TextField("contact officer(s) and contact details", blank=True, help_text="One per line.")
    other_officers = models.TextField("other officers who have provided input", blank=True, help_text="One per line.")
    strategic_priorities = models.ManyToManyField(StrategicPriority, blank=True, related_name="reports")
    summary = models.TextField("summary of issues (including benefits to customers/service users)", blank=True)
    recommendations = models.TextField(blank=True, help_text="One recommendation per line; they are numbered in order.")

    # Sections: HTML sanitised on every save (core.sanitise); each paragraph is numbered n.1, n.2 when shown.
    background = SanitisedHTMLField(blank=True)
    reasons = SanitisedHTMLField(blank=True)
    other_options = SanitisedHTMLField(blank=True)
    financial = SanitisedHTMLField(blank=True)
    risk = SanitisedHTMLField(blank=True)
    equality = SanitisedHTMLField(blank=True)
    background_papers = SanitisedHTMLField(blank=True)
    published_documents = SanitisedHTMLField(blank=True)

    is_exempt = models.BooleanField("exempt", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(choices=ExemptParagraph.choices, null=True, blank=True)
    exempt_reason = models.TextField(blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField("reason for returning", blank=True,
                                     help_text="Why the clerk last returned the report to its author.")

    # A change reason (e.g. why a published report was withdrawn) is kept whole, however long.
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[strategic_priorities],
                                history_change_reason_field=models.TextField(null=True))
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["board", "status"]), models.Index(fields=["author", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:report", args=[self.pk])

    @property
    def exempt(self):
        return self.is_exempt or bool(self.agenda_item and self.agenda_item.is_exempt)

    @property
    def effective_exempt_paragraph(self):
        if self.is_exempt:
            return self.exempt_paragraph
        if self.agenda_item and self.agenda_item.is_exempt:
            return self.agenda_item.exempt_paragraph
        return None

    @property
    def recommendation_list(self):
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]

    @property
    def contact_officer_list(self):
        return [line.strip() for line in self.contact_officers.splitlines() if line.strip()]

    @property
    def other_officer_list(self):
        return [line.strip() for line in self.other_officers.splitlines() if line.strip()]

    def template_sections(self) -> list[ReportSection]:
        """The numbered sections of the report's template, each with the place its text is kept."""
        return self.template.sections() if self.template_id else REPORT_SECTIONS

    def sections(self):
        return [(s, getattr(self, s.field)) for s in self.template_sections()]


class ReportRevision(models.Model):
    """An edit made to a report after it was published: who, when, why, and which parts changed.

    A published report is a public record; it is never changed silently. The note is shown with the
    report to everyone who can read it, the person who made it on the report's History.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField("revision note")
    changed = models.JSONField("what changed", default=list, help_text="The names of the parts that changed.")
    version = models.PositiveIntegerField(help_text="The report's version after this revision.")

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"Revision of {self.report} on {plain_date(self.made_at)}"


# "Appendix A – ", "Appendix 2: ", "appendix b -" … typed by the author before the title: the
# letter is given by the appendix's position, so a typed one is dropped (repeatedly, for doubles).
_TYPED_APPENDIX_PREFIX = re.compile(r"^\s*appendix\s+(?:[a-z]{1,2}|\d{1,3})\s*(?:[–—:.\-]\s*|$)", re.IGNORECASE)


def clean_appendix_title(title: str) -> str:
    """The appendix's own title, without any "Appendix X –" the author typed before it."""
    title = (title or "").strip()
    while True:
        stripped = _TYPED_APPENDIX_PREFIX.sub("", title, count=1).strip()
        if stripped == title:
            return title
        title = stripped


def appendix_letter(n: int) -> str:
    """1 -> "A", 26 -> "Z", 27 -> "AA" (the appendix's letter by its place in the report)."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + letters
    return letters


def appendix_heading(n: int, title: str) -> str:
    """ "Appendix A – Multi Agency Guidance": the letter by position, the title never doubled."""
    title = clean_appendix_title(title)
    return f"Appendix {appendix_letter(n)} – {title}" if title else f"Appendix {appendix_letter(n)}"


def attachment_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class Attachment(models.Model):
    """An appendix to a report: PDF, DOCX or XLSX, checked by content on upload."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        XLSX = "xlsx", "Excel workbook"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=attachment_path)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    pdf_tagged = models.BooleanField(
        "tagged PDF", null=True, blank=True,
        help_text="For a PDF: whether it is tagged (has a structure a screen reader can follow). Empty for Word and Excel.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:attachment", args=[self.pk])

    @property
    def display_title(self) -> str:
        return clean_appendix_title(self.title)

    @property
    def not_accessible(self) -> bool:
        """A PDF without tags: flagged to the author and the clerk (the regulations expect tags)."""
        return self.kind == self.Kind.PDF and self.pdf_tagged is False


class ReportReminderSent(models.Model):
    """One row per report, author and day a "report due" reminder went out: never two the same day."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders_sent")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    email = models.EmailField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "author", "sent_on"], name="one_report_reminder_a_day")]

    def __str__(self):
        return f"Reminder for {self.report} on {self.sent_on}"
