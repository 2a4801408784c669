from django.urls import path

from public import views
from public.feeds import PublicAtomFeed, PublicFeed

app_name = "public"

from public.cache import public_cached  # noqa: E402

# Feeds answer from the public cache too, with an ETag of what they send (304 when unchanged).
rss, atom = views._conditional(public_cached(PublicFeed())), views._conditional(public_cached(PublicAtomFeed()))

urlpatterns = [
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("calendar/meetings.ics", views.ical_all, name="ical_all"),
    path("calendar/mine/", views.personal_calendar, name="personal_calendar"),
    path("calendar/mine/reset/", views.personal_calendar_reset, name="personal_calendar_reset"),
    path("calendar/personal/<str:token>.ics", views.ical_personal, name="ical_personal"),
    path("boards/<slug:slug>/meetings.ics", views.ical_board, name="ical_board"),
    path("decisions/", views.decisions, name="decisions"),
    path("members/", views.member_list, name="member_list"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("meetings/<int:pk>/documents/", views.meeting_documents, name="documents"),
    path("feeds/", views.feed_index, name="feeds"),
    path("feeds/<str:kind>.rss", rss, name="feed_rss"),
    path("feeds/<str:kind>.atom", atom, name="feed_atom"),
    path("boards/<slug:slug>/feeds/<str:kind>.rss", rss, name="board_feed_rss"),
    path("boards/<slug:slug>/feeds/<str:kind>.atom", atom, name="board_feed_atom"),
]
