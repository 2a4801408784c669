from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("boards/<slug:slug>/meetings/new/", views.meeting_create, name="create"),
    path("boards/<slug:slug>/reports/new/", views.report_create, name="report_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="publish"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
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
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/history/", views.report_history, name="report_history"),
    path("reports/<int:pk>/appendices/", views.attachment_add, name="attachment_add"),
    path("appendices/<int:pk>/", views.attachment_download, name="attachment"),
]

# Attendance, declarations, minutes and resolutions.
from meetings import minutes_views  # noqa: E402

urlpatterns += [
    path("meetings/<int:pk>/minutes/", minutes_views.minutes_view, name="minutes"),
    path("meetings/<int:pk>/minutes/print/", minutes_views.minutes_print, name="minutes_print"),
    path("meetings/<int:pk>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes/edit/", minutes_views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/draft/", minutes_views.minutes_draft, name="minutes_draft"),
    path("meetings/<int:pk>/minutes/refresh/", minutes_views.minutes_refresh, name="minutes_refresh"),
    path("meetings/<int:pk>/minutes/publish/", minutes_views.minutes_publish, name="minutes_publish"),
    path("meetings/<int:pk>/minutes/unpublish/", minutes_views.minutes_unpublish, name="minutes_unpublish"),
    path("meetings/<int:pk>/minutes/confirm/", minutes_views.minutes_confirm, name="minutes_confirm"),
    path("meetings/<int:pk>/minutes/sign/", minutes_views.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/insert/", minutes_views.minute_insert, name="minute_insert"),
    path("meetings/<int:pk>/attendance/", minutes_views.attendance, name="attendance"),
    path("meetings/<int:pk>/attendance/others/", minutes_views.other_add, name="other_add"),
    path("meetings/<int:pk>/apologies/", minutes_views.apologies, name="apologies"),
    path("meetings/<int:pk>/declarations/", minutes_views.declarations, name="declarations"),
    path("meetings/<int:pk>/response-to-resolutions/", minutes_views.response_paper, name="response_paper"),
    path("others-in-attendance/<int:pk>/remove/", minutes_views.other_remove, name="other_remove"),
    path("declarations/<int:pk>/delete/", minutes_views.declaration_delete, name="declaration_delete"),
    path("declarations/<int:pk>/edit/", minutes_views.declaration_edit, name="declaration_edit"),
    path("minutes/<int:pk>/", minutes_views.minute_edit, name="minute_edit"),
    path("minutes/<int:pk>/delete/", minutes_views.minute_delete, name="minute_delete"),
    path("minutes/<int:pk>/move/", minutes_views.minute_move, name="minute_move"),
    path("minutes/<int:pk>/correct/", minutes_views.minute_correct, name="minute_correct"),
    path("minutes/<int:pk>/points/", minutes_views.point_add, name="point_add"),
    path("minutes/<int:pk>/points/reorder/", minutes_views.points_reorder, name="points_reorder"),
    path("minutes/<int:pk>/resolutions/", minutes_views.resolution_add, name="resolution_add"),
    path("minutes/<int:pk>/resolutions/reorder/", minutes_views.resolutions_reorder, name="resolutions_reorder"),
    path("points/<int:pk>/edit/", minutes_views.point_edit, name="point_edit"),
    path("points/<int:pk>/delete/", minutes_views.point_delete, name="point_delete"),
    path("minutes/<int:pk>/points/<int:point_id>/restore/", minutes_views.point_restore, name="point_restore"),
    path("points/<int:pk>/move/", minutes_views.point_move, name="point_move"),
    path("resolutions/<int:pk>/", minutes_views.resolution_detail, name="resolution"),
    path("resolutions/<int:pk>/edit/", minutes_views.resolution_edit, name="resolution_edit"),
    path("resolutions/<int:pk>/delete/", minutes_views.resolution_delete, name="resolution_delete"),
    path("resolutions/<int:pk>/move/", minutes_views.resolution_move, name="resolution_move"),
    path("boards/<slug:slug>/resolutions/", minutes_views.resolution_tracker, name="resolution_tracker"),
    path("resolutions/mine/", minutes_views.my_resolutions, name="my_resolutions"),
    path("people/<int:pk>/", minutes_views.person_detail, name="person"),
    path("boards/<slug:slug>/register-of-interests/", minutes_views.board_register, name="board_register"),
    path("people/<int:pk>/interests/", minutes_views.interest_add, name="interest_add"),
    path("interests/<int:pk>/end/", minutes_views.interest_end, name="interest_end"),
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
    path("meetings/<int:pk>/pack/versions/", pack_views.pack_versions, name="pack_versions"),
    path("packs/versions/<int:pk>.pdf", pack_views.pack_version_download, name="pack_version_download"),
    path("packs/versions/<int:pk>/withdraw/", pack_views.pack_version_withdraw, name="pack_version_withdraw"),
]
