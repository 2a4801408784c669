"""An edit that reaches confirmed (locked) minutes is refused with the reason, never a server error."""
import datetime

import pytest
from django.urls import reverse

from minutes import services as svc
from minutes.models import Attendance, MinutesLocked

from tests.minutes.factories import drafted


@pytest.fixture
def confirmed(board, clerk, member):
    old = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    later = drafted(board, datetime.date(2030, 3, 10), clerk)
    svc.point_add(minute=old.minutes.get(number=4), text="Original point", user=clerk)
    svc.minutes_publish(meeting=old, user=clerk)
    svc.minutes_confirm(meeting=old, at_meeting=later, user=clerk)
    return old


def test_admin_posting_apologies_to_confirmed_minutes_sees_why_it_was_refused(client, admin_user, member, confirmed):
    client.force_login(admin_user)  # `rules` never refuses a superuser: the model layer does
    response = client.post(reverse("meetings:apologies", args=[confirmed.pk]),
                           {"person": member.person.pk, "reason": "on other Council business"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "You don&#x27;t have permission to do this" in page or "You don't have permission to do this" in page
    assert MinutesLocked().message in page
    assert not Attendance.objects.filter(meeting=confirmed, apology_reason="on other Council business").exists()


def test_admin_removing_a_point_of_a_confirmed_minute_is_refused_with_the_reason(client, admin_user, confirmed):
    point = confirmed.minutes.get(number=4).points.get()
    client.force_login(admin_user)
    response = client.post(reverse("meetings:point_delete", args=[point.pk]))
    assert response.status_code == 403
    assert "confirmed as a correct record and are locked" in response.content.decode()
    assert type(point).objects.filter(pk=point.pk).exists()


def test_admin_can_still_read_the_attendance_of_confirmed_minutes(client, admin_user, confirmed):
    client.force_login(admin_user)
    assert client.get(reverse("meetings:attendance", args=[confirmed.pk])).status_code == 200


def test_refusal_page_for_anonymous_offers_sign_in(client, board, clerk):
    meeting = drafted(board, datetime.date(2030, 5, 10), clerk, first_number=1)
    response = client.get(reverse("meetings:minutes_edit", args=[meeting.pk]))
    # Anonymous readers are sent to sign in; a signed-in stranger gets the 403 page with links back.
    assert response.status_code == 302


def test_refusal_page_explains_and_links_back(client, public_user, board, clerk):
    meeting = drafted(board, datetime.date(2030, 5, 10), clerk, first_number=1)
    client.force_login(public_user)
    response = client.get(reverse("meetings:minutes_edit", args=[meeting.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>You don" in page and 'href="/"' in page and "ask the board" in page


def test_not_found_page_extends_the_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page and "Skip to main content" in page
