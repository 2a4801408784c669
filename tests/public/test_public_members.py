"""Councillors' and members' pages: boards and roles, attendance statistics from published minutes
only (checked on the demo board), declarations as minuted, register entries."""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from boards.models import Board, Person
from minutes import services as minutes_svc
from meetings.models import Meeting
from minutes.models import Attendance
from public.people import attendance_statistics


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    return Board.objects.get(slug="corporate-parenting-board")


def _row(person):
    return [(y.board.name, y.year, y.expected, y.present, y.apologies, y.absent) for y in attendance_statistics(person)]


def test_attendance_on_the_demo_board_is_counted_from_the_published_minutes(demo):
    cpb = "Corporate Parenting Board"
    assert _row(Person.objects.get(last_name="Mellen")) == [(cpb, 2013, 1, 1, 0, 0)]
    assert _row(Person.objects.get(last_name="Klein")) == [(cpb, 2013, 1, 0, 0, 1)]
    assert _row(Person.objects.get(last_name="Culley")) == [(cpb, 2013, 1, 0, 1, 0)]
    # Apologies sent in advance, then came: present.
    assert _row(Person.objects.get(last_name="Jenkins")) == [(cpb, 2013, 1, 1, 0, 0)]


def test_attendance_in_draft_minutes_is_not_counted_until_they_are_published(demo):
    clerk = demo.memberships.get(role="clerk").person.user
    november = Meeting.objects.get(board=demo, date=datetime.date(2013, 11, 18))
    klein = Person.objects.get(last_name="Klein")
    minutes_svc.minutes_record_for(november)
    minutes_svc.attendance_prefill(meeting=november, user=clerk)
    Attendance.objects.filter(meeting=november, person=klein).update(status=Attendance.Status.PRESENT)
    minutes_svc.minutes_draft(meeting=november, user=clerk)
    assert _row(klein) == [("Corporate Parenting Board", 2013, 1, 0, 0, 1)]
    minutes_svc.minutes_publish(meeting=november, user=clerk)
    assert _row(klein) == [("Corporate Parenting Board", 2013, 2, 1, 0, 1)]


def test_member_page_shows_roles_attendance_declaration_and_register(client, demo):
    mellen = Person.objects.get(last_name="Mellen")
    page = client.get(reverse("public:member", args=[mellen.pk])).content.decode()
    assert "Chair" in page and "Corporate Parenting Board, 2013" in page
    assert "he had a close friend who was part of the Fostering Network" in page  # the declaration as minuted
    assert "Close friend who is part of the Fostering Network" not in page  # non-registrable: not on the published register
    listing = client.get(reverse("public:member_list")).content.decode()
    assert reverse("public:member", args=[mellen.pk]) in listing


def test_officers_and_strangers_have_no_member_page(client, officer):
    assert client.get(reverse("public:member", args=[officer.person.pk])).status_code == 404
    assert client.get(reverse("public:member", args=[999999])).status_code == 404


def test_member_page_query_count_does_not_grow_with_meetings(client, demo, django_assert_max_num_queries):
    mellen = Person.objects.get(last_name="Mellen")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("public:member", args=[mellen.pk])).status_code == 200


def test_published_register_holds_registrable_interests_and_members_see_every_entry(client, demo):
    from minutes.models import Interest, InterestKind

    mellen = Person.objects.get(last_name="Mellen")
    Interest.objects.create(person=mellen, kind=InterestKind.DISCLOSABLE_PECUNIARY, description="REGDPI Governor of a school",
                            registered_on=datetime.date(2013, 5, 20))
    url = reverse("public:member", args=[mellen.pk])
    public = client.get(url).content.decode()
    assert "REGDPI" in public and "Close friend who is part of the Fostering Network" not in public
    fellow = Person.objects.get(last_name="Klein")
    from tests.factories import UserFactory

    fellow.user = fellow.user or UserFactory(username="klein")
    fellow.save()
    client.force_login(fellow.user)
    member_view = client.get(url).content.decode()
    assert "REGDPI" in member_view and "Close friend who is part of the Fostering Network" in member_view


def test_board_register_publishes_registrable_interests_and_the_board_sees_every_entry(client, demo):
    url = reverse("meetings:board_register", args=[demo.slug])
    assert "Close friend who is part of the Fostering Network" not in client.get(url).content.decode()
    clerk = demo.memberships.get(role="clerk").person.user
    client.force_login(clerk)
    assert "Close friend who is part of the Fostering Network" in client.get(url).content.decode()
