"""Agenda packs: publish, status, downloads, versions, withdrawal (in the "meetings" URL namespace:
see quorum/urls.py)."""
from django.urls import path

from packs import views

urlpatterns = [
    path("meetings/<int:pk>/pack/publish/", views.pack_publish, name="pack_publish"),
    path("meetings/<int:pk>/pack/supplementary/publish/", views.pack_publish_supplementary,
         name="pack_publish_supplementary"),
    path("meetings/<int:pk>/pack/status/", views.pack_status, name="pack_status"),
    path("meetings/<int:pk>/pack/<str:variant>.pdf", views.pack_download, name="pack_download"),
    path("meetings/<int:pk>/pack/supplementary/<str:variant>.pdf", views.pack_download,
         {"kind": "supplementary"}, name="pack_supplementary_download"),
    path("meetings/<int:pk>/pack/versions/", views.pack_versions, name="pack_versions"),
    path("packs/versions/<int:pk>.pdf", views.pack_version_download, name="pack_version_download"),
    path("packs/versions/<int:pk>/withdraw/", views.pack_version_withdraw, name="pack_version_withdraw"),
]
