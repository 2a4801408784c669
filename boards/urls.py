from django.urls import path

from boards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("boards/<slug:slug>/edit/", views.board_edit, name="board_edit"),
    path("boards/<slug:slug>/members/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("boards/<slug:slug>/history/", views.board_history, name="board_history"),
]
