from django.urls import path

"""Meetings, agenda items, reports and appendices.

These names live in the "meetings" URL namespace, shared with minutes/urls.py and packs/urls.py
(see quorum/urls.py): the names and paths are those the three had before they were split apart.
"""
from meetings import views
from meetings.word import views as word_views

urlpatterns = [
    path("boards/<slug:slug>/meetings/new/", views.meeting_create, name="create"),
    path("boards/<slug:slug>/reports/new/", views.report_create, name="report_create"),
    path("boards/<slug:slug>/reports/import/", word_views.report_import, name="report_import"),
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
    path("reports/<int:pk>/word/", word_views.report_word, name="report_word"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/history/", views.report_history, name="report_history"),
    path("reports/<int:pk>/appendices/", views.attachment_add, name="attachment_add"),
    path("appendices/<int:pk>/", views.attachment_download, name="attachment"),
    path("appendices/<int:pk>/replace/", views.attachment_replace, name="attachment_replace"),
    path("appendices/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("appendices/<int:pk>/move/", views.attachment_move, name="attachment_move"),
]
