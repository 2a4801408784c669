"""Forms for attendance, declarations, minutes and resolutions.

Every form bound to a record of the minutes refuses to validate once those minutes are locked,
so a stale page or a hand-made POST cannot change confirmed minutes either.
"""
from django import forms
from django.db.models import Q

from boards.models import Person
from core.formats import letter
from core.widgets import DateInput, Textarea
from meetings.forms import VersionedForm
from meetings.models import AgendaItem, Meeting
from minutes.models import (
    Attendance, Declaration, Interest, InterestKind, Minute, MinutePoint, Resolution, meeting_minutes_locked,
)

LOCKED_MESSAGE = "These minutes have been confirmed and are locked. Record a correction at a later meeting instead."


class LockedRefusingMixin:
    """Refuse to validate when the minutes the instance belongs to are locked."""

    def locked(self) -> bool:
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "is_locked"):
            return instance.is_locked()
        meeting = getattr(self, "meeting", None)
        return meeting is not None and meeting_minutes_locked(meeting.pk)

    def clean(self):
        cleaned = super().clean()
        if self.locked():
            raise forms.ValidationError(LOCKED_MESSAGE, code="locked")
        return cleaned


class MinuteForm(LockedRefusingMixin, VersionedForm):
    class Meta:
        model = Minute
        fields = ["title", "narrative", "closing"]
        widgets = {"narrative": Textarea(attrs={"rows": 5}), "closing": Textarea(attrs={"rows": 3})}
        labels = {"narrative": "Narrative (before the lettered points)", "closing": "Closing narrative (after the points)"}


class MinuteInsertForm(LockedRefusingMixin, forms.Form):
    title = forms.CharField(max_length=300)
    after = forms.ModelChoiceField(queryset=Minute.objects.none(), required=False, empty_label="At the start",
                                   label="Insert after minute")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["after"].queryset = Minute.objects.filter(meeting=meeting).order_by("position")
        self.fields["after"].label_from_instance = lambda m: f"{m.number} {m.title}"


class PointForm(LockedRefusingMixin, VersionedForm):
    parent = forms.ModelChoiceField(queryset=MinutePoint.objects.none(), required=False,
                                    empty_label="None: a new lettered point", label="Sub-point of")

    class Meta:
        model = MinutePoint
        fields = ["lead_in", "text"]
        widgets = {"text": Textarea(attrs={"rows": 3})}
        labels = {"lead_in": "Line before this point (optional)", "text": "Point"}

    def __init__(self, *args, minute=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.minute = minute or getattr(self.instance, "minute", None)
        self.meeting = self.minute.meeting if self.minute else None
        if self.instance.pk:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = MinutePoint.objects.filter(minute=self.minute, parent=None).order_by("order")
            self.fields["parent"].label_from_instance = lambda p: f"({_letter_of(p)}) {p.text[:60]}"


class ResolutionForm(LockedRefusingMixin, VersionedForm):
    parent = forms.ModelChoiceField(queryset=Resolution.objects.none(), required=False,
                                    empty_label="None: a new numbered resolution", label="Sub-resolution of")

    class Meta:
        model = Resolution
        fields = ["text"]
        widgets = {"text": Textarea(attrs={"rows": 2})}
        labels = {"text": "Resolution (after “RESOLVED”, e.g. “to note the report.”)"}

    def __init__(self, *args, minute=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.minute = minute or getattr(self.instance, "minute", None)
        self.meeting = self.minute.meeting if self.minute else None
        if self.instance.pk:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = Resolution.objects.filter(minute=self.minute, parent=None).order_by("order")
            self.fields["parent"].label_from_instance = lambda r: r.text[:70]


def _letter_of(point):
    ids = list(MinutePoint.objects.filter(minute_id=point.minute_id, parent=None).order_by("order", "pk").values_list("pk", flat=True))
    return letter(ids.index(point.pk) + 1)


class ResolutionTrackForm(VersionedForm):
    """The tracker fields: who owns it, when it is due back, its status (editable after confirmation)."""

    class Meta:
        model = Resolution
        fields = ["owner", "due_meeting", "status"]
        labels = {"owner": "Owner", "due_meeting": "Report back to the meeting of"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        board_id = self.instance.minute.meeting.board_id
        # Anyone on the board's list, with or without a log-in (partners often have none), and
        # whoever owns it already (a presenting partner need not be on the board).
        self.fields["owner"].queryset = (Person.objects.filter(Q(memberships__board_id=board_id) | Q(pk=self.instance.owner_id or 0))
                                         .select_related("organisation").distinct().order_by("last_name", "first_name"))
        self.fields["owner"].label_from_instance = (
            lambda p: f"{p.full_name}, {p.organisation}" if p.organisation_id else p.full_name)
        made_at = self.instance.minute.meeting
        self.fields["due_meeting"].queryset = (
            Meeting.objects.filter(board_id=board_id).filter(
                Q(date__gt=made_at.date) | Q(date=made_at.date, start_time__gt=made_at.start_time))
            .exclude(status=Meeting.Status.CANCELLED).order_by("date"))
        self.fields["due_meeting"].label_from_instance = lambda m: f"{m.date.day} {m.date:%B %Y}"


class ResponseForm(forms.Form):
    date = forms.DateField(widget=DateInput, label="Date of the action")
    text = forms.CharField(widget=Textarea(attrs={"rows": 4}), label="Action taken since the resolution")
    status = forms.ChoiceField(choices=Resolution.Status.choices, label="Status after this action")


class AttendanceRowForm(forms.ModelForm):
    id = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Attendance
        fields = ["status", "substitute", "apology_reason", "from_minute", "to_minute"]
        labels = {"apology_reason": "Reason for apologies", "from_minute": "Present from minute",
                  "to_minute": "Present to minute"}
        widgets = {
            "status": forms.Select(attrs={"class": "form-select"}),
            "substitute": forms.Select(attrs={"class": "form-select"}),
            "apology_reason": forms.TextInput(attrs={"class": "form-control"}),
            "from_minute": forms.NumberInput(attrs={"class": "form-control minute-number-input"}),
            "to_minute": forms.NumberInput(attrs={"class": "form-control minute-number-input"}),
        }


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, extra=0)


class ApologyForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Apologies from")
    reason = forms.CharField(max_length=200, required=False, label="Reason (optional)",
                             help_text='As the minutes print it, e.g. "on other Council business".')

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()


class OtherAttendeeForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.order_by("last_name", "first_name"), label="Person")
    note = forms.CharField(max_length=200, required=False, label='Note, e.g. "Observing"')
    organisation = forms.CharField(max_length=200, required=False, label="Organisation or team")


class DeclarationForm(LockedRefusingMixin, VersionedForm):
    class Meta:
        model = Declaration
        fields = ["person", "agenda_item", "kind", "text", "action", "interest", "took_part_confirmed", "wording"]
        widgets = {"text": Textarea(attrs={"rows": 2}), "wording": Textarea(attrs={"rows": 3})}
        labels = {"agenda_item": "Agenda item", "kind": "Kind of interest",
                  "wording": "Wording in the minutes (leave blank to generate)"}
        help_texts = {"wording": "The sentence as the minutes record it, if it should read otherwise than the one "
                                 "Quorum writes from the fields above. The minutes print it exactly as written."}

    def __init__(self, *args, meeting=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting or getattr(self.instance, "meeting", None)
        meeting = self.meeting
        self.fields["person"].queryset = members if members is not None else Person.objects.none()
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("position")
        self.fields["agenda_item"].label_from_instance = lambda i: f"{i.number} {i.title}"
        self.fields["interest"].queryset = Interest.objects.filter(person__in=self.fields["person"].queryset, ended_on__isnull=True)
        self.fields["interest"].required = False


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["kind", "description", "registered_on"]
        widgets = {"registered_on": DateInput, "description": Textarea(attrs={"rows": 2})}
        labels = {"registered_on": "Registered on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = InterestKind.choices[:3]


class ConfirmForm(forms.Form):
    at_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Confirmed at the meeting of")
    signed = forms.BooleanField(required=False, initial=True, label="Signed by the Chair at the meeting")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        later = Meeting.objects.filter(board_id=meeting.board_id, date__gt=meeting.date).exclude(
            status=Meeting.Status.CANCELLED).order_by("date")
        self.fields["at_meeting"].queryset = later
        self.fields["at_meeting"].initial = later.first()
        self.fields["at_meeting"].label_from_instance = lambda m: f"{m.date.day} {m.date:%B %Y}"


class CorrectionForm(forms.Form):
    at_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Recorded at the meeting of")
    text = forms.CharField(widget=Textarea(attrs={"rows": 3}), label="The correction")

    def __init__(self, *args, minute=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            board_id=minute.meeting.board_id, date__gt=minute.meeting.date).exclude(status=Meeting.Status.CANCELLED).order_by("date")
        self.fields["at_meeting"].label_from_instance = lambda m: f"{m.date.day} {m.date:%B %Y}"
