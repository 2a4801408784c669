"""Remove on a minute point can be undone: the point is listed under "Removed points" with a
Restore button, and restoring puts it back where it was, with its sub-points and its text, the
letters following again. Once the minutes are confirmed nothing is restored; only the clerk can."""
import datetime
import re

from django.urls import reverse
from django.utils.html import strip_tags

from minutes import services as svc
from minutes.selectors import minute_points

from tests.minutes.factories import drafted


def labels(minute):
    return [(p.label, p.obj.text, [(c.label, c.obj.text) for c in p.children]) for p in minute_points(minute.points.all())]


def _minute_with_points(board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    minute = meeting.minutes.get(number=4)
    svc.point_add(minute=minute, user=clerk, text="Members welcomed the report.")
    b = svc.point_add(minute=minute, user=clerk, text="Placement stability had improved.")
    svc.point_add(minute=minute, user=clerk, text="for children aged 10 and over;", parent=b)
    svc.point_add(minute=minute, user=clerk, text="for care leavers.", parent=b)
    svc.point_add(minute=minute, user=clerk, text="The next report is due in March.")
    return meeting, minute, b


def test_clerk_removes_a_point_and_restores_it_where_it_was(client, board, clerk):
    _, minute, b = _minute_with_points(board, clerk)
    before = labels(minute)
    client.force_login(clerk)
    response = client.post(reverse("meetings:point_delete", args=[b.pk]), follow=True)
    page = response.content.decode()
    assert [p[:2] for p in labels(minute)] == [("(a)", "Members welcomed the report."),
                                               ("(b)", "The next report is due in March.")]
    assert "To undo, press Restore under “Removed points”." in page
    removed = page[page.index('id="removed-points-heading"'):]
    assert "Was point (b)" in strip_tags(removed) and "Placement stability had improved." in removed
    assert "(with 2 sub-points)" in removed
    restore = re.search(r'action="([^"]+/restore/)"', removed).group(1)

    page = client.post(restore, follow=True).content.decode()
    assert labels(minute) == before
    assert "Point restored where it was" in page
    assert 'id="removed-points-heading"' not in page


def test_a_removed_subpoint_is_restored_under_its_point(client, board, clerk):
    _, minute, b = _minute_with_points(board, clerk)
    before = labels(minute)
    first_sub = b.children.get(text="for children aged 10 and over;")
    client.force_login(clerk)
    client.post(reverse("meetings:point_delete", args=[first_sub.pk]))
    assert labels(minute)[1][2] == [("(i)", "for care leavers.")]
    page = client.get(reverse("meetings:minute_edit", args=[minute.pk])).content.decode()
    assert "Was sub-point (i) of point (b)" in strip_tags(page)
    client.post(reverse("meetings:point_restore", args=[minute.pk, first_sub.pk]))
    assert labels(minute) == before


def test_nothing_is_restored_once_the_minutes_are_confirmed(client, board, clerk):
    meeting, minute, b = _minute_with_points(board, clerk)
    later = drafted(board, datetime.date(2030, 3, 10), clerk)
    client.force_login(clerk)
    client.post(reverse("meetings:point_delete", args=[b.pk]))
    svc.minutes_publish(meeting=meeting, user=clerk)
    svc.minutes_confirm(meeting=meeting, at_meeting=later, user=clerk)
    response = client.post(reverse("meetings:point_restore", args=[minute.pk, b.pk]))
    assert response.status_code == 403
    assert "Placement stability had improved." not in [p[1] for p in labels(minute)]
    assert "Restore" not in client.get(reverse("meetings:minute_edit", args=[minute.pk])).content.decode()


def test_only_those_who_edit_minutes_may_restore(client, board, clerk, officer):
    _, minute, b = _minute_with_points(board, clerk)
    client.force_login(clerk)
    client.post(reverse("meetings:point_delete", args=[b.pk]))
    client.force_login(officer)
    assert client.post(reverse("meetings:point_restore", args=[minute.pk, b.pk])).status_code == 403
    assert "Placement stability had improved." not in [p[1] for p in labels(minute)]
