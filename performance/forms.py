"""Forms for entering values, importing them, and choosing what a performance report shows."""
import datetime

from django import forms
from django.utils import timezone

from core.formats import plain_date
from core.widgets import DateInput, Textarea
from performance import periods as period_rules
from performance.models import Indicator

NUMBER = {"step": "any", "inputmode": "decimal", "autocomplete": "off"}


def _number(label, help_text="", required=False):
    return forms.DecimalField(label=label, required=required, help_text=help_text, max_digits=14, decimal_places=4,
                              widget=forms.NumberInput(attrs=NUMBER))


def newest_due(indicator: Indicator, *, today=None):
    """The newest standard period whose value may be entered today: finished, and due by the lag."""
    today = today or timezone.localdate()
    current = period_rules.period_start_for(today, indicator.frequency, indicator.year_basis)
    return period_rules.shift(current, indicator.frequency, -max(indicator.reporting_lag, 1))


def period_choices(indicator: Indicator, recorded: dict, *, today=None, back: int = 8, limit: int = 200):
    """Standard periods, newest first: from the newest one due back to `back` periods before the newest
    recorded (or before today when none is), then any older recorded period, for corrections."""
    current = newest_due(indicator, today=today)
    newest = max(recorded) if recorded else current
    start = period_rules.shift(min(newest, current), indicator.frequency, -back)
    choices, p = [], current
    while p >= start and len(choices) < limit:
        end = period_rules.standard_end(p, indicator.frequency)
        text = period_rules.long_label(p, end, indicator.frequency, indicator.year_basis)
        if p in recorded:
            text += " – recorded, saving corrects it"
        choices.append((p.isoformat(), text))
        p = period_rules.shift(p, indicator.frequency, -1)
    offered = {value for value, _text in choices}
    for p, row in sorted(recorded.items(), reverse=True):
        if p.isoformat() not in offered:
            choices.append((p.isoformat(), f"{row.period_label} – recorded, saving corrects it"))
    return choices


def next_period(indicator: Indicator, recorded: dict, *, today=None):
    """The period an officer most likely wants to enter: the one after the newest recorded."""
    if not recorded:
        return None
    newest = max(recorded)
    following = period_rules.shift(period_rules.period_start_for(newest, indicator.frequency, indicator.year_basis),
                                   indicator.frequency, 1)
    return following if following <= newest_due(indicator, today=today) else None


class IndicatorValueForm(forms.Form):
    """One period: the fields shown depend on the indicator's unit."""

    period_start = forms.TypedChoiceField(label="Period", coerce=datetime.date.fromisoformat)
    # The version of every period recorded when the form was drawn ("seen:2012-04-01=3,…"), since
    # any of them can be chosen and corrected: a period recorded since counts as version 0, stale.
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    notes = forms.CharField(label="Notes", required=False, widget=Textarea(attrs={"rows": 2}),
                            help_text="Shown with the value. Do not include anything that identifies a child.")
    is_provisional = forms.BooleanField(label="Provisional (may be revised)", required=False)
    reason = forms.CharField(label="Reason for the correction", required=False, max_length=255,
                             widget=forms.TextInput(attrs={"class": "form-control"}), help_text="Needed only when you change a value already recorded; kept in its History.")

    def __init__(self, *args, indicator: Indicator, recorded: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period_start"].choices = period_choices(indicator, recorded)
        fields = {}
        if indicator.is_ratio:
            fields["numerator"] = _number(f"Numerator: {indicator.numerator_label or 'how many'}", required=True)
            fields["denominator"] = _number(f"Denominator: {indicator.denominator_label or 'out of'}", required=True)
        elif indicator.is_count:
            fields["numerator"] = _number(f"Count: {indicator.numerator_label or indicator.title}", required=True)
        else:
            fields["value"] = _number(f"Value ({indicator.get_unit_display().lower()})", required=True)
        if indicator.rag_basis == Indicator.RagBasis.TARGET:
            fields["target"] = _number("Target for this period", "Leave blank to keep the current target.")
        fields["england"] = _number("England")
        fields["region"] = _number("Region")
        fields["statistical_neighbours"] = _number("Statistical neighbours")
        ordered = {"period_start": self.fields["period_start"], **fields}
        for name, field in self.fields.items():
            if name not in ordered:
                ordered[name] = field
        self.fields = ordered
        for name, field in self.fields.items():
            if isinstance(field.widget, (forms.NumberInput, Textarea)):
                field.widget.attrs["class"] = "form-control"
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"
        self.fields["period_start"].widget.attrs["autofocus"] = True
        if not self.is_bound:
            self.initial["version"] = "seen:" + ",".join(
                f"{start.isoformat()}={row.version}" for start, row in sorted(recorded.items()))

    def clean(self):
        data = super().clean()
        seen = (data.get("version") or "").strip()
        if seen.isdigit():
            data["version"] = int(seen)  # the version of the chosen period itself
        elif seen.startswith("seen:") and data.get("period_start"):
            versions = dict(pair.split("=", 1) for pair in seen[len("seen:"):].split(",") if "=" in pair)
            data["version"] = versions.get(data["period_start"].isoformat(), 0)
        else:
            data["version"] = None  # no version: a correction is refused as a stale edit would be
        return data

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}-help"
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or Excel file",
        help_text="Columns: indicator, period_start, and numerator and denominator, or value; optional period_end, "
                  "target, england, region, statistical_neighbours, provisional, notes. Header in the first row.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choose a .csv or .xlsx file.")
        return f


class SnapshotForm(forms.Form):
    title = forms.CharField(label="Title", initial="Performance report", max_length=255)
    indicators = forms.ModelMultipleChoiceField(
        label="Indicators", queryset=Indicator.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="The board's indicators are all chosen to start with.",
    )
    as_of = forms.DateField(label="Report as at", widget=DateInput,
                            help_text="Each indicator shows the newest period its reporting lag allows on this date.")
    trend_length = forms.IntegerField(label="Periods in each trend", min_value=1, max_value=40, initial=8)
    public = forms.TypedChoiceField(
        label="Audience", coerce=lambda v: v == "public", initial="public", widget=forms.RadioSelect,
        choices=[("public", "Public pack (small numbers suppressed)"), ("members", "Members' pack (real values)")],
    )
    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=None, required=False,
                                         help_text="The item whose paper this is.")

    def __init__(self, *args, board, **kwargs):
        from meetings.models import AgendaItem

        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.followed_by(board).order_by("code")
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting__board=board).select_related("meeting", "meeting__board").order_by("-meeting__date", "position")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{plain_date(item.meeting.date)} – item {item.position}: {item.title}"


class ValueWithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label="Why is this value withdrawn?", max_length=255,
                             help_text="For example “Entered against the wrong quarter”. Kept in the value's History.")


class IndicatorForm(forms.ModelForm):
    """The catalogue entry: what the indicator measures, how it is rated, who follows and enters it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = ["code", "title", "definition", "unit", "decimal_places", "polarity", "numerator_label",
                  "denominator_label", "frequency", "year_basis", "reporting_lag", "source", "owner", "rag_basis",
                  "amber_tolerance_percent", "green_threshold", "amber_threshold", "boards", "responsible_officers"]
        widgets = {"definition": Textarea(attrs={"rows": 3}), "boards": forms.CheckboxSelectMultiple,
                   "responsible_officers": forms.CheckboxSelectMultiple}
        labels = {"boards": "Boards that follow it", "responsible_officers": "Officers who enter its values",
                  "reporting_lag": "Reporting lag (periods in arrears)"}

    def __init__(self, *args, boards, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boards"].queryset = boards
        self.fields["responsible_officers"].queryset = officers
        self.fields["owner"].queryset = officers
        self.fields["responsible_officers"].label_from_instance = _person_label
        self.fields["owner"].label_from_instance = _person_label
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version
            # Boards outside the editor's keeping stay as they are; she chooses among her own.
            self.initial["boards"] = [b.pk for b in self.instance.boards.all() if b in boards]

    def clean(self):
        data = super().clean()
        if data.get("rag_basis") == Indicator.RagBasis.THRESHOLDS and data.get("green_threshold") is None:
            self.add_error("green_threshold", "Fixed thresholds need at least the Green threshold.")
        if data.get("unit") in (Indicator.Unit.PERCENTAGE, Indicator.Unit.RATE_10K):
            for name in ("numerator_label", "denominator_label"):
                if not data.get(name):
                    self.add_error(name, "Percentages and rates need what the numerator and denominator count.")
        return data


    def validate_unique(self):
        # The service decides: the same form sent twice is not a clash, another indicator's code is.
        pass


def _person_label(person):
    org = f", {person.organisation.name}" if person.organisation_id else ""
    return f"{person.full_name}{org}"


class BenchmarkForm(forms.Form):
    """A period's target and comparators, set ahead of (or after) its value."""

    period_start = forms.DateField(label="Period starting", widget=DateInput,
                                   help_text="The first day of the period, e.g. 1 April for Q1 of a financial year.")
    target = _number("Target")
    england = _number("England")
    region = _number("Region")
    statistical_neighbours = _number("Statistical neighbours")
