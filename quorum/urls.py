from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.views import accessibility_statement

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("", include("boards.urls")),
    path("", include("meetings.urls")),
    path("plans/", include("actions.urls")),
    path("performance/", include("performance.urls")),
]
