"""Signed minutes never change: whatever happens to the records they were written from afterwards
(the agenda's order and titles, the meeting's venue and times, the board, its members' names and
roles, attendance, declarations), the printed minutes stay byte for byte as signed."""
import datetime
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from boards import services as board_services
from boards.models import Membership
from core.concurrency import UNCHECKED
from minutes import services as svc
from meetings import services as meeting_services
from meetings.demo import load_demo as load_board
from minutes.demo import load_demo
from meetings.models import Meeting
from minutes.models import Attendance, Declaration, MinutesLocked
from minutes.papers import minutes_paper_html, minutes_pdf_bytes


@pytest.fixture
def demo(db):
    board = load_board()
    load_demo(board)
    return board


def _paper_on_page(html: str) -> str:
    """The minutes themselves on the minutes page (the page around them names the reader)."""
    start = html.index('<div class="minutes-paper')
    return html[start:html.index("\n</div>\n", start)]


def _everything_printed(client, clerk, meeting):
    client.force_login(clerk)
    members_page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    members_print = client.get(reverse("meetings:minutes_print", args=[meeting.pk])).content.decode()
    client.logout()
    public_page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    public_print = client.get(reverse("meetings:minutes_print", args=[meeting.pk])).content.decode()
    pdf = PdfReader(BytesIO(minutes_pdf_bytes(meeting)))
    return {
        "paper": minutes_paper_html(meeting),
        "public paper": minutes_paper_html(meeting, public=True),
        "members' page": _paper_on_page(members_page),
        "public page": _paper_on_page(public_page),
        "members' printable page": members_print,
        "public printable page": public_print,
        "pdf text": "\n".join(p.extract_text() for p in pdf.pages),
    }


def test_editing_every_source_after_signing_leaves_the_printed_minutes_byte_for_byte(demo, client):
    clerk = get_user_model().objects.get(username="clerk")
    september = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    november = Meeting.objects.get(board=demo, date=datetime.date(2013, 11, 18))
    svc.minutes_confirm(meeting=september, at_meeting=november, user=clerk, signed=True)
    before = _everything_printed(client, clerk, Meeting.objects.get(pk=september.pk))
    assert "agenda item 4, (minute 24)" in before["paper"]  # as minuted (the reference's words)
    assert "Loxley House" in before["paper"] and "to 4.11 pm" in before["paper"]

    # The agenda: an item moved (the declaration's item and minute numbers came from here) and retitled.
    fostering = september.items.get(position=5)
    meeting_services.agenda_item_move(item=fostering, direction="up", user=clerk)
    fostering.refresh_from_db()
    assert fostering.position == 4
    meeting_services.agenda_item_update(item=fostering, version=UNCHECKED, user=clerk, title="Something else entirely")
    camhs = september.items.get(position=5)
    meeting_services.agenda_item_update(item=camhs, version=UNCHECKED, user=clerk, title="Renamed CAMHS item")
    # The meeting's details: venue and times.
    september.refresh_from_db()
    meeting_services.meeting_update(meeting=september, version=UNCHECKED, user=clerk, venue="Council House",
                                    start_time=datetime.time(10, 0), end_time=datetime.time(17, 45))
    # The next meeting's details (the "date of next meeting" minute was written from them).
    november.refresh_from_db()
    meeting_services.meeting_update(meeting=november, version=UNCHECKED, user=clerk, venue="Somewhere new",
                                    start_time=datetime.time(9, 30))
    # The board and its members: a new name, a member renamed, the Vice-Chair stepping down to member.
    demo.refresh_from_db()
    board_services.board_update(board=demo, version=UNCHECKED, user=clerk, name="Renamed Board")
    klein = Membership.objects.get(board=demo, person__last_name="Klein")
    klein.role = Membership.Role.MEMBER
    klein.save()
    mellen = klein.person.__class__.objects.get(last_name="Mellen")
    mellen.first_name = "Dave"
    mellen.save()
    # Attendance and declarations: every path through the model refuses …
    morris = Attendance.objects.get(meeting=september, person__last_name="Morris")
    morris.to_minute = 23
    with pytest.raises(MinutesLocked):
        morris.save()
    declaration = Declaration.objects.get(meeting=september)
    with pytest.raises(MinutesLocked):
        svc.declaration_delete(declaration=declaration, user=clerk)
    # … and even rows changed behind the model's back do not reach the signed minutes.
    Attendance.objects.filter(meeting=september, person__last_name="Klein").update(status=Attendance.Status.PRESENT)
    Attendance.objects.filter(meeting=september, person__last_name="Morris").update(from_minute=19, to_minute=20)
    Attendance.objects.filter(meeting=september, person__last_name="Culley").update(status=Attendance.Status.ABSENT)
    Declaration.objects.filter(pk=declaration.pk).update(text="a different interest", action=Declaration.Action.TOOK_PART)

    after = _everything_printed(client, clerk, Meeting.objects.get(pk=september.pk))
    for name in before:
        assert after[name] == before[name], f"the {name} changed after signing"


def test_signed_minutes_say_they_were_confirmed_and_signed(demo, client):
    july = Meeting.objects.get(board=demo, date=datetime.date(2013, 7, 15))
    text = re.sub(r"\s+", " ", minutes_paper_html(july))
    assert "Confirmed as a correct record on 23 September 2013 and signed by the Chair." in text
    assert "Draft minutes" not in text
    page = client.get(reverse("meetings:minutes_print", args=[july.pk])).content.decode()
    assert "Confirmed as a correct record on 23 September 2013 and signed by the Chair." in page
    september = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    draft = minutes_paper_html(september)
    assert "Confirmed as a correct record" not in draft and "Draft minutes – for confirmation" in draft
