"""Exempt papers never reach the public: only the item's number, title and paragraph show."""
import datetime

import pytest
from django.urls import reverse

from meetings.models import Report

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

MARKER = "ZEBRA-EXEMPT-7781"


@pytest.fixture
def published_meeting(board, officer):
    meeting = MeetingFactory(board=board, agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
    open_item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    exempt_item = AgendaItemFactory(meeting=meeting, position=2, title="Residential contract award", is_exempt=True,
                                    exempt_paragraph=3, exempt_reason="Commercially sensitive prices")
    ReportFactory(agenda_item=open_item, author=officer, status=Report.Status.PUBLISHED, title="Fostering update report")
    secret = ReportFactory(agenda_item=exempt_item, author=officer, status=Report.Status.PUBLISHED,
                           title=f"Contract prices {MARKER}", summary=f"Bid values {MARKER}")
    return meeting, exempt_item, secret


def test_public_sees_exempt_item_number_title_and_paragraph_only(client, published_meeting):
    meeting, exempt_item, secret = published_meeting
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "RESIDENTIAL CONTRACT AWARD" in html
    assert "paragraph 3" in html
    assert "Fostering update report" in html
    assert MARKER not in html
    assert "Commercially sensitive prices" not in html


@pytest.mark.parametrize("url_name", ["home", "board_detail", "meetings:frontsheet", "meetings:item"])
def test_exempt_report_is_absent_from_every_public_page(client, published_meeting, url_name):
    meeting, exempt_item, secret = published_meeting
    args = {"home": [], "board_detail": [meeting.board.slug], "meetings:frontsheet": [meeting.pk],
            "meetings:item": [exempt_item.pk]}[url_name]
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


def test_public_cannot_open_exempt_report(client, published_meeting):
    _, _, secret = published_meeting
    assert client.get(reverse("meetings:report", args=[secret.pk])).status_code == 404


def test_member_reads_exempt_report(client, published_meeting, member):
    _, _, secret = published_meeting
    client.force_login(member)
    response = client.get(reverse("meetings:report", args=[secret.pk]))
    assert response.status_code == 200
    assert MARKER in response.content.decode()


def test_public_queryset_excludes_exempt_and_unpublished(published_meeting, board, officer):
    _, _, secret = published_meeting
    unpublished = MeetingFactory(board=board, date=datetime.date(2031, 2, 1))
    hidden = ReportFactory(agenda_item=AgendaItemFactory(meeting=unpublished), author=officer, status=Report.Status.APPROVED)
    public_ids = set(Report.objects.public().values_list("pk", flat=True))
    assert secret.pk not in public_ids
    assert hidden.pk not in public_ids
    assert len(public_ids) == 1


def test_member_finds_the_exempt_report_on_the_meeting_page(client, published_meeting, member, other_officer):
    meeting, _, secret = published_meeting
    client.force_login(member)
    assert secret.title in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    client.force_login(other_officer)  # not a member, did not write it
    assert MARKER not in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
