from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from boards.models import Board, Membership, Organisation, Person, StrategicPriority


class PriorityInline(admin.TabularInline):
    model = StrategicPriority
    extra = 0


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "council_name", "clerk"]
    list_select_related = ["clerk"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["clerk"]
    readonly_fields = ["memberships_link"]
    # Memberships are edited in their own change list (years of members would make one huge form).
    inlines = [PriorityInline]

    @admin.display(description="Memberships")
    def memberships_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:boards_membership_changelist") + f"?board__id__exact={obj.pk}"
        return format_html('<a href="{}">Memberships of this board</a>', url)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "job_title", "organisation", "user"]
    search_fields = ["first_name", "last_name", "job_title"]
    list_select_related = ["organisation", "user"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "board", "role", "start_date", "end_date"]
    list_filter = ["board", "role"]
    list_select_related = ["person", "board"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["board"]


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "board", "position"]
    list_select_related = ["board"]
    raw_id_fields = ["board"]
