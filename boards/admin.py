from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boards.models import Board, Membership, Organisation, Person, StrategicPriority


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


class PriorityInline(admin.TabularInline):
    model = StrategicPriority
    extra = 0


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "council_name", "clerk"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PriorityInline, MembershipInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "job_title", "organisation", "user"]
    search_fields = ["first_name", "last_name", "job_title"]
    list_select_related = ["organisation", "user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "board", "role", "start_date", "end_date"]
    list_filter = ["board", "role"]
    list_select_related = ["person", "board"]


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "board", "position"]
