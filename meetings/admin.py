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


from meetings.pack.models import Pack, PackVersion, RenderedSection  # noqa: E402


class PackVersionInline(admin.TabularInline):
    model = PackVersion
    extra = 0
    can_delete = False  # versions are records: never deleted
    fields = ["number", "created_at", "created_by", "page_count", "size", "sha256", "file"]
    readonly_fields = fields


@admin.register(Pack)
class PackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "kind", "variant", "state", "current_version", "finished_at"]
    list_filter = ["kind", "variant", "state"]
    list_select_related = ["meeting", "meeting__board", "current_version"]
    readonly_fields = ["current_version", "requested", "built", "started_at", "finished_at", "error", "failed_paper"]
    inlines = [PackVersionInline]


@admin.register(PackVersion)
class PackVersionAdmin(admin.ModelAdmin):
    list_display = ["pack", "number", "created_at", "page_count", "size"]
    list_select_related = ["pack", "pack__meeting", "pack__meeting__board"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RenderedSection)
class RenderedSectionAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "page_count", "render_seconds", "created_at"]
    search_fields = ["label", "key"]
