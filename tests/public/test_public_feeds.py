"""RSS and Atom feeds (agendas, packs, minutes, decisions; overall and per board) read by
feedparser without complaint, with what a feed reader would show, and answered 304 when unchanged."""
import datetime

import feedparser
import pytest
from django.urls import reverse

from minutes import services as minutes_svc
from minutes.models import Minute

from tests.factories import MeetingFactory
from tests.minutes.factories import drafted

KINDS = ("agendas", "packs", "minutes", "decisions")


@pytest.fixture
def published_minutes(board, clerk):
    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=20)
    minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first()
    minutes_svc.resolution_add(minute=minute, user=clerk, text="to ask for a FEEDDECISION report on placements.")
    minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    return meeting


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return feed


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_every_feed_parses_cleanly_overall_and_per_board(client, board, published_minutes, kind, fmt):
    overall = _parse(client, reverse(f"public:feed_{fmt}", args=[kind]))
    per_board = _parse(client, reverse(f"public:board_feed_{fmt}", args=[board.slug, kind]))
    assert overall.version == ("rss20" if fmt == "rss" else "atom10")
    assert board.name in per_board.feed.title


def test_decisions_feed_carries_the_resolution_and_minute(client, board, published_minutes):
    feed = _parse(client, reverse("public:board_feed_atom", args=[board.slug, "decisions"]))
    texts = [e.title + " " + e.summary for e in feed.entries]
    assert any("FEEDDECISION" in t and "Minute" in t for t in texts)


def test_minutes_and_agenda_feeds_link_to_the_meeting(client, board, published_minutes):
    minutes = _parse(client, reverse("public:feed_rss", args=["minutes"]))
    assert [e.link.endswith(reverse("meetings:minutes", args=[published_minutes.pk])) for e in minutes.entries] == [True]
    agendas = _parse(client, reverse("public:feed_rss", args=["agendas"]))
    assert any(e.link.endswith(published_minutes.get_absolute_url()) for e in agendas.entries)


def test_unpublished_meeting_and_draft_minutes_are_in_no_feed(client, board, clerk):
    hidden = MeetingFactory(board=board, date=datetime.date(2031, 1, 20), venue="FEEDHIDDENVENUE")
    drafted(board, datetime.date(2013, 11, 18), clerk, first_number=30)
    minute = Minute.objects.filter(meeting__date=datetime.date(2013, 11, 18), kind=Minute.Kind.BUSINESS).first()
    minutes_svc.resolution_add(minute=minute, user=clerk, text="FEEDDRAFT to note.")
    for kind in KINDS:
        for fmt in ("rss", "atom"):
            body = client.get(reverse(f"public:feed_{fmt}", args=[kind])).content
            assert b"FEEDHIDDENVENUE" not in body and b"FEEDDRAFT" not in body
            assert f"/meetings/{hidden.pk}/".encode() not in body


def test_unknown_feed_is_not_found(client, board):
    assert client.get(reverse("public:feed_rss", args=["gossip"])).status_code == 404
    assert client.get(reverse("public:board_feed_rss", args=["no-such-board", "agendas"])).status_code == 404


def test_feed_has_etag_and_last_modified_and_answers_304(client, published_minutes):
    url = reverse("public:feed_rss", args=["minutes"])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
