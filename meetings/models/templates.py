"""A council's report template, kept as data: the numbered section headings its reports print.

Each board's reports use its template, or the default one. The Nottingham City Council template
(the reference report's eight headings) is the default; a council with another template (the
county's purpose, information and advice, other options …) is defined in the admin, without code.
A template has at most as many sections as a report has places for them (REPORT_SECTIONS).
"""
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from boards.models import Board

# The reference report's headings (000_…), exactly as printed.
CITY_COUNCIL_HEADINGS = [
    "BACKGROUND",
    "REASONS FOR RECOMMENDATIONS (INCLUDING OUTCOMES OF CONSULTATION)",
    "OTHER OPTIONS CONSIDERED IN MAKING RECOMMENDATIONS",
    "FINANCIAL IMPLICATIONS (INCLUDING VALUE FOR MONEY)",
    "RISK MANAGEMENT ISSUES (INCLUDING LEGAL IMPLICATIONS, CRIME AND DISORDER ACT IMPLICATIONS AND "
    "EQUALITY AND DIVERSITY IMPLICATIONS)",
    "EQUALITY IMPACT ASSESSMENTS (EIAs)",
    "LIST OF BACKGROUND PAPERS OTHER THAN PUBLISHED WORKS OR THOSE DISCLOSING CONFIDENTIAL OR EXEMPT INFORMATION",
    "PUBLISHED DOCUMENTS REFERRED TO IN COMPILING THIS REPORT",
]
# The county's report (001_…).
COUNTY_COUNCIL_HEADINGS = [
    "Purpose of the Report",
    "Information and Advice",
    "Other Options Considered",
    "Reason/s for Recommendation/s",
    "Statutory and Policy Implications",
    "RECOMMENDATION/S",
]


class ReportTemplate(models.Model):
    name = models.CharField(max_length=200, unique=True)
    board = models.OneToOneField(
        Board, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_template",
        help_text="The board whose new reports use this template. Leave empty on the default template.")
    is_default = models.BooleanField(default=False, help_text="Used by boards that have no template of their own.")
    headings = models.TextField(
        help_text="One section heading per line, in order, exactly as the report prints them; they are numbered "
                  "1, 2, 3 … (at most 8).")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True),
                                               name="one_default_report_template")]

    def __str__(self):
        return self.name

    @property
    def heading_list(self) -> list[str]:
        return [line.strip() for line in self.headings.splitlines() if line.strip()]

    def clean(self):
        from .reports import REPORT_SECTIONS

        count = len(self.heading_list)
        if not count:
            raise ValidationError({"headings": "Give at least one section heading."})
        if count > len(REPORT_SECTIONS):
            raise ValidationError({"headings": f"A report has room for {len(REPORT_SECTIONS)} sections; "
                                               f"this template lists {count}."})

    def sections(self):
        """The template's sections, each stored in the report's place for that number."""
        from .reports import REPORT_SECTIONS, ReportSection

        return [ReportSection(n, REPORT_SECTIONS[n - 1].field, heading)
                for n, heading in enumerate(self.heading_list[:len(REPORT_SECTIONS)], 1)]

    @classmethod
    def for_board(cls, board):
        """The board's own template, else the default one (None if neither exists)."""
        if board is not None:
            own = cls.objects.filter(board=board).first()
            if own:
                return own
        return cls.objects.filter(is_default=True).first()
