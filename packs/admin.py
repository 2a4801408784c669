"""The Django admin for agenda packs: versions are records, never changed or deleted here."""
from django.contrib import admin

from packs.models import Pack, PackVersion, RenderedSection


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
