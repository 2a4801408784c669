"""The resolution tracker and the response-to-resolutions paper."""
import datetime
import re

from django.urls import reverse

from minutes import services as svc
from minutes.models import Resolution
from minutes.papers import response_to_resolutions_html

from tests.minutes.factories import drafted


def _paper_text(meeting):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", response_to_resolutions_html(meeting), flags=re.S)))


def test_paper_quotes_each_open_resolution_and_its_latest_response(board, clerk, officer):
    made = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    due = drafted(board, datetime.date(2030, 3, 10), clerk)
    minute = made.minutes.get(number=4)
    first = svc.resolution_add(minute=minute, text="to request a review of placements;", owner=officer.person, due_meeting=due, user=clerk)
    second = svc.resolution_add(minute=minute, text="to receive a further report on adoption.", owner=officer.person, due_meeting=due, user=clerk)
    svc.resolution_respond(resolution=first, user=officer, text="Review commissioned.", date=datetime.date(2030, 2, 1))
    svc.resolution_respond(resolution=first, user=officer, text="Review under way with partners.", date=datetime.date(2030, 2, 20))
    text = _paper_text(due)
    assert "(1) To request a review of placements;" in text
    assert "(2) To receive a further report on adoption." in text
    assert "Review under way with partners." in text  # the latest response
    assert text.index("(1) To request") < text.index("Review under way") < text.index("(2) To receive")
    assert "No action has been reported yet." in text  # (2) has none


def test_tracker_lists_open_resolutions_overdue_first(client, board, clerk, officer):
    past = drafted(board, datetime.date(2020, 1, 10), clerk, first_number=1)
    earlier_due = drafted(board, datetime.date(2020, 3, 10), clerk)
    future_due = drafted(board, datetime.date(2099, 3, 10), clerk)
    minute = past.minutes.get(number=4)
    later = svc.resolution_add(minute=minute, text="to report back next year", due_meeting=future_due, user=clerk)
    overdue = svc.resolution_add(minute=minute, text="to report back in March", due_meeting=earlier_due, user=clerk)
    svc.resolution_add(minute=minute, text="to note the report.", user=clerk)  # done at once: not listed
    client.force_login(clerk)
    page = client.get(reverse("meetings:resolution_tracker", args=[board.slug])).content.decode()
    assert page.index(overdue.text) < page.index(later.text)
    assert "Overdue" in page and "to note the report" not in page


def test_officer_responds_only_to_resolutions_they_own(client, board, clerk, officer, other_officer):
    made = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    minute = made.minutes.get(number=4)
    mine = svc.resolution_add(minute=minute, text="to review the service", owner=officer.person, user=clerk)
    theirs = svc.resolution_add(minute=minute, text="to consult carers", owner=other_officer.person, user=clerk)
    client.force_login(officer)
    data = {"form": "respond", "date": "2030-02-01", "text": "Done it.", "status": "done"}
    assert client.post(reverse("meetings:resolution", args=[mine.pk]), data).status_code == 302
    assert client.post(reverse("meetings:resolution", args=[theirs.pk]), data).status_code == 403
    assert client.post(reverse("meetings:resolution", args=[mine.pk]), {"form": "track", "status": "superseded"}).status_code == 403
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.status == Resolution.Status.DONE and mine.responses.count() == 1
    assert theirs.responses.count() == 0
