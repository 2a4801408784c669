"""`load_demo` builds the board, its people and the 18 November 2013 agenda from the reference pack."""
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from boards.models import Board, Membership
from meetings.models import Meeting, Report

REFERENCE = Path(__file__).resolve().parent / "data" / "reference_frontsheet.txt"


@pytest.fixture
def demo(db, settings):
    call_command("load_demo")
    return Board.objects.get(slug="corporate-parenting-board")


def test_load_demo_is_idempotent(demo):
    counts = (Meeting.objects.count(), Membership.objects.count(), Report.objects.count())
    call_command("load_demo")
    assert (Meeting.objects.count(), Membership.objects.count(), Report.objects.count()) == counts


def test_demo_board_has_its_people_and_roles(demo, client):
    html = client.get(reverse("board_detail", args=[demo.slug])).content.decode()
    for text in ("Councillor David Mellen", "Chair", "Councillor Ginny Klein", "Vice-Chair", "Nottingham City Homes",
                 "Catherine Ziane-Pryor", "0115 8764298", "LB 31/32 at Loxley House, Station Street"):
        assert text in html


def _text_lines(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    html = re.sub(r"</(p|h1|h2|dt|dd|li|div|span|header)>", "\n", html)
    text = re.sub(r"<[^>]+>", " ", html)
    import html as htmllib

    lines = [re.sub(r"\s+", " ", htmllib.unescape(line)).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def _normalise(line):
    return re.sub(r"[\s*\-–]+", " ", line).strip()


def test_front_sheet_reads_like_the_reference(demo, client):
    meeting = Meeting.objects.get(board=demo, date="2013-11-18")
    html = client.get(reverse("meetings:frontsheet", args=[meeting.pk])).content.decode()
    ours = " ".join(_normalise(line) for line in _text_lines(html))
    # Every reference line is there, in the reference order.
    position = 0
    for line in REFERENCE.read_text().splitlines():
        if line.strip():
            found = ours.find(_normalise(line), position)
            assert found >= 0, f"Missing (or out of order) on the front sheet: {line!r}"
            position = found + len(_normalise(line))


def test_minutes_item_links_to_the_previous_meetings_minutes(demo, client):
    meeting = Meeting.objects.get(board=demo, date="2013-11-18")
    item = meeting.items.get(position=3)
    html = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert "Minutes of the meeting held on 23 September 2013" in html


def test_load_demo_queues_the_18_november_packs_for_the_worker_once(db, django_capture_on_commit_callbacks):
    from packs.models import Pack

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("load_demo")
    meeting = Meeting.objects.get(date="2013-11-18")
    assert sorted(Pack.objects.filter(meeting=meeting).values_list("variant", "state")) == [
        ("members", "queued"), ("public", "queued")]
    assert len(callbacks) >= 2  # each pack's Celery task is enqueued once the load commits
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo")
    assert list(Pack.objects.filter(meeting=meeting).values_list("requested", flat=True)) == [1, 1]
