"""A clerk builds an agenda: standard items appear, items move, numbers follow, exempt needs a paragraph."""
import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Meeting

from tests.factories import MeetingFactory


def _titles(meeting):
    return list(meeting.items.order_by("position").values_list("position", "title"))


def test_new_meeting_opens_with_the_standard_items_naming_the_last_meeting(client, clerk, board):
    MeetingFactory(board=board, date=datetime.date(2030, 9, 23))
    client.force_login(clerk)
    response = client.post(reverse("meetings:create", args=[board.slug]),
                           {"date": "2030-11-18", "start_time": "14:00", "venue": "Loxley House"})
    meeting = Meeting.objects.get(date=datetime.date(2030, 11, 18))
    assert response.status_code == 302
    assert _titles(meeting) == [(1, "Apologies for absence"), (2, "Declarations of interests"), (3, "Minutes")]
    assert meeting.items.get(position=3).description == "Last meeting held on 23 September 2030 (for confirmation)"


def test_added_items_go_to_the_end_and_moves_renumber(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    client.force_login(clerk)
    for title in ("Fostering update", "Health of children in care"):
        client.post(reverse("meetings:item_create", args=[meeting.pk]), {"title": title, "paper_status": "attached",
                                                                          "presenter": "Report of Director of Safeguarding"})
    health = meeting.items.get(title="Health of children in care")
    assert health.number == 5
    client.post(reverse("meetings:item_move", args=[health.pk]), {"direction": "up"})
    assert _titles(meeting)[3:] == [(4, "Health of children in care"), (5, "Fostering update")]
    # Moving the first item up does nothing.
    first = meeting.items.get(position=1)
    client.post(reverse("meetings:item_move", args=[first.pk]), {"direction": "up"})
    assert meeting.items.get(position=1).pk == first.pk


def test_drag_and_drop_order_is_saved(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    client.force_login(clerk)
    response = client.post(reverse("meetings:items_reorder", args=[meeting.pk]), {"item": ids[::-1]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert list(meeting.items.order_by("position").values_list("pk", flat=True)) == ids[::-1]


def test_reorder_with_a_stale_list_is_refused(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    ids = list(meeting.items.values_list("pk", flat=True))
    client.force_login(clerk)
    response = client.post(reverse("meetings:items_reorder", args=[meeting.pk]), {"item": ids[:2]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409


def test_removing_an_item_renumbers_the_rest(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    client.force_login(clerk)
    client.post(reverse("meetings:item_delete", args=[meeting.items.get(position=2).pk]))
    assert [p for p, _ in _titles(meeting)] == [1, 2]


def test_exempt_item_needs_a_paragraph_and_a_reason(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    client.force_login(clerk)
    response = client.post(reverse("meetings:item_create", args=[meeting.pk]), {"title": "Contract", "is_exempt": "on"})
    assert response.status_code == 400
    assert "Choose the Schedule 12A paragraph" in response.content.decode()
    response = client.post(reverse("meetings:item_create", args=[meeting.pk]),
                           {"title": "Contract", "is_exempt": "on", "exempt_paragraph": "3", "exempt_reason": "Prices"})
    assert response.status_code == 302
    item = meeting.items.get(title="Contract")
    assert (item.is_exempt, item.exempt_paragraph, item.exempt_reason) == (True, 3, "Prices")


def test_meeting_page_shows_the_deadline_and_warns_once_passed(client, clerk, board):
    meeting = MeetingFactory(board=board, date=datetime.date(2013, 11, 18))
    client.force_login(clerk)
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Friday 8 November 2013" in html
    assert "The publication deadline has passed" in html


def test_late_publication_needs_and_keeps_an_urgency_reason(client, clerk, board):
    meeting = MeetingFactory(board=board, date=datetime.date(2013, 11, 18))
    client.force_login(clerk)
    client.post(reverse("meetings:publish", args=[meeting.pk]), {"urgency_reason": ""})
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None
    client.post(reverse("meetings:publish", args=[meeting.pk]), {"urgency_reason": "Report delayed by Ofsted visit"})
    meeting.refresh_from_db()
    assert meeting.is_published
    assert meeting.urgency_reason == "Report delayed by Ofsted visit"
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED


def test_publication_in_time_needs_no_reason(clerk, board, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))
    with django_capture_on_commit_callbacks() as callbacks:
        services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))
    assert Meeting.objects.get(pk=meeting.pk).is_published
    assert len([c for c in callbacks if "agenda_publish" in c.__qualname__]) == 1  # the members' notice is queued for the worker


def test_changes_are_audited_with_the_user(clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    item = meeting.items.get(position=1)
    services.agenda_item_update(item=item, version=item.version, user=clerk, title="Apologies")
    record = AgendaItem.history.filter(id=item.pk).order_by("-history_date").first()
    assert record.history_user == clerk
    assert record.title == "Apologies"


def test_history_page_shows_who_changed_what(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    item = meeting.items.get(position=1)
    services.agenda_item_update(item=item, version=item.version, user=clerk, presenter="Report of the Chair")
    client.force_login(clerk)
    html = client.get(reverse("meetings:item_history", args=[item.pk])).content.decode()
    assert "Report of the Chair" in html
    assert clerk.get_full_name() in html
