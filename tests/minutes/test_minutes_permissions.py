"""Who may see and change the minutes pages, across the whole cast."""
import datetime

import pytest
from django.urls import reverse

from minutes import services as svc

from tests.minutes.factories import drafted

CAST = ["clerk", "member", "officer", "other_member", "other_clerk", "admin_user", "public_user", None]


@pytest.fixture
def cast(request, clerk, member, officer, other_member, other_clerk, admin_user, public_user):
    return {"clerk": clerk, "member": member, "officer": officer, "other_member": other_member,
            "other_clerk": other_clerk, "admin_user": admin_user, "public_user": public_user, None: None}


@pytest.fixture
def meeting(board, clerk):
    return drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("who,draft,published", [
    ("clerk", 200, 200), ("member", 200, 200), ("admin_user", 200, 200),
    ("officer", 403, 200), ("other_member", 403, 200), ("other_clerk", 403, 200), ("public_user", 403, 200), (None, 404, 200),
])
def test_minutes_are_read_by_the_board_in_draft_and_by_everyone_once_published(client, cast, meeting, clerk, who, draft, published):
    url = reverse("meetings:minutes", args=[meeting.pk])
    assert _get(client, cast[who], url) == draft
    svc.minutes_publish(meeting=meeting, user=clerk)
    assert _get(client, cast[who], url) == published


def test_public_never_sees_minutes_of_an_unpublished_meeting(client, meeting, clerk):
    svc.minutes_publish(meeting=meeting, user=clerk)
    meeting.agenda_published_at = None
    meeting.save()
    assert client.get(reverse("meetings:minutes", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:minutes_print", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize("who,expected", [
    ("clerk", 200), ("admin_user", 200), ("member", 403), ("officer", 403), ("other_clerk", 403),
    ("public_user", 403), (None, 302),
])
def test_only_the_clerk_opens_the_editing_pages(client, cast, meeting, who, expected):
    minute = meeting.minutes.first()
    for name, arg in [("minutes_edit", meeting.pk), ("attendance", meeting.pk), ("declarations", meeting.pk),
                      ("minute_edit", minute.pk)]:
        assert _get(client, cast[who], reverse(f"meetings:{name}", args=[arg])) == expected, name


@pytest.mark.parametrize("who,expected", [
    ("clerk", 302), ("admin_user", 302), ("member", 403), ("officer", 403), ("other_clerk", 403), ("public_user", 403),
])
def test_only_the_clerk_changes_minutes(client, cast, meeting, who, expected):
    minute = meeting.minutes.first()
    client.force_login(cast[who])
    response = client.post(reverse("meetings:point_add", args=[minute.pk]), {"point-text": "A point"})
    assert response.status_code == expected
    assert minute.points.exists() == (expected == 302)


@pytest.mark.parametrize("who,expected", [
    ("clerk", 200), ("member", 200), ("officer", 200), ("admin_user", 200),
    ("other_member", 403), ("other_clerk", 403), ("public_user", 403), (None, 302),
])
def test_the_resolution_tracker_is_for_the_board(client, cast, board, meeting, who, expected):
    assert _get(client, cast[who], reverse("meetings:resolution_tracker", args=[board.slug])) == expected


@pytest.mark.parametrize("who,expected", [("member", 302), ("clerk", 302), ("officer", 403), ("other_member", 403), ("public_user", 403)])
def test_members_and_the_clerk_send_apologies(client, cast, meeting, who, expected):
    client.force_login(cast[who])
    person = cast[who].person if hasattr(cast[who], "person") else cast["member"].person
    response = client.post(reverse("meetings:apologies", args=[meeting.pk]), {"person": person.pk, "reason": ""})
    assert response.status_code == expected


def test_a_member_cannot_send_apologies_for_someone_else(client, meeting, member, chair):
    client.force_login(member)
    response = client.post(reverse("meetings:apologies", args=[meeting.pk]), {"person": chair.person.pk})
    assert response.status_code == 200  # form error: not a choice
    assert not meeting.attendance.filter(person=chair.person).exists()


def test_meeting_page_shows_the_minutes_links_to_the_clerk_only(client, meeting, clerk, officer):
    client.force_login(clerk)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Minutes editor" in page and "Attendance" in page
    client.force_login(officer)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Minutes editor" not in page


def test_minutes_pages_do_not_query_per_row(client, django_assert_max_num_queries, board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1,
                      titles=["Apologies", "Declarations", "Minutes"] + [f"Business {i}" for i in range(12)])
    for minute in meeting.minutes.all():
        for i in range(5):
            p = svc.point_add(minute=minute, text=f"point {i}", user=clerk)
            svc.point_add(minute=minute, text="sub", parent=p, user=clerk)
        svc.resolution_add(minute=minute, text="to note the report.", user=clerk)
    client.force_login(clerk)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("meetings:minutes", args=[meeting.pk])).status_code == 200
