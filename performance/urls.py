from django.urls import path

from performance import catalogue_views, views

app_name = "performance"
urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("indicators/new/", catalogue_views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", catalogue_views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", catalogue_views.indicator_benchmarks, name="indicator_benchmarks"),
    path("values/<int:pk>/withdraw/", catalogue_views.value_withdraw, name="value_withdraw"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/values.csv", views.indicator_export, name="indicator_export"),
    path("indicators/<int:pk>/history/", views.indicator_history, name="indicator_history"),
    path("values/<int:pk>/history/", views.value_history, name="value_history"),
    path("import/", views.values_import, name="values_import"),
    path("boards/<slug:slug>/reports/new/", views.snapshot_create, name="snapshot_create"),
    path("reports/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
]
