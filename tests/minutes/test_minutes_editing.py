"""The clerk edits minutes: points letter themselves, move with the keyboard buttons or by drag,
stale saves are refused with nothing lost, and the lifecycle runs draft → published → confirmed."""
import datetime

from django.test import Client
from django.urls import reverse

from minutes import services as svc
from minutes.selectors import minute_points, minute_resolutions
from meetings.models import Meeting
from minutes.models import Minute, MinutesStatus

from tests.factories import UserFactory, user_with_role
from tests.minutes.factories import drafted


def labels(minute):
    return [(p.label, p.obj.text, [(c.label, c.obj.text) for c in p.children]) for p in minute_points(minute.points.all())]


def test_clerk_adds_points_and_subpoints_that_letter_themselves_and_moves_them(client, board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    minute = meeting.minutes.get(number=4)
    client.force_login(clerk)
    add = reverse("meetings:point_add", args=[minute.pk])
    client.post(add, {"point-text": "first point", "point-lead_in": "The following points were highlighted:"})
    client.post(add, {"point-text": "second point"})
    a = minute.points.get(text="first point")
    client.post(add, {"point-text": "a sub-point", "point-parent": a.pk})
    assert labels(minute) == [("(a)", "first point", [("(i)", "a sub-point")]), ("(b)", "second point", [])]
    b = minute.points.get(text="second point")
    client.post(reverse("meetings:point_move", args=[b.pk]), {"direction": "up"})
    assert [p[:2] for p in labels(minute)] == [("(a)", "second point"), ("(b)", "first point")]
    # Drag and drop sends the whole order.
    client.post(reverse("meetings:points_reorder", args=[minute.pk]), {"item": [a.pk, b.pk], "parent": ""})
    assert [p[:2] for p in labels(minute)] == [("(a)", "first point"), ("(b)", "second point")]
    page = client.get(reverse("meetings:minute_edit", args=[minute.pk])).content.decode()
    assert 'Move down<span class="visually-hidden"> point (a)</span>' in page


def test_two_numbered_resolutions_with_a_sub_resolution(client, board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    minute = meeting.minutes.get(number=4)
    client.force_login(clerk)
    add = reverse("meetings:resolution_add", args=[minute.pk])
    client.post(add, {"resolution-text": "to note:"})
    first = minute.resolutions.get()
    client.post(add, {"resolution-text": "the steps being taken;", "resolution-parent": first.pk})
    client.post(add, {"resolution-text": "to approve the continuation."})
    tree = minute_resolutions(minute.resolutions.all())
    assert [(r.label, [c.label for c in r.children]) for r in tree] == [("(1)", ["(i)"]), ("(2)", [])]
    printed = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "(2)</span> to approve the continuation." in printed


def test_a_second_clerks_stale_save_is_refused_and_nothing_is_lost(board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    minute = meeting.minutes.get(number=4)
    second_clerk = user_with_role(board, "clerk", "second_clerk")
    first_client, second_client = Client(), Client()
    first_client.force_login(clerk)
    second_client.force_login(second_clerk)
    url = reverse("meetings:minute_edit", args=[minute.pk])
    started_from = minute.version
    ok = first_client.post(url, {"title": "Fostering", "narrative": "First clerk's narrative.", "closing": "", "version": started_from})
    assert ok.status_code == 302
    stale = second_client.post(url, {"title": "Fostering", "narrative": "Second clerk's narrative.", "closing": "", "version": started_from})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Someone else saved a newer version" in body
    assert "Second clerk&#x27;s narrative." in body  # what they typed is still in the form
    minute.refresh_from_db()
    assert minute.narrative == "First clerk's narrative."


def test_a_stale_attendance_sheet_is_refused(client, board, clerk, member):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    client.force_login(clerk)
    url = reverse("meetings:attendance", args=[meeting.pk])
    client.get(url)
    row = meeting.attendance.get(person=member.person)
    version = meeting.minutes_record.version

    def sheet(status):
        return {"att-TOTAL_FORMS": "1", "att-INITIAL_FORMS": "1", "att-0-id": row.pk, "att-0-status": status, "version": version}

    assert client.post(url, sheet("apologies")).status_code == 302
    assert client.post(url, sheet("absent")).status_code == 409
    row.refresh_from_db()
    assert row.status == "apologies"


def test_apologies_sent_in_advance_prefill_the_attendance_and_are_minuted(client, board, clerk, member):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    client.force_login(member)
    client.post(reverse("meetings:apologies", args=[meeting.pk]), {"person": member.person.pk, "reason": "on other Council business"})
    client.force_login(clerk)
    client.get(reverse("meetings:attendance", args=[meeting.pk]))
    row = meeting.attendance.get(person=member.person)
    assert row.status == "apologies" and row.apology_in_advance
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert f"{member.person.full_name} (on other Council business)" in page


def test_lifecycle_draft_publish_confirm_at_the_next_meeting(client, board, clerk, chair):
    first = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    second = drafted(board, datetime.date(2030, 3, 10), clerk)
    client.force_login(clerk)
    client.post(reverse("meetings:minutes_publish", args=[first.pk]))
    assert first.minutes_record.__class__.objects.get(meeting=first).status == MinutesStatus.PUBLISHED
    client.post(reverse("meetings:minutes_confirm", args=[first.pk]), {"at_meeting": second.pk, "signed": "on"})
    record = first.minutes_record.__class__.objects.get(meeting=first)
    assert record.status == MinutesStatus.SIGNED and record.signed_by == chair.person
    assert Meeting.objects.get(pk=first.pk).status == Meeting.Status.SIGNED
    minutes_item = Minute.objects.get(meeting=second, kind=Minute.Kind.MINUTES)
    assert minutes_item.resolutions.get().text == (
        "confirmed the minutes of the meeting held on 10 January 2030, as a correct record and they were signed by the Chair.")
    page = client.get(reverse("meetings:minutes", args=[second.pk])).content.decode()
    assert "The Board confirmed the minutes of the meeting held on 10 January 2030" in page


def test_date_of_next_meeting_is_written_from_the_next_meeting(board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1,
                      titles=("Apologies", "Declarations", "Minutes", "Date of next meeting"))
    drafted(board, datetime.date(2030, 3, 18), clerk, start_time=datetime.time(14, 30), venue="Loxley House")
    svc.minutes_refresh_from_records(meeting=meeting, user=clerk)
    minute = meeting.minutes.get(kind=Minute.Kind.NEXT_MEETING)
    assert minute.resolutions.get().text == "to note that the next meeting is scheduled to be held on 18 March 2030 at 2.30pm in Loxley House."
