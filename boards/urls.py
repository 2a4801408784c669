from django.urls import path

from boards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("boards/<slug:slug>/history/", views.board_history, name="board_history"),
]
