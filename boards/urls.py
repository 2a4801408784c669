from django.urls import path

from boards import people_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/new/", views.board_create, name="board_create"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("boards/<slug:slug>/edit/", views.board_edit, name="board_edit"),
    path("boards/<slug:slug>/members/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("boards/<slug:slug>/history/", views.board_history, name="board_history"),
    path("memberships/<int:pk>/role/", views.membership_change_role, name="membership_change_role"),
    path("people/", people_views.people_list, name="people_list"),
    path("people/new/", people_views.person_create, name="person_create"),
    path("people/<int:pk>/manage/", people_views.person_manage, name="person_manage"),
    path("people/<int:pk>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<int:pk>/invite/", people_views.person_invite, name="person_invite"),
    path("people/<int:pk>/deactivate/", people_views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", people_views.person_reactivate, name="person_reactivate"),
    path("people/<int:pk>/history/", people_views.person_history, name="person_history"),
    path("accounts/invitation/<uidb64>/<token>/", people_views.invitation_accept, name="invitation_accept"),
]
