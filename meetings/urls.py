from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("boards/<slug:slug>/meetings/new/", views.meeting_create, name="create"),
    path("boards/<slug:slug>/reports/new/", views.report_create, name="report_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="publish"),
    path("meetings/<int:pk>/agenda/", views.meeting_frontsheet, name="frontsheet"),
    path("meetings/<int:pk>/history/", views.meeting_history, name="history"),
    path("meetings/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("meetings/<int:pk>/items/reorder/", views.items_reorder, name="items_reorder"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/history/", views.item_history, name="item_history"),
    path("reports/mine/", views.my_reports, name="my_reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/history/", views.report_history, name="report_history"),
    path("reports/<int:pk>/appendices/", views.attachment_add, name="attachment_add"),
    path("appendices/<int:pk>/", views.attachment_download, name="attachment"),
]

from meetings.pack import views as pack_views  # noqa: E402

urlpatterns += [
    path("meetings/<int:pk>/pack/publish/", pack_views.pack_publish, name="pack_publish"),
    path("meetings/<int:pk>/pack/supplementary/publish/", pack_views.pack_publish_supplementary,
         name="pack_publish_supplementary"),
    path("meetings/<int:pk>/pack/status/", pack_views.pack_status, name="pack_status"),
    path("meetings/<int:pk>/pack/<str:variant>.pdf", pack_views.pack_download, name="pack_download"),
    path("meetings/<int:pk>/pack/supplementary/<str:variant>.pdf", pack_views.pack_download,
         {"kind": "supplementary"}, name="pack_supplementary_download"),
    path("packs/versions/<int:pk>.pdf", pack_views.pack_version_download, name="pack_version_download"),
]
