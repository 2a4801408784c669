from django.urls import path

from . import views

app_name = "oparl"
urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.bodies, name="bodies"),
    path("body/<slug:slug>/", views.body, name="body"),
    path("body/<slug:slug>/<str:name>/", views.body_list, name="body_list"),
    path("organization/<int:pk>/", views.organization, name="organization"),
    path("organization/<int:pk>/meeting/", views.organization_meetings, name="organization_meetings"),
    path("person/<int:pk>/", views.person, name="person"),
    path("membership/<int:pk>/", views.membership, name="membership"),
    path("meeting/<int:pk>/", views.meeting, name="meeting"),
    path("agendaItem/<int:pk>/", views.agenda_item, name="agendaitem"),
    path("paper/<int:pk>/", views.paper, name="paper"),
    path("consultation/<int:pk>/", views.consultation, name="consultation"),
    path("file/<str:key>/", views.file, name="file"),
    path("file/<str:key>/access/", views.file_access, name="file_access"),
    path("file/<str:key>/download/", views.file_download, name="file_download"),
    path("location/<str:key>/", views.location, name="location"),
    path("legislativeTerm/<str:key>/", views.legislative_term, name="legislativeterm"),
]
