"""Public pages answer from the cache, and a change to what they show (a publication) is seen at
once: the edition the cache is keyed by goes up when the change is committed."""
import datetime

from django.urls import reverse

from minutes import services as minutes_svc
from meetings import services
from minutes.models import Minute

from tests.factories import MeetingFactory
from tests.minutes.factories import drafted


def test_second_visit_is_served_from_the_cache(client, board):
    MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
    url = reverse("public:calendar_month", args=[2030, 11])
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_publishing_an_agenda_shows_at_once_on_the_calendar(client, board, clerk, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), venue="CACHEVENUE")
    url = reverse("public:calendar_month", args=[2030, 11]) + "?view=list"
    assert "CACHEVENUE" not in client.get(url).content.decode()
    assert client.get(url)["X-Public-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_publish(meeting=meeting, user=clerk, urgency_reason="Urgent business.",
                                today=datetime.date(2030, 11, 1))
    fresh = client.get(url)
    assert fresh["X-Public-Cache"] == "miss" and "CACHEVENUE" in fresh.content.decode()


def test_publishing_minutes_shows_their_decisions_at_once(client, board, clerk, django_capture_on_commit_callbacks):
    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first()
    minutes_svc.resolution_add(minute=minute, user=clerk, text="to note the CACHEDECISION report.")
    url = reverse("public:decisions")
    assert "CACHEDECISION" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    assert "CACHEDECISION" in client.get(url).content.decode()


def test_signed_in_readers_are_never_served_the_public_copy(client, board, clerk):
    MeetingFactory(board=board, date=datetime.date(2030, 11, 20), venue="CLERKONLYVENUE")
    url = reverse("public:calendar_month", args=[2030, 11]) + "?view=list"
    client.get(url)
    client.force_login(clerk)
    page = client.get(url)
    assert "X-Public-Cache" not in page and "CLERKONLYVENUE" in page.content.decode()
    client.logout()
    assert "CLERKONLYVENUE" not in client.get(url).content.decode()


def test_feeds_answer_from_the_cache_and_show_minutes_once_published(client, board, clerk,
                                                                     django_capture_on_commit_callbacks):
    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    url = reverse("public:feed_atom", args=["minutes"])
    client.get(url)
    cached = client.get(url)
    assert cached["X-Public-Cache"] == "hit" and cached["ETag"]
    assert reverse("meetings:minutes", args=[meeting.pk]) not in cached.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    fresh = client.get(url)
    assert reverse("meetings:minutes", args=[meeting.pk]) in fresh.content.decode()
    assert fresh["ETag"] != cached["ETag"] and fresh["Last-Modified"]
