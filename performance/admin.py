from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from performance.figures import FigureError, compute_value
from performance.models import Comparator, Indicator, IndicatorValue, PerformanceSnapshot, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ComparatorInline(admin.TabularInline):
    model = Comparator
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "unit", "polarity", "frequency", "source", "reporting_lag"]
    list_filter = ["unit", "polarity", "frequency", "boards"]
    search_fields = ["code", "title", "source"]
    filter_horizontal = ["boards"]
    raw_id_fields = ["owner", "responsible_officers"]
    inlines = [TargetInline, ComparatorInline]
    fieldsets = [
        (None, {"fields": ["code", "title", "definition", "source", "owner", "boards"]}),
        ("Measure", {"fields": ["unit", "decimal_places", "polarity", "numerator_label", "denominator_label"]}),
        ("Periods", {"fields": ["frequency", "year_basis", "reporting_lag"]}),
        ("RAG rating", {"fields": ["rag_basis", "amber_tolerance_percent", "green_threshold", "amber_threshold"]}),
    ]


class IndicatorValueAdminForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = "__all__"

    def clean(self):
        # The value is computed from its parts, here as in the service.
        data = super().clean()
        indicator = data.get("indicator")
        if indicator is not None:
            try:
                data["value"] = compute_value(unit=indicator.unit, numerator=data.get("numerator"),
                                              denominator=data.get("denominator"), value=data.get("value"))
            except FigureError as exc:
                raise forms.ValidationError({exc.field: exc.message})
            self.instance.value = data["value"]
        return data


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    form = IndicatorValueAdminForm
    list_display = ["indicator", "period_start", "period_end", "numerator", "denominator", "value", "is_provisional"]
    list_filter = ["indicator", "is_provisional"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        obj.value = form.cleaned_data["value"]
        super().save_model(request, obj, form, change)


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period_start", "value"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]


@admin.register(Comparator)
class ComparatorAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period_start", "kind", "value"]
    list_filter = ["kind"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]


@admin.register(PerformanceSnapshot)
class PerformanceSnapshotAdmin(admin.ModelAdmin):
    list_display = ["title", "board", "as_of", "public", "created_at", "created_by"]
    list_filter = ["board", "public"]
    readonly_fields = ["rows", "content_hash", "created_at", "created_by"]
    list_select_related = ["board", "created_by"]
    raw_id_fields = ["agenda_item"]

    def has_change_permission(self, request, obj=None):
        return False  # frozen
