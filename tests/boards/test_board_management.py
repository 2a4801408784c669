"""A clerk keeps the board's details and membership current; every change is on its History page."""
import datetime

from django.urls import reverse

from boards.models import Membership
from meetings.models import Meeting

from tests.factories import MeetingFactory, PersonFactory


def test_clerk_edits_board_details_and_direct_dial(client, clerk, board):
    client.force_login(clerk)
    form = client.get(reverse("board_edit", args=[board.slug])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(terms_of_reference="Oversees the council's duties to children in care.", clerk_phone="0115 8764298",
                clerk=clerk.person.pk)
    response = client.post(reverse("board_edit", args=[board.slug]), data)
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.terms_of_reference == "Oversees the council's duties to children in care."
    assert board.clerk.phone == "0115 8764298"
    # the same form again is now stale
    again = client.post(reverse("board_edit", args=[board.slug]), {**data, "terms_of_reference": "Old"})
    assert "Someone else saved a newer version" in again.content.decode()


def test_added_member_gains_access_and_ended_member_loses_it_but_the_record_stays(client, clerk, board):
    unpublished = MeetingFactory(board=board, date=datetime.date(2031, 1, 20))
    person = PersonFactory(honorific="Councillor", first_name="Wendy", last_name="Smith")
    from tests.factories import UserFactory

    person.user = UserFactory(username="wendy")
    person.save()
    client.force_login(clerk)
    client.post(reverse("membership_add", args=[board.slug]),
                {"person": person.pk, "role": Membership.Role.MEMBER, "start_date": "2030-05-20"})
    membership = Membership.objects.get(person=person)

    member_client = client.__class__()
    member_client.force_login(person.user)
    assert member_client.get(reverse("meetings:detail", args=[unpublished.pk])).status_code == 200

    client.post(reverse("membership_end", args=[membership.pk]), {"end_date": "2030-12-31"})
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2030, 12, 31)
    member_client = client.__class__()
    member_client.force_login(person.user)
    assert member_client.get(reverse("meetings:detail", args=[unpublished.pk])).status_code == 403
    current = client.get(reverse("board_detail", args=[board.slug])).context["members"]
    assert person.pk not in [m.person_id for m in current]

    history = client.get(reverse("board_history", args=[board.slug])).content.decode()
    assert "Councillor Wendy Smith" in history
    assert "<strong>End date</strong>: “Not set” → “31 December 2030”" in history


def test_adding_someone_twice_in_the_same_role_is_refused(client, clerk, board, member):
    client.force_login(clerk)
    response = client.post(reverse("membership_add", args=[board.slug]),
                           {"person": member.person.pk, "role": Membership.Role.MEMBER})
    assert "already on the board" in response.content.decode()


def test_cancelled_meeting_keeps_its_record_and_reason(client, clerk, board):
    meeting = MeetingFactory(board=board)
    client.force_login(clerk)
    client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Not quorate"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "This meeting has been cancelled." in html and "Not quorate" in html
