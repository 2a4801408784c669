from django import forms
from django.db.models import Q

from core.formats import plain_date

from actions.models import Action, Plan, Rag, Section
from boards.models import Organisation, Person
from core.widgets import DateInput, Textarea


class ProgressForm(forms.Form):
    """The officer's one form: a progress update, the RAG rating and why, or marking it complete."""

    text = forms.CharField(
        label="Progress update", required=False, widget=Textarea(attrs={"rows": 3}),
        help_text="What has happened since the last update. It is dated today unless you give the date it happened below; shown newest first.",
    )
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, required=False)
    reason = forms.CharField(
        label="Reason for a change of RAG rating", required=False,
        help_text="Recorded in the RAG history. If left blank, the progress update is recorded as the reason.",
    )
    complete = forms.BooleanField(label="Mark the action complete (sets the rating to Blue)", required=False)
    date = forms.DateField(
        label="Date it happened (optional)", required=False, widget=DateInput,
        help_text="Leave blank for today. An earlier date back-dates the update; the day you enter it is kept too.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_date(self):
        from django.utils import timezone

        day = self.cleaned_data.get("date")
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date it happened cannot be in the future.")
        return day

    def __init__(self, *args, action: Action, autofocus: bool = False, **kwargs):
        self.action = action
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("rag", action.rag)
        kwargs["initial"].setdefault("version", action.version)
        kwargs.setdefault("auto_id", f"id_%s_{action.pk}")  # several forms can share a page
        super().__init__(*args, **kwargs)
        if autofocus:  # the form opened in place of a row: keyboard users land in it
            self.fields["text"].widget.attrs["autofocus"] = True

    def clean(self):
        data = super().clean()
        changes_rag = data.get("rag") is not None and data.get("rag") != self.action.rag
        if not data.get("text", "").strip() and not changes_rag and not data.get("complete"):
            raise forms.ValidationError("Write a progress update, change the RAG rating, or mark the action complete.")
        if data.get("rag") == Rag.NONE and self.action.rag != Rag.NONE:
            self.add_error("rag", "Once rated, an action keeps a RAG rating: choose Red, Amber, Green or Blue.")
        return data


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = ["title", "period", "owner", "partner_organisations"]
        widgets = {"partner_organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        people = Person.objects.filter(memberships__board=board, user__isnull=False).values_list("user_id", flat=True)
        self.fields["owner"].queryset = get_user_model().objects.filter(pk__in=people).order_by("last_name")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["partner_organisations"].queryset = Organisation.objects.order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Section
        fields = ["title", "numbered", "responsibility_heading", "responsibility_text"]
        labels = {"numbered": "Numbered section"}
        widgets = {"responsibility_text": Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class ActionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["text", "lead_person", "lead_group", "lead_organisation", "timescale_date", "timescale_text",
                  "resolution", "resolution_reference"]
        labels = {"text": "Action", "lead_person": "Lead person", "lead_organisation": "Lead organisation",
                  "timescale_date": "Timescale: date", "timescale_text": "Timescale: words instead of a date",
                  "resolution": "Resolution that created this action",
                  "resolution_reference": "Or: a resolution not recorded in Quorum"}
        help_texts = {"resolution": "The board's resolutions, newest meeting first: minute number, meeting date "
                                    "and the resolution's opening words."}
        widgets = {"text": Textarea(attrs={"rows": 3}), "timescale_date": DateInput}

    def __init__(self, *args, board, user, **kwargs):
        super().__init__(*args, **kwargs)
        from actions.selectors import resolution_choices

        queryset, choices = resolution_choices(board, user, include_pk=self.instance.resolution_id)
        self.fields["resolution"].queryset = queryset
        self.fields["resolution"].choices = [("", "None")] + choices
        self.fields["lead_person"].queryset = (
            Person.objects.filter(Q(memberships__board=board) | Q(led_actions__plan__board=board))
            .select_related("organisation").distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["lead_person"].label_from_instance = (
            lambda p: f"{p.full_name}, {p.organisation}" if p.organisation_id else p.full_name
        )
        self.fields["lead_organisation"].queryset = Organisation.objects.order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        data = super().clean()
        if data.get("timescale_date") and data.get("timescale_text"):
            self.add_error("timescale_text", "Give a date or words, not both.")
        if data.get("resolution") and data.get("resolution_reference"):
            self.add_error("resolution_reference", "Choose the resolution from the list, or describe one not "
                                                   "recorded in Quorum, not both.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet (.xlsx or .csv)",
        help_text="In the shape Quorum exports: Action | Lead | Timescale | Progress to date | RAG rating.",
    )


class AgendaPlanForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=None, widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from meetings.models import AgendaItem

        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__board_id=plan.board_id, meeting__date__gte=timezone.localdate(),
                                      meeting__agenda_published_at__isnull=True)
            .select_related("meeting").order_by("meeting__date", "position")
        )
        self.fields["agenda_item"].label_from_instance = lambda i: f"{plain_date(i.meeting.date)} – item {i.number}: {i.title}"


class ProgressCorrectionForm(forms.Form):
    """Correct a mistaken progress entry, or withdraw it; either way with a reason."""

    date = forms.DateField(label="Date it happened", widget=DateInput)
    text = forms.CharField(label="Progress update", widget=Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label="Reason for the correction or withdrawal", max_length=255, required=False,
                             help_text="Needed to correct or withdraw the entry; kept in its History.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_date(self):
        from django.utils import timezone

        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date it happened cannot be in the future.")
        return day
