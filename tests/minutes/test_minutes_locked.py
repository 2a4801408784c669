"""Confirmed minutes are locked: every path refuses an edit, and nothing changes."""
import datetime

import pytest
from django.urls import reverse

from minutes import services as svc
from minutes.forms import MinuteForm, PointForm
from minutes.models import Attendance, Minute, MinutePoint, MinutesLocked, Resolution

from tests.factories import PersonFactory
from tests.minutes.factories import drafted


@pytest.fixture
def locked(board, clerk):
    old = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    later = drafted(board, datetime.date(2030, 3, 10), clerk)
    minute = old.minutes.get(number=4)
    point = svc.point_add(minute=minute, text="Original point", user=clerk)
    resolution = svc.resolution_add(minute=minute, text="to review the service", user=clerk)
    svc.minutes_publish(meeting=old, user=clerk)
    svc.minutes_confirm(meeting=old, at_meeting=later, user=clerk)
    minute.refresh_from_db()
    point.refresh_from_db()
    resolution.refresh_from_db()
    return {"meeting": old, "later": later, "minute": minute, "point": point, "resolution": resolution}


def test_model_save_and_delete_refuse_changes_to_locked_minutes(locked):
    minute = locked["minute"]
    minute.title = "Rewritten"
    with pytest.raises(MinutesLocked):
        minute.save()
    with pytest.raises(MinutesLocked):
        Minute.objects.get(pk=minute.pk).delete()
    point = locked["point"]
    point.text = "Rewritten"
    with pytest.raises(MinutesLocked):
        point.save()
    with pytest.raises(MinutesLocked):
        MinutePoint(minute=minute, text="Sneaked in", order=9).save()
    with pytest.raises(MinutesLocked):
        Attendance(meeting=locked["meeting"], person=PersonFactory()).save()
    assert Minute.objects.get(pk=minute.pk).title != "Rewritten"
    assert MinutePoint.objects.get(pk=point.pk).text == "Original point"


def test_locked_minutes_record_cannot_go_back_to_draft(locked):
    record = locked["meeting"].minutes_record
    record.status = "draft"
    with pytest.raises(MinutesLocked):
        record.save()


def test_resolution_wording_is_locked_but_its_tracking_is_not(locked, clerk):
    resolution = Resolution.objects.get(pk=locked["resolution"].pk)
    resolution.text = "to do something else"
    with pytest.raises(MinutesLocked):
        resolution.save()
    resolution = Resolution.objects.get(pk=locked["resolution"].pk)
    svc.resolution_track(resolution=resolution, version=resolution.version, user=clerk, status=Resolution.Status.DONE)
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.DONE and resolution.text == "to review the service"


def test_forms_refuse_locked_minutes(locked):
    minute = locked["minute"]
    form = MinuteForm({"title": "Rewritten", "narrative": "", "closing": "", "version": minute.version}, instance=minute)
    assert not form.is_valid()
    assert "locked" in str(form.non_field_errors())
    form = PointForm({"point-text": "New", "point-lead_in": ""}, minute=minute, prefix="point")
    assert not form.is_valid()


def test_views_refuse_edits_to_locked_minutes(client, locked, clerk):
    client.force_login(clerk)
    minute, point = locked["minute"], locked["point"]
    posts = [
        (reverse("meetings:minute_edit", args=[minute.pk]), {"title": "Rewritten", "narrative": "x", "version": minute.version}),
        (reverse("meetings:point_add", args=[minute.pk]), {"point-text": "Sneaked in"}),
        (reverse("meetings:point_edit", args=[point.pk]), {"text": "Rewritten", "version": point.version}),
        (reverse("meetings:point_delete", args=[point.pk]), {}),
        (reverse("meetings:point_move", args=[point.pk]), {"direction": "up"}),
        (reverse("meetings:resolution_add", args=[minute.pk]), {"resolution-text": "to do more"}),
        (reverse("meetings:minute_delete", args=[minute.pk]), {}),
        (reverse("meetings:minute_insert", args=[minute.meeting_id]), {"title": "Inserted"}),
        (reverse("meetings:attendance", args=[minute.meeting_id]), {"att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"}),
        (reverse("meetings:declarations", args=[minute.meeting_id]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 403, url
    minute.refresh_from_db()
    assert minute.title != "Rewritten"
    assert list(minute.points.values_list("text", flat=True)) == ["Original point"]
    assert minute.resolutions.count() == 1


def test_admin_shows_locked_minutes_read_only_and_refuses_a_post(client, locked, admin_user):
    client.force_login(admin_user)
    minute = locked["minute"]
    url = reverse("admin:minutes_minute_change", args=[minute.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="title"' not in page.content  # view only
    response = client.post(url, {"title": "Rewritten", "meeting": minute.meeting_id, "number": minute.number, "kind": "business",
                                 "position": minute.position, "resolution_style": "resolved", "version": minute.version})
    assert response.status_code == 403
    assert client.post(reverse("admin:minutes_minute_delete", args=[minute.pk]), {"post": "yes"}).status_code == 403
    assert Minute.objects.get(pk=minute.pk).title == minute.title


def test_a_correction_is_a_new_decision_linked_to_the_locked_minute(locked, clerk, board):
    third = drafted(board, datetime.date(2030, 5, 10), clerk)
    correction = svc.correction_record(minute=locked["minute"], at_meeting=third, user=clerk, text="the figure was 28, not 27")
    assert correction.corrects == locked["minute"]
    assert correction.meeting == third
    assert "to correct minute 4" in correction.resolutions.get().text
    assert list(locked["minute"].corrections.all()) == [correction]
