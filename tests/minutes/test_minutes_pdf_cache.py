"""The printed-minutes PDF is rendered once per content, not on every request.

Sixteen readers of published minutes used to cost sixteen WeasyPrint renders (the home page took
10 s). The PDF is now kept in the pack's section cache under a hash of the HTML it is rendered
from: asking again renders nothing; changing the minutes gives a new PDF.
"""
import datetime

import pytest
import weasyprint
from django.urls import reverse

from minutes import services as svc
from packs.models import RenderedSection

from tests.minutes.factories import meeting_with_items
from tests.packs.factories import page_texts


@pytest.fixture
def renders(monkeypatch):
    """Every WeasyPrint document made in this process."""
    made = []

    class CountingHTML(weasyprint.HTML):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", CountingHTML)
    return made


@pytest.fixture
def published_minutes(board, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = meeting_with_items(board, datetime.date(2030, 1, 14), titles=(
        "Apologies for absence", "Declarations of interests", "Minutes", "Fostering update"))
    svc.minutes_draft(meeting=meeting, user=clerk, first_number=1)
    minute = meeting.minutes.get(agenda_item__position=4)
    svc.point_add(minute=minute, user=clerk, text="Recruitment of foster carers is ahead of plan.")
    svc.minutes_publish(meeting=meeting, user=clerk)
    return meeting, minute


def test_a_second_request_renders_nothing(client, published_minutes, renders):
    meeting, _ = published_minutes
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert len(renders) == 1
    for _ in range(3):
        again = client.get(url)
        assert again.status_code == 200 and again.content == first.content
    assert len(renders) == 1  # served from the cache
    assert "Recruitment of foster carers is ahead of plan." in " ".join(page_texts(first.content))


def test_a_change_to_the_minutes_gives_a_new_pdf(client, published_minutes, renders, clerk):
    meeting, minute = published_minutes
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    before = client.get(url).content
    svc.point_add(minute=minute, user=clerk, text="The Board thanked the fostering team.")
    after = client.get(url).content
    assert len(renders) == 2
    assert after != before
    assert "The Board thanked the fostering team." in " ".join(page_texts(after))
    assert "The Board thanked the fostering team." not in " ".join(page_texts(before))
    assert client.get(url).content == after and len(renders) == 2


def test_a_lost_cache_file_is_rendered_again(client, published_minutes, renders):
    meeting, _ = published_minutes
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    first = client.get(url).content
    for section in RenderedSection.objects.all():
        section.file.delete(save=False)
    assert client.get(url).content.startswith(b"%PDF")
    assert len(renders) == 2
    assert page_texts(client.get(url).content) == page_texts(first)
    assert len(renders) == 2
