from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, AgendaPlan, Plan, PlanSnapshot, ProgressUpdate, RagChange, ReminderSent, Section


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "title", "numbered", "responsibility_heading"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "period", "board", "owner"]
    list_filter = ["board"]
    search_fields = ["title"]
    raw_id_fields = ["board", "owner", "partner_organisations"]
    list_select_related = ["board", "owner"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "position"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["date", "text", "author"]
    raw_id_fields = ["author"]


class RagChangeInline(admin.TabularInline):
    model = RagChange
    extra = 0
    readonly_fields = ["from_rag", "to_rag", "reason", "changed_by", "changed_at"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("action", "changed_by")


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "text", "plan", "lead_person", "lead_group", "timescale_date", "status", "rag"]
    list_filter = ["plan", "status", "rag"]
    search_fields = ["text", "lead_group", "reference"]
    list_select_related = ["plan", "lead_person"]
    raw_id_fields = ["parent", "section", "plan", "lead_person", "lead_organisation", "resolution"]
    inlines = [ProgressUpdateInline, RagChangeInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "date", "author"]
    list_select_related = ["action", "author"]
    raw_id_fields = ["action", "author"]


@admin.register(RagChange)
class RagChangeAdmin(admin.ModelAdmin):
    list_display = ["action", "from_rag", "to_rag", "changed_by", "changed_at"]
    list_select_related = ["action", "changed_by"]
    raw_id_fields = ["action", "changed_by"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["person", "sent_on", "action_count", "email"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "actions"]


@admin.register(PlanSnapshot)
class PlanSnapshotAdmin(admin.ModelAdmin):
    list_display = ["plan", "created_at", "created_by", "agenda_item"]
    readonly_fields = ["rows", "content_hash"]
    list_select_related = ["plan", "created_by", "agenda_item"]
    raw_id_fields = ["plan", "agenda_item", "created_by"]


@admin.register(AgendaPlan)
class AgendaPlanAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "agenda_item"]
    list_select_related = ["plan", "agenda_item"]
    raw_id_fields = ["plan", "agenda_item"]
