from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import AgendaItem, Attachment, Meeting, Report


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


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "board", "author", "status", "agenda_item"]
    list_filter = ["status", "board"]
    search_fields = ["title"]
    inlines = [AttachmentInline]
    list_select_related = ["board", "author", "agenda_item"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "report", "kind", "size"]
