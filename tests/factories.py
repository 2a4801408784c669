"""factory_boy factories for the standard cast and their boards."""
import datetime

import factory
from django.contrib.auth import get_user_model

from boards.models import Board, Membership, Organisation, Person, StrategicPriority
from meetings.models import AgendaItem, Meeting, Report

PASSWORD = "quorum-test-pass"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda p: f"{p.first_name}.{p.last_name}@example.org".lower())


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    council_name = "Nottingham City Council"
    default_venue = "LB 31/32 at Loxley House, Station Street"
    default_start_time = datetime.time(14, 0)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPriority

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Priority {n}")
    position = factory.Sequence(lambda n: n)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = datetime.date(2030, 11, 18)
    start_time = datetime.time(14, 0)
    venue = "LB 31/32 at Loxley House, Station Street"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")
    presenter = "Report of Director of Safeguarding"
    paper_status = "attached"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    board = factory.LazyAttribute(lambda r: r.agenda_item.meeting.board if r.agenda_item else BoardFactory())
    agenda_item = None
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Report {n}")
    summary = "A summary of the issues."
    recommendations = "To note the report."
    background = "<p>First paragraph.</p><p>Second paragraph.</p>"


def user_with_role(board, role, username, **person_fields):
    """A log-in with a Person holding `role` on `board`."""
    user = UserFactory(username=username)
    person = PersonFactory(user=user, first_name=user.first_name, last_name=user.last_name, email=user.email, **person_fields)
    Membership.objects.create(board=board, person=person, role=role)
    return user
