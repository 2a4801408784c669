from django import forms

from boards.models import StrategicPriority
from core.formats import plain_date
from core.widgets import DateInput, Textarea, TimeInput
from meetings.models import AgendaItem, Meeting, Report


class VersionedForm(forms.ModelForm):
    """Carries the version the user started from, so a stale save can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class MeetingForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "venue"]
        widgets = {"date": DateInput, "start_time": TimeInput, "end_time": TimeInput}
        labels = {"start_time": "Start time", "end_time": "Finish time"}

    urgency_reason = forms.CharField(
        label="Chair's reason for urgency", required=False, widget=Textarea(attrs={"rows": 3}),
        help_text="Needed only when the agenda is already published and the new date leaves fewer than "
                  "five clear working days after its publication.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_published:
            del self.fields["urgency_reason"]


class MeetingCreateForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "venue"]
        widgets = {"date": DateInput, "start_time": TimeInput}
        labels = {"start_time": "Start time"}


class AgendaItemForm(VersionedForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "presenter", "paper_status", "carries_response_paper",
                  "response_introduction", "is_exempt", "exempt_paragraph", "exempt_reason", "report_due"]
        labels = {
            "report_due": "Report due by",
            "carries_response_paper": "Its paper is the response to resolutions due back at this meeting",
            "response_introduction": "Introduction to the response paper (optional)",
            "is_exempt": "Exempt from publication (Schedule 12A)",
            "exempt_paragraph": "Schedule 12A paragraph",
            "paper_status": "Paper status",
        }
        widgets = {"exempt_reason": Textarea(attrs={"rows": 2}), "response_introduction": Textarea(attrs={"rows": 3}),
                   "report_due": DateInput}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("response_introduction") or "").strip() and not cleaned.get("carries_response_paper"):
            self.add_error("response_introduction", "The introduction is printed with the response paper: tick "
                                                    "“Its paper is the response to resolutions” or clear it.")
        if cleaned.get("is_exempt"):
            if not cleaned.get("exempt_paragraph"):
                self.add_error("exempt_paragraph", "Choose the Schedule 12A paragraph that makes this item exempt.")
            if not (cleaned.get("exempt_reason") or "").strip():
                self.add_error("exempt_reason", "Record why the public interest in keeping it exempt outweighs disclosure.")
        return cleaned


class PublishForm(forms.Form):
    urgency_reason = forms.CharField(
        label="Chair's reason for urgency", required=False, widget=Textarea(attrs={"rows": 3}),
        help_text="Required when publishing after the deadline; it is recorded with the meeting.",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="Reason for cancelling", widget=Textarea(attrs={"rows": 3}))


class ReportForm(VersionedForm):
    strategic_priorities = forms.ModelMultipleChoiceField(
        queryset=StrategicPriority.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Relevant council plan strategic priorities",
    )

    class Meta:
        model = Report
        fields = [
            "agenda_item", "title", "directors", "wards_affected", "contact_officers", "other_officers",
            "strategic_priorities", "summary", "recommendations",
            "background", "reasons", "other_options", "financial", "risk", "equality",
            "background_papers", "published_documents",
        ]
        widgets = {
            "directors": Textarea(attrs={"rows": 2}),
            "contact_officers": Textarea(attrs={"rows": 3}),
            "other_officers": Textarea(attrs={"rows": 2}),
            "summary": Textarea(attrs={"rows": 4}),
            "recommendations": Textarea(attrs={"rows": 4}),
        }
        labels = {"agenda_item": "Agenda item"}

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        board = board or getattr(self.instance, "board", None)
        if board is not None:
            self.fields["strategic_priorities"].queryset = board.strategic_priorities.all()
            self.fields["agenda_item"].queryset = (
                AgendaItem.objects.filter(meeting__board=board, kind=AgendaItem.Kind.BUSINESS)
                .select_related("meeting")
                .order_by("-meeting__date", "position")
            )
        if self.instance.pk and self.instance.status == Report.Status.PUBLISHED:
            # A published report is a public record: an edit is a revision, and says why.
            # Required by the service as soon as anything a reader would see changes.
            self.fields["revision_note"] = forms.CharField(
                label="Revision note", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                help_text="This report is published. Say what you are changing and why: the note is shown "
                          "with the report, and the agenda pack will read as out of date until it is published again.",
            )
        self.fields["agenda_item"].label_from_instance = lambda it: f"{plain_date(it.meeting.date)} – item {it.number}: {it.title}"
        self.fields["agenda_item"].required = False
        from meetings.models import ReportTemplate
        from meetings.models.reports import REPORT_SECTIONS

        # The sections of the council's template, headed as it heads them; places it does not use go.
        template = self.instance.template if self.instance.pk else ReportTemplate.for_board(board)
        sections = template.sections() if template else REPORT_SECTIONS
        for unused in {s.field for s in REPORT_SECTIONS} - {s.field for s in sections}:
            del self.fields[unused]
        for section in sections:
            field = self.fields[section.field]
            field.label = f"{section.number} {section.heading}"
            field.widget = Textarea(attrs={"rows": 6, "class": "rich-text", "data-section": section.number})
            field.help_text = (f"Each paragraph is numbered {section.number}.1, {section.number}.2 … by its place; "
                               "“Numbered paragraph” off (Ctrl+Alt+N) makes a continuation without a number. "
                               "Tables: “Insert table” (Ctrl+Alt+T); Tab moves between cells.")


class AttachmentForm(forms.Form):
    title = forms.CharField(max_length=300, required=False,
                            help_text="For example “Multi Agency Guidance”; the letter (Appendix A, B …) is added by "
                                      "its place in the report. Defaults to the file name.")
    file = forms.FileField(label="Appendix file (PDF, Word .docx or Excel .xlsx)")

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None and report.status == Report.Status.PUBLISHED:
            # A new appendix changes a published report: it is a revision, and says why.
            self.fields["revision_note"] = forms.CharField(
                label="Revision note", widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "This report is published: say why the appendix is being added. "
                                            "The note is shown with the report."},
                help_text="Shown with the report; the agenda pack will read as out of date until it is published again.",
            )


class WithdrawForm(forms.Form):
    """Why something published is being withdrawn; the reason is kept in the History."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             help_text="Kept in the History. The public is told only that it was withdrawn, and when.")


class AttachmentReplaceForm(forms.Form):
    title = forms.CharField(max_length=300, required=False, help_text="Leave empty to keep the present title.")
    file = forms.FileField(label="New file (PDF, Word .docx or Excel .xlsx)")
