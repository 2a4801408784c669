"""Indicators, their period values, targets, comparators, and frozen performance reports."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from simple_history.models import HistoricalRecords

from boards.models import Board, Person
from core.concurrency import SavesOnlyChanges
from core.formats import plain_date
from performance import periods


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        """The public's view: indicators that at least one board follows (values suppressed)."""
        return self.filter(pk__in=Indicator.boards.through.objects.values("indicator_id"))

    def visible_to(self, user):
        if user.is_authenticated and user.is_superuser:
            return self
        return self.public()

    def followed_by(self, board):
        return self.filter(boards=board)


class Indicator(SavesOnlyChanges, models.Model):
    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENTAGE = "percentage", "Percentage"
        RATE_10K = "rate_10k", "Rate per 10,000"
        DAYS = "days", "Days"
        WEEKS = "weeks", "Weeks"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NEITHER = "neither", "Neither (context only)"

    class Frequency(models.TextChoices):
        MONTHLY = periods.MONTHLY, "Monthly"
        QUARTERLY = periods.QUARTERLY, "Quarterly"
        ANNUAL = periods.ANNUAL, "Annual"

    class YearBasis(models.TextChoices):
        FINANCIAL = periods.FINANCIAL, "Financial year (April to March)"
        ACADEMIC = periods.ACADEMIC, "Academic year (September to August)"

    class RagBasis(models.TextChoices):
        TARGET = "target", "Against each period's target, with a tolerance for Amber"
        THRESHOLDS = "thresholds", "Against fixed thresholds"
        NONE = "none", "No RAG rating"

    code = models.CharField(max_length=30, unique=True, help_text='Short reference, e.g. "OC2" or "A1".')
    title = models.CharField(max_length=255)
    definition = models.TextField(help_text="What is counted, for whom, over what period.")
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.PERCENTAGE)
    decimal_places = models.PositiveSmallIntegerField(default=1, help_text="How many decimal places the papers print.")
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.HIGHER)
    numerator_label = models.CharField(max_length=255, blank=True, help_text="What the numerator counts (percentages, rates and counts).")
    denominator_label = models.CharField(max_length=255, blank=True, help_text="What the denominator counts (percentages and rates).")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    year_basis = models.CharField(max_length=10, choices=YearBasis.choices, default=YearBasis.FINANCIAL)
    source = models.CharField(max_length=120, help_text='A statutory return such as "OC2" or a local system.')
    reporting_lag = models.PositiveSmallIntegerField(
        default=1, help_text="Periods in arrears: 1 is the last completed period, 2 is “two quarters in arrears”."
    )
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators_owned")
    boards = models.ManyToManyField(Board, blank=True, related_name="indicators", help_text="Boards that follow this indicator.")
    responsible_officers = models.ManyToManyField(
        Person, blank=True, related_name="indicators_entered",
        help_text="The officers who may enter and correct its values (besides the clerk and the performance lead).",
    )
    rag_basis = models.CharField(max_length=10, choices=RagBasis.choices, default=RagBasis.TARGET)
    amber_tolerance_percent = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal("5"),
        help_text="Against a target: Amber when the value misses the target by no more than this percentage of it.",
    )
    green_threshold = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True,
        help_text="Fixed thresholds: Green when the value is at least (or, lower is better, at most) this.",
    )
    amber_threshold = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True,
        help_text="Fixed thresholds: Amber up to this; beyond it Red. Leave blank for Green or Red only.",
    )

    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=[boards, responsible_officers])
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("performance:indicator_detail", args=[self.pk])

    @property
    def is_ratio(self):
        return self.unit in (self.Unit.PERCENTAGE, self.Unit.RATE_10K)

    @property
    def is_count(self):
        return self.unit == self.Unit.COUNT

    @property
    def lag_label(self):
        word = {"monthly": "month", "quarterly": "quarter", "annual": "year"}[self.frequency]
        if self.reporting_lag == 0:
            return "Current period"
        if self.reporting_lag == 1:
            return f"Last completed {word}"
        names = {2: "two", 3: "three", 4: "four"}
        return f"{names.get(self.reporting_lag, self.reporting_lag)} {word}s in arrears".capitalize()


class CurrentValueManager(models.Manager):
    """Values that stand: a withdrawn value stays on record (and in History) but is read nowhere else."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class IndicatorValue(SavesOnlyChanges, models.Model):
    """One period's figure. For percentages and rates the value is computed from numerator and denominator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(
        max_digits=14, decimal_places=4, blank=True,
        help_text="Computed from numerator and denominator for percentages and rates, and from the count for counts.",
    )
    is_provisional = models.BooleanField("provisional", default=False)
    notes = models.TextField(blank=True)
    reason = models.CharField(max_length=255, blank=True,
                              help_text="Why the value was last corrected or withdrawn.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = CurrentValueManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_value_per_indicator_period")]
        indexes = [models.Index(fields=["indicator", "-period_start"])]

    def __str__(self):
        return f"{self.indicator.code} {self.period_label}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url() + "#values"

    @property
    def period_label(self):
        i = self.indicator
        return periods.label(self.period_start, self.period_end, i.frequency, i.year_basis)


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_target_per_indicator_period")]

    def __str__(self):
        return f"Target for {self.indicator.code} from {plain_date(self.period_start)}: {self.value}"


class Comparator(models.Model):
    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        STATISTICAL_NEIGHBOURS = "neighbours", "Statistical neighbours"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    period_start = models.DateField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.DecimalField(max_digits=14, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start", "kind"], name="one_comparator_per_kind_period")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.indicator.code} {plain_date(self.period_start)}: {self.value}"


class PerformanceSnapshotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Board people see their boards' reports; the public sees public reports on published agendas."""
        from boards.access import board_ids_for

        if user.is_authenticated and user.is_superuser:
            return self
        public = Q(public=True, agenda_item__meeting__agenda_published_at__isnull=False, agenda_item__is_exempt=False)
        if user.is_authenticated:
            return self.filter(public | Q(board_id__in=board_ids_for(user)))
        return self.filter(public)


class PerformanceSnapshot(models.Model):
    """A performance report as it stood when frozen: later corrections do not change it."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="performance_snapshots")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="performance_snapshots"
    )
    title = models.CharField(max_length=255, default="Performance report")
    as_of = models.DateField(help_text="The latest period of each indicator is the one its reporting lag allows on this date.")
    public = models.BooleanField(default=False, help_text="Public: small numbers are suppressed.")
    rows = models.JSONField(help_text="The indicators, periods and figures as frozen.")
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = PerformanceSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        audience = "public" if self.public else "members"
        return f"{self.title} ({audience}), {self.board.name}, {plain_date(self.as_of)}"

    def get_absolute_url(self):
        return reverse("performance:snapshot_detail", args=[self.pk])
