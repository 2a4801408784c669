"""The printed minutes of the demo meeting read like the council's minutes of 23 September 2013."""
import datetime
import html
import re

import pytest
from django.urls import reverse

from meetings.demo import load_demo as load_board
from minutes.demo import load_demo
from meetings.models import Meeting
from minutes.papers import minutes_paper_html, response_to_resolutions_html


def text_of(fragment: str) -> str:
    fragment = re.sub(r"<style.*?</style>", "", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.fixture
def demo(db):
    board = load_board()
    load_demo(board)
    load_demo(board)  # idempotent
    return board


def test_printed_minutes_contain_the_reference_blocks_in_order(demo):
    meeting = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    text = text_of(minutes_paper_html(meeting))
    heading = text.index("MINUTES of the meeting held at Loxley House on 23 SEPTEMBER 2013 from 3.00 pm to 4.11 pm")
    chair = text.index("✓ Councillor David Mellen (Chair)")
    partial = text.index("✓ Councillor Jackie Morris (minutes 22 to 24 inclusive)")
    key = text.index("✓ indicates present at meeting")
    others = text.index("Colleagues, partners and others in attendance:")
    assert "✓ Councillor Ginny Klein" not in text and "Councillor Ginny Klein (Vice-Chair)" in text
    assert "Councillor Rosemary Healy - Observing" in text and "Gill Moy - Nottingham City Homes" in text
    starts = [text.index(f"{n} {title}") for n, title in [
        (19, "APOLOGIES FOR ABSENCE"), (20, "DECLARATIONS OF INTERESTS"), (21, "MINUTES"),
        (22, "IMPROVING HEALTH OUTCOMES WITHIN CAMHS"), (23, "COMMISSIONED SERVICES AND THE REFORM AGENDA"),
        (24, "DATE OF NEXT MEETING")]]
    assert heading < chair < partial < key < others < starts[0]
    assert starts == sorted(starts)
    minute_22 = text[starts[3]:starts[4]]
    assert "(k) Young people do have a say in their consultations" in minute_22
    assert "(t) It would be helpful if carers could make referrals" in minute_22
    assert "(viii) Network Meetings - Police/ Youth Offending Team;" in minute_22
    assert "The following information was prompted by the Board's questions:" in minute_22
    assert minute_22.rstrip().endswith("RESOLVED to note the report.")
    minute_23 = text[starts[4]:starts[5]]
    resolved = minute_23.index("RESOLVED")
    assert minute_23.index("(v) Carers attending the meeting") < resolved
    assert minute_23.index("(1) to note: (i) the steps being taken locally") > resolved
    assert "(2) to approve the continuation of offering foster carers" in minute_23[resolved:]
    assert "(3) to review the work commissioned through Social Work Choices" in minute_23[resolved:]
    # He sent apologies, then came: he is ticked present and no longer listed under apologies.
    assert "✓ Councillor Glyn Jenkins" in text[:starts[0]]
    assert "Jenkins" not in text[starts[0]:starts[1]]
    assert "The Board confirmed the minutes of the meeting held on 15 July 2013, as a correct record and they were signed by the Chair." in text[starts[2]:starts[3]]
    assert "RESOLVED to note that the next meeting is scheduled to be held on 18 November 2013" in text[starts[5]:]


def test_printable_page_and_pdf_of_the_demo_minutes(demo, client):
    meeting = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    page = client.get(reverse("meetings:minutes_print", args=[meeting.pk]))
    assert page.status_code == 200
    assert "23 SEPTEMBER 2013" in page.content.decode()
    pdf = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf.content))
    extracted = " ".join(p.extract_text() for p in reader.pages)
    assert "23 SEPTEMBER 2013" in extracted and "to approve the continuation" in extracted


def test_response_to_resolutions_paper_quotes_the_july_resolutions_with_their_responses(demo):
    november = Meeting.objects.get(board=demo, date=datetime.date(2013, 11, 18))
    text = text_of(response_to_resolutions_html(november))
    assert text.startswith("Response to Resolutions from Corporate Parenting Board 15 July 2013 to be presented to the 18 November 2013 meeting")
    assert "numbered (1) to (4) below along with actions taken since" in text
    order = [text.index(s) for s in [
        "(1) To request BITC", "We are delighted that the Face-Up Facebook page is now live",
        "(2) To request Jamie Shrivastava", "Dave Richards has met with Sharon Clarke",
        "(3) To receive a further report", "(i) A business case for the proposal", "Happily, Sharon Clarke",
        "(ii) The potential inclusion of young single parents", "These information/sessions are now offered",
        "(4) To note the Board's appreciation"]]
    assert order == sorted(order)
    september = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    assert response_to_resolutions_html(september) is None


def test_demo_minutes_print_the_reference_words_not_a_rewrite_from_data(demo):
    """The record says "informed the Committee ... agenda item 4, (minute 24)" and "2.30pm in Loxley
    House", though the data would word it otherwise: the minutes print what was minuted, and drafting
    again does not rewrite it."""
    from pathlib import Path

    from minutes import services as svc

    source = Path("/work/shared/reference/000_a2ad3c7a7f996cd2.txt")
    reference = " ".join(source.read_text().split()) if source.exists() else ""
    meeting = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    declaration = ("Although not required to do so, Councillor Mellen informed the Committee that, with regard to "
                   "agenda item 4, (minute 24) he had a close friend who was part of the Fostering Network, and so "
                   "while remaining in the room, he would not comment during this item.")
    next_meeting = "RESOLVED to note that the next meeting is scheduled to be held on 18 November 2013 at 2.30pm in Loxley House."
    if reference:
        assert declaration in reference and next_meeting in reference
    text = text_of(minutes_paper_html(meeting))
    assert declaration in text
    assert next_meeting in text
    user = demo.clerk.user
    svc.minutes_draft(meeting=meeting, user=user)  # drafting again keeps the record's words
    text = text_of(minutes_paper_html(meeting))
    assert declaration in text and next_meeting in text
