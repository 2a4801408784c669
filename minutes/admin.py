"""The Django admin for attendance, interests, declarations, minutes and resolutions."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from minutes.models import (
    Attendance, Declaration, Interest, MeetingMinutes, Minute, MinutePoint, OtherAttendee, Resolution,
    ResolutionResponse,
)


class LockedMinutesAdmin(SimpleHistoryAdmin):
    """Records of confirmed minutes are read-only here too (the model layer refuses as well)."""

    def _locked(self, obj):
        if obj is None:
            return False
        if isinstance(obj, MeetingMinutes):
            return obj.is_locked
        return obj.is_locked()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)


class MinutePointInline(admin.TabularInline):
    model = MinutePoint
    extra = 0
    fields = ["parent", "order", "lead_in", "text"]
    raw_id_fields = ["parent"]  # a select would list every minute point in the database


class ResolutionInline(admin.TabularInline):
    model = Resolution
    extra = 0
    fields = ["parent", "order", "text", "owner", "due_meeting", "status"]
    raw_id_fields = ["parent", "owner", "due_meeting"]  # selects would list every point and meeting


@admin.register(MeetingMinutes)
class MeetingMinutesAdmin(LockedMinutesAdmin):
    raw_id_fields = ["meeting", "confirmed_at_meeting", "signed_by"]
    list_display = ["meeting", "status", "first_number", "confirmed_at_meeting", "signed_at"]
    list_filter = ["status"]
    list_select_related = ["meeting", "meeting__board", "confirmed_at_meeting"]


@admin.register(Minute)
class MinuteAdmin(LockedMinutesAdmin):
    raw_id_fields = ["meeting", "agenda_item", "corrects"]
    list_display = ["number", "title", "meeting", "kind"]
    list_filter = ["kind", "meeting__board"]
    list_select_related = ["meeting", "meeting__board"]
    search_fields = ["title", "narrative"]
    inlines = [MinutePointInline, ResolutionInline]


@admin.register(MinutePoint)
class MinutePointAdmin(LockedMinutesAdmin):
    raw_id_fields = ["minute", "parent"]
    list_display = ["minute", "order", "text"]
    list_select_related = ["minute"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    """The tracker fields stay editable after confirmation; the wording is read-only then."""

    raw_id_fields = ["minute", "parent", "confirms", "owner", "due_meeting"]
    list_display = ["text", "minute", "owner", "due_meeting", "status"]
    list_filter = ["status"]
    list_select_related = ["minute", "owner", "due_meeting"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_locked():
            return ["minute", "parent", "order", "text", "confirms"]
        return []

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.is_locked())


@admin.register(ResolutionResponse)
class ResolutionResponseAdmin(SimpleHistoryAdmin):
    raw_id_fields = ["resolution", "author"]
    list_display = ["resolution", "date", "author"]
    list_select_related = ["resolution", "author"]


@admin.register(Attendance)
class AttendanceAdmin(LockedMinutesAdmin):
    raw_id_fields = ["meeting", "person", "substitute", "recorded_by"]
    list_display = ["person", "meeting", "status", "from_minute", "to_minute"]
    list_filter = ["status"]
    list_select_related = ["person", "meeting", "meeting__board"]


@admin.register(OtherAttendee)
class OtherAttendeeAdmin(LockedMinutesAdmin):
    raw_id_fields = ["meeting", "person"]
    list_display = ["person", "meeting", "note", "organisation"]
    list_select_related = ["person", "meeting", "meeting__board"]


@admin.register(Declaration)
class DeclarationAdmin(LockedMinutesAdmin):
    raw_id_fields = ["meeting", "person", "agenda_item", "interest"]
    list_display = ["person", "meeting", "agenda_item", "kind", "action"]
    list_select_related = ["person", "meeting", "meeting__board", "agenda_item"]


@admin.register(Interest)
class InterestAdmin(SimpleHistoryAdmin):
    raw_id_fields = ["person"]
    list_display = ["person", "kind", "description", "registered_on", "ended_on"]
    list_select_related = ["person"]
