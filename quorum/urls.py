from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.health import HealthView
from core.views import SignOutView, accessibility_statement
from meetings.urls import urlpatterns as meetings_urls
from minutes.urls import urlpatterns as minutes_urls
from packs.urls import urlpatterns as packs_urls
from oparl import openapi as oparl_openapi
from oparl import views as oparl_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("health/", HealthView.as_view(), name="health"),
    path("", include("public.urls")),
    path("", include("boards.urls")),
    # Meetings, minutes and packs are three apps but one URL namespace, "meetings": their URL
    # names were given when they were one app, and links, tests and bookmarks use them.
    path("", include((meetings_urls + minutes_urls + packs_urls, "meetings"))),
    path("plans/", include("actions.urls")),
    path("performance/", include("performance.urls")),
    path("oparl/v1.1/", include("oparl.urls")),
    path("oparl/", oparl_views.docs, name="oparl_docs"),
    path("oparl/openapi.json", oparl_openapi.openapi_json, name="oparl_openapi"),
    path("reader/", include("reader.urls")),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
]
