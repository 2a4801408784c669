"""What a clerk enters is checked: attendance, declarations and resolutions that cannot be right
are refused with a reason, and nothing is saved."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from boards.models import Membership
from core.concurrency import UNCHECKED
from minutes import services as svc
from minutes.forms import ResolutionTrackForm
from minutes.selectors import open_resolutions, printed_minutes
from minutes.models import Attendance, Declaration, InterestKind

from tests.factories import MembershipFactory, PersonFactory
from tests.minutes.factories import drafted, record_present

TITLES = ("Apologies for absence", "Declarations of interests", "Minutes", "Fostering", "Adoption")


@pytest.fixture
def meeting(board, clerk, chair, member, officer):
    """Minutes 19 to 23; the Chair, a member and a named substitute; an officer; the clerk."""
    return drafted(board, datetime.date(2030, 9, 23), clerk, first_number=19, titles=TITLES)


def _rows(meeting, clerk):
    svc.attendance_prefill(meeting=meeting, user=clerk)
    return {a.person_id: a for a in meeting.attendance.all()}


def _record(meeting, clerk, person, **fields):
    row = _rows(meeting, clerk)[person.pk]
    svc.attendance_record(meeting=meeting, rows=[{"id": row.pk, **fields}], version=UNCHECKED, user=clerk)
    row.refresh_from_db()
    return row


def _refused(meeting, clerk, person, words, **fields):
    row = _rows(meeting, clerk)[person.pk]
    before = (row.status, row.substitute_id, row.from_minute, row.to_minute)
    with pytest.raises(ValidationError) as refusal:
        svc.attendance_record(meeting=meeting, rows=[{"id": row.pk, **fields}], version=UNCHECKED, user=clerk)
    assert words in " ".join(refusal.value.messages)
    row.refresh_from_db()
    assert (row.status, row.substitute_id, row.from_minute, row.to_minute) == before


# Attendance ------------------------------------------------------------------------------------

def test_a_partial_range_must_run_forwards(meeting, clerk, member):
    _refused(meeting, clerk, member.person, "runs backwards", status="present", from_minute=22, to_minute=20)


def test_a_partial_range_must_lie_within_the_meetings_minutes(meeting, clerk, member):
    _refused(meeting, clerk, member.person, "Minute 18 is not one of this meeting's minutes (19 to 23)",
             status="present", from_minute=18, to_minute=21)
    _refused(meeting, clerk, member.person, "Minute 30 is not one of this meeting's minutes",
             status="present", from_minute=None, to_minute=30)
    row = _record(meeting, clerk, member.person, status="present", from_minute=21, to_minute=23)
    assert row.partial_text == "(minutes 21 to 23 inclusive)"


def test_absent_or_apologies_with_a_range_is_refused(meeting, clerk, member):
    _refused(meeting, clerk, member.person, "a range of minutes is only for someone present",
             status="absent", from_minute=20, to_minute=21)
    _refused(meeting, clerk, member.person, "a range of minutes is only for someone present",
             status="apologies", from_minute=20, to_minute=None)


def test_a_member_cannot_substitute_for_themselves(meeting, clerk, member):
    _refused(meeting, clerk, member.person, "cannot substitute for themselves",
             status="substituted", substitute=member.person)


def test_officers_and_the_clerk_cannot_substitute(meeting, board, clerk, member, officer):
    _refused(meeting, clerk, member.person, "a substitute must be a member or named substitute of the board",
             status="substituted", substitute=officer.person)
    _refused(meeting, clerk, member.person, "a substitute must be a member or named substitute of the board",
             status="substituted", substitute=clerk.person)
    named = MembershipFactory(board=board, role=Membership.Role.SUBSTITUTE,
                              person=PersonFactory(honorific="Councillor", first_name="Sam", last_name="Stand-in")).person
    row = _record(meeting, clerk, member.person, status="substituted", substitute=named)
    assert row.substitute == named
    assert set(svc.eligible_substitutes(meeting)) >= {named} and officer.person not in svc.eligible_substitutes(meeting)


def test_the_attendance_page_says_why_a_row_was_refused(client, meeting, clerk, member):
    client.force_login(clerk)
    url = reverse("meetings:attendance", args=[meeting.pk])
    page = client.get(url)
    forms = page.context["formset"].forms
    data = {"att-TOTAL_FORMS": len(forms), "att-INITIAL_FORMS": len(forms), "version": page.context["record"].version}
    for i, form in enumerate(forms):
        data[f"att-{i}-id"] = form.initial["id"]
        data[f"att-{i}-status"] = "absent"
        data[f"att-{i}-from_minute"] = "20"
    response = client.post(url, data)
    assert "a range of minutes is only for someone present" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting, status="absent").exists()


def test_drafting_and_opening_the_sheet_never_invent_attendance(client, meeting, clerk, chair, member):
    client.force_login(clerk)
    client.get(reverse("meetings:attendance", args=[meeting.pk]))
    assert set(meeting.attendance.values_list("status", flat=True)) == {Attendance.Status.NOT_RECORDED}
    text = printed_minutes(meeting)
    assert not any(m["present"] for m in text["members"])
    assert text["apology_lines"] == []


def test_a_member_who_sent_apologies_and_came_is_not_listed_under_apologies(meeting, clerk, member):
    svc.apology_record(meeting=meeting, person=member.person, user=clerk, reason="on other Council business")
    _record(meeting, clerk, member.person, status="present")
    text = printed_minutes(meeting)
    assert {"name": member.person.full_name, "present": True, "partial": ""} in text["members"]
    assert not any(member.person.full_name in line for line in text["apology_lines"])


# Declarations ------------------------------------------------------------------------------

def _declare(meeting, clerk, person, item=4, **fields):
    values = {"kind": InterestKind.OTHER_REGISTRABLE, "text": "she is a foster carer",
              "action": Declaration.Action.LEFT_ROOM, **fields}
    return svc.declaration_add(meeting=meeting, person=person, agenda_item=meeting.items.get(position=item),
                               user=clerk, **values)


def test_only_a_member_present_at_the_item_declares(meeting, clerk, member):
    with pytest.raises(ValidationError, match="not recorded as present"):
        _declare(meeting, clerk, member.person)
    _record(meeting, clerk, member.person, status="absent")
    with pytest.raises(ValidationError, match="not recorded as present"):
        _declare(meeting, clerk, member.person)
    _record(meeting, clerk, member.person, status="present", from_minute=23, to_minute=23)
    with pytest.raises(ValidationError, match=r"was not present at item 4 \(minute 22\)"):
        _declare(meeting, clerk, member.person, item=4)
    assert not Declaration.objects.exists()
    assert _declare(meeting, clerk, member.person, item=5).agenda_item.position == 5


def test_a_substitute_present_in_a_members_place_declares(meeting, board, clerk, member):
    named = MembershipFactory(board=board, role=Membership.Role.SUBSTITUTE).person
    _record(meeting, clerk, member.person, status="substituted", substitute=named)
    assert _declare(meeting, clerk, named).person == named


def test_taking_part_with_a_disclosable_pecuniary_interest_needs_confirming_and_is_flagged(meeting, clerk, member):
    record_present(meeting, member.person)
    dpi = {"kind": InterestKind.DISCLOSABLE_PECUNIARY, "action": Declaration.Action.TOOK_PART}
    with pytest.raises(ValidationError, match="must not take part in the item unless a dispensation"):
        _declare(meeting, clerk, member.person, **dpi)
    assert not Declaration.objects.exists()
    _declare(meeting, clerk, member.person, took_part_confirmed=True, **dpi)
    line = printed_minutes(meeting)["declaration_lines"][0]
    assert "took part in the discussion and vote on this item." in line
    assert "NOTE:" in line and "took part despite a disclosable pecuniary interest" in line


def test_a_declaration_can_be_edited(client, meeting, clerk, member):
    record_present(meeting, member.person)
    declaration = _declare(meeting, clerk, member.person)
    client.force_login(clerk)
    url = reverse("meetings:declaration_edit", args=[declaration.pk])
    assert client.get(reverse("meetings:declarations", args=[meeting.pk])).content.decode().count(url) == 1
    response = client.post(url, {"person": member.person.pk, "agenda_item": declaration.agenda_item_id,
                                 "kind": InterestKind.NON_REGISTRABLE, "text": "her sister is a foster carer",
                                 "action": Declaration.Action.STAYED_SILENT, "version": declaration.version})
    assert response.status_code == 302
    line = printed_minutes(meeting)["declaration_lines"][0]
    assert "a non-registrable interest in agenda item 4 (minute 22) in that her sister is a foster carer" in line
    # The same checks as a new declaration.
    response = client.post(url, {"person": member.person.pk, "agenda_item": declaration.agenda_item_id,
                                 "kind": InterestKind.DISCLOSABLE_PECUNIARY, "text": "x",
                                 "action": Declaration.Action.TOOK_PART, "version": declaration.version + 1})
    assert response.status_code == 400 and "dispensation" in response.content.decode()


def test_the_declaration_form_takes_the_wording_as_minuted_and_the_minutes_print_it(client, meeting, clerk, member):
    record_present(meeting, member.person)
    client.force_login(clerk)
    page = client.get(reverse("meetings:declarations", args=[meeting.pk])).content.decode()
    assert "Wording in the minutes (leave blank to generate)" in page
    as_minuted = ("Councillor Jones informed the Committee that, with regard to agenda item 4, (minute 22) her "
                  "sister is a foster carer. She stayed in the room.")
    fields = {"person": member.person.pk, "agenda_item": meeting.items.get(position=4).pk,
              "kind": InterestKind.NON_REGISTRABLE, "text": "her sister is a foster carer",
              "action": Declaration.Action.STAYED_SILENT}
    response = client.post(reverse("meetings:declarations", args=[meeting.pk]), {**fields, "wording": as_minuted + "  "})
    assert response.status_code == 302
    assert printed_minutes(meeting)["declaration_lines"] == [as_minuted]
    # Edited back to blank, the minutes write the sentence from the declaration again.
    declaration = Declaration.objects.get()
    url = reverse("meetings:declaration_edit", args=[declaration.pk])
    assert as_minuted in client.get(url).content.decode()
    assert client.post(url, {**fields, "wording": "", "version": declaration.version}).status_code == 302
    line = printed_minutes(meeting)["declaration_lines"][0]
    assert line != as_minuted and "in agenda item 4 (minute 22) in that her sister is a foster carer" in line


# Resolutions -------------------------------------------------------------------------------

def test_what_is_noted_under_a_to_note_resolution_is_not_tracked_as_open(meeting, board, clerk):
    minute = meeting.minutes.get(number=22)
    noting = svc.resolution_add(minute=minute, user=clerk, text="to note:")
    sub = svc.resolution_add(minute=minute, user=clerk, text="the steps being taken locally;", parent=noting)
    action = svc.resolution_add(minute=minute, user=clerk, text="to review the service in a year.")
    assert sub.status == "done"
    assert [row["resolution"] for row in open_resolutions(board)] == [action]


def test_a_resolution_is_due_back_at_a_later_meeting(meeting, board, clerk):
    earlier = drafted(board, datetime.date(2030, 7, 15), clerk, titles=TITLES)
    later = drafted(board, datetime.date(2030, 11, 18), clerk, titles=TITLES)
    minute = meeting.minutes.get(number=22)
    with pytest.raises(ValidationError, match="later meeting"):
        svc.resolution_add(minute=minute, user=clerk, text="to report back.", due_meeting=earlier)
    with pytest.raises(ValidationError, match="later meeting"):
        svc.resolution_add(minute=minute, user=clerk, text="to report back.", due_meeting=meeting)
    resolution = svc.resolution_add(minute=minute, user=clerk, text="to report back.", due_meeting=later)
    with pytest.raises(ValidationError, match="later meeting"):
        svc.resolution_track(resolution=resolution, version=UNCHECKED, user=clerk, due_meeting=earlier, status="open")
    assert list(ResolutionTrackForm(instance=resolution).fields["due_meeting"].queryset) == [later]


def test_the_board_has_a_register_of_interests_linked_from_its_page(client, board, clerk, chair, member, officer):
    svc.interest_register(person=member.person, user=clerk, kind=InterestKind.DISCLOSABLE_PECUNIARY,
                          description="Director of a care home company", registered_on=datetime.date(2029, 5, 1))
    svc.interest_register(person=officer.person, user=clerk, kind=InterestKind.OTHER_REGISTRABLE,
                          description="An officer's own interest", registered_on=datetime.date(2029, 5, 1))
    url = reverse("meetings:board_register", args=[board.slug])
    assert url in client.get(board.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()  # public, as the register is
    assert "Director of a care home company" in page and "1 May 2029" in page
    assert member.person.full_name in page and chair.person.full_name in page
    assert "An officer's own interest" not in page


def test_an_owner_may_be_someone_without_a_log_in(meeting, board, clerk):
    partner = MembershipFactory(board=board, role=Membership.Role.OFFICER,
                                person=PersonFactory(first_name="Jamie", last_name="Shrivastava")).person
    assert partner.user_id is None
    later = drafted(board, datetime.date(2030, 11, 18), clerk, titles=TITLES)
    resolution = svc.resolution_add(minute=meeting.minutes.get(number=22), user=clerk, text="to report back.",
                                    due_meeting=later)
    form = ResolutionTrackForm({"owner": partner.pk, "due_meeting": later.pk, "status": "open",
                                "version": resolution.version}, instance=resolution)
    assert form.is_valid(), form.errors
    svc.resolution_track(resolution=resolution, version=UNCHECKED, user=clerk, owner=form.cleaned_data["owner"],
                         due_meeting=later, status="open")
    resolution.refresh_from_db()
    assert resolution.owner == partner


def test_an_officer_sees_my_resolutions(client, meeting, board, clerk, officer, other_officer):
    minute = meeting.minutes.get(number=22)
    mine = svc.resolution_add(minute=minute, user=clerk, text="to review the placement service.", owner=officer.person)
    svc.resolution_add(minute=minute, user=clerk, text="to consult the carers.", owner=other_officer.person)
    client.force_login(officer)
    home = client.get(reverse("home")).content.decode()
    url = reverse("meetings:my_resolutions")
    assert url in home
    page = client.get(url).content.decode()
    assert "to review the placement service." in page and reverse("meetings:resolution", args=[mine.pk]) in page
    assert "to consult the carers." not in page
