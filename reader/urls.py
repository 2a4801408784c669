from django.urls import path

from . import views

app_name = "reader"

urlpatterns = [
    path("meetings/<int:pk>/<str:variant>/", views.read_current, name="read_current"),
    path("versions/<int:pk>/", views.read, name="read"),
    path("versions/<int:pk>/pack.pdf", views.version_pdf, name="version_pdf"),
    path("versions/<int:pk>/notes/", views.notes, name="notes"),
    path("versions/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("notes/<int:pk>/", views.note_update, name="note_update"),
    path("notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
    path("notes/<int:pk>/place/<int:version_pk>/", views.note_place, name="note_place"),
    path("my-notes/", views.my_notes_page, name="my_notes"),
    path("my-notes.pdf", views.my_notes_pdf, name="my_notes_pdf"),
    path("sw.js", views.service_worker, name="service_worker"),
]
