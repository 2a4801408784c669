"""A declaration is minuted from its record and shows on the member's page with the register."""
import datetime

from django.urls import reverse

from minutes import services as svc
from minutes.models import Declaration, InterestKind

from tests.minutes.factories import drafted, record_present


def test_a_declaration_appears_in_the_minutes_and_on_the_members_page(client, board, clerk, member):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=40,
                      titles=("Apologies for absence", "Declarations of interests", "Minutes", "Fostering services"))
    person = member.person
    person.honorific, person.last_name = "Councillor", "Mellen"
    person.save()
    record_present(meeting, person)
    interest = svc.interest_register(person=person, user=clerk, kind=InterestKind.OTHER_REGISTRABLE,
                                     description="Trustee of a fostering charity", registered_on=datetime.date(2029, 6, 1))
    svc.declaration_add(meeting=meeting, person=person, agenda_item=meeting.items.get(position=4),
                        kind=InterestKind.OTHER_REGISTRABLE, text="he is a trustee of a fostering charity",
                        action=Declaration.Action.LEFT_ROOM, interest=interest, user=clerk)
    client.force_login(clerk)
    minutes_page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    sentence = ("Councillor Mellen declared an other registrable interest in agenda item 4 (minute 43) in that he is a "
                "trustee of a fostering charity. Councillor Mellen left the room during this item.")
    assert sentence in minutes_page
    # Public: the member's page shows the register at once and the declaration once the minutes are published.
    client.logout()
    page = client.get(reverse("meetings:person", args=[person.pk])).content.decode()
    assert "Trustee of a fostering charity" in page and "1 June 2029" in page
    assert sentence not in page
    svc.minutes_publish(meeting=meeting, user=clerk)
    page = client.get(reverse("meetings:person", args=[person.pk])).content.decode()
    assert sentence in page and "(minute 43)" in page


def test_a_not_required_declaration_is_worded_as_the_reference(board, clerk, member):
    from minutes.selectors import printed_minutes

    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=19,
                      titles=("Apologies", "Declarations", "Minutes", "CAMHS", "Fostering"))
    person = member.person
    person.honorific, person.last_name = "Councillor", "Mellen"
    person.save()
    record_present(meeting, person)
    svc.declaration_add(meeting=meeting, person=person, agenda_item=meeting.items.get(position=5),
                        kind=InterestKind.NOT_REQUIRED, text="he had a close friend who was part of the Fostering Network",
                        action=Declaration.Action.STAYED_SILENT, user=clerk)
    line = printed_minutes(meeting)["declaration_lines"][0]
    assert line.startswith("Although not required to do so, Councillor Mellen informed the Board that, with regard to "
                           "agenda item 5 (minute 23), he had a close friend who was part of the Fostering Network.")


def test_member_records_own_interest_but_not_someone_elses(client, board, member, chair):
    client.force_login(member)
    url = reverse("meetings:interest_add", args=[member.person.pk])
    client.post(url, {"kind": "dpi", "description": "Employment with a care provider", "registered_on": "2030-01-01"})
    assert member.person.interests.count() == 1
    assert client.post(reverse("meetings:interest_add", args=[chair.person.pk]),
                       {"kind": "dpi", "description": "x", "registered_on": "2030-01-01"}).status_code == 403
