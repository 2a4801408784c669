from django.urls import path, re_path

from actions import progress_views, reimport_views, views

app_name = "actions"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("mine/", views.my_actions, name="my_actions"),
    path("new/<slug:slug>/", views.plan_create, name="plan_create"),
    path("import/<slug:slug>/", views.plan_import, name="plan_import"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/reimport/", reimport_views.plan_reimport, name="plan_reimport"),
    path("<int:pk>/history/", views.plan_history, name="plan_history"),
    re_path(r"^(?P<pk>\d+)/export\.(?P<fmt>xlsx|csv)$", views.plan_export, name="plan_export"),
    path("<int:pk>/snapshot/", views.plan_snapshot, name="plan_snapshot"),
    path("<int:pk>/snapshots/", views.snapshot_list, name="snapshot_list"),
    path("<int:pk>/agenda/", views.plan_attach_agenda, name="plan_attach_agenda"),
    path("<int:pk>/reminders/", views.plan_reminders, name="plan_reminders"),
    path("<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    re_path(r"^sections/(?P<pk>\d+)/move/(?P<direction>up|down)/$", views.section_move, name="section_move"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", views.action_update, name="action_update"),
    path("actions/<int:pk>/row/", views.action_row, name="action_row"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    re_path(r"^actions/(?P<pk>\d+)/move/(?P<direction>up|down)/$", views.action_move, name="action_move"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("actions/<int:pk>/history/", views.action_history, name="action_history"),
    path("progress/<int:pk>/correct/", progress_views.progress_correct, name="progress_correct"),
]
