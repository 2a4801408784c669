from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings import services
from meetings.models import AgendaItem, Attachment, Meeting, Report, ReportReminderSent, ReportRevision, ReportTemplate


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "presenter", "paper_status", "is_exempt", "exempt_paragraph"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["board", "date", "start_time", "status", "agenda_published_at"]
    list_filter = ["board", "status"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "paper_status", "is_exempt"]
    list_filter = ["is_exempt", "paper_status"]
    list_select_related = ["meeting", "meeting__board"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["kind", "size", "sha256"]

    # A published report's appendices change only on the report's page, where the change needs a
    # revision note and is recorded; here they are read-only.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _published(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _published(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _published(obj)


def _published(report) -> bool:
    return isinstance(report, Report) and report.status == Report.Status.PUBLISHED


class PublishedReportAdminForm(forms.ModelForm):
    """The admin's form for a published report: an edit needs a revision note, as on the report's
    own edit page, and is saved by the same service, which records it as a revision."""

    revision_note = forms.CharField(
        label="Revision note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This report is published. Say why it is being changed: the note is shown with the report.")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        stored_version = Report.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if cleaned.get("version") != stored_version:
            raise forms.ValidationError("Someone else saved this report since you opened it. Reload it and make "
                                        "your change again.")
        note = (cleaned.get("revision_note") or "").strip()
        if not note and services.report_changes(self.instance, _report_fields(cleaned),
                                                cleaned.get("strategic_priorities")):
            self.add_error("revision_note", services.REVISION_NOTE_NEEDED)
        return cleaned


def _report_fields(cleaned: dict) -> dict:
    return {k: v for k, v in cleaned.items() if k not in ("version", "strategic_priorities", "revision_note")}


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "board", "author", "status", "agenda_item"]
    list_filter = ["status", "board"]
    search_fields = ["title"]
    inlines = [AttachmentInline]
    list_select_related = ["board", "author", "agenda_item"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if _published(obj):
            kwargs["form"] = PublishedReportAdminForm
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        if not (change and isinstance(form, PublishedReportAdminForm)):
            return super().save_model(request, obj, form, change)
        # The stored row, not `obj`: the form has already copied the new values (status too) onto `obj`.
        stored = Report.objects.get(pk=obj.pk)
        saved = services.report_update(
            report=stored, version=form.cleaned_data["version"], user=request.user,
            priorities=form.cleaned_data.get("strategic_priorities"),
            revision_note=form.cleaned_data.get("revision_note", ""), **_report_fields(form.cleaned_data))
        obj.version = saved.version


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    """A council's report template: its section headings, one a line (no code needed for another council's)."""

    list_display = ["name", "board", "is_default"]
    list_select_related = ["board"]


@admin.register(ReportRevision)
class ReportRevisionAdmin(admin.ModelAdmin):
    """Revisions of published reports are a record: read here, made only by the service."""

    list_display = ["report", "made_at", "made_by", "note"]
    list_select_related = ["report", "made_by"]
    readonly_fields = ["report", "made_by", "made_at", "note", "changed", "version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "report", "kind", "size"]

    # As on the report's inline: a published report's appendices change only on the report's page,
    # where the change needs a revision note and is recorded.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and _published(obj.report))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _published(obj.report))


@admin.register(ReportReminderSent)
class ReportReminderSentAdmin(admin.ModelAdmin):
    """"Report due" reminders sent: made only by the reminder task."""

    list_display = ["report", "author", "sent_on", "email"]
    list_select_related = ["report", "author"]
    raw_id_fields = ["report", "author"]

    def has_add_permission(self, request):
        return False
