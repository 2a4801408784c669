"""A clerk adds a person and invites them to sign in: the link in the e-mail sets a password once,
within its time; an expired, reused, replaced or deactivated link is refused with a message."""
import datetime
import html
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from boards.models import Membership, Organisation, Person

from tests.factories import PersonFactory, UserFactory

PERSON = {"honorific": "", "first_name": "Jon", "last_name": "Rea", "organisation": "",
          "new_organisation": "Nottingham City Homes", "job_title": "Lettings Manager",
          "email": "jon.rea@example.org", "phone": "", "version": ""}


_capture = {}


@pytest.fixture(autouse=True)
def _mail_after_commit(django_capture_on_commit_callbacks):
    """The invitation is e-mailed once the transaction commits: each POST runs those callbacks."""
    _capture["it"] = django_capture_on_commit_callbacks
    yield
    _capture.clear()


def _add(client, **changes):
    return client.post(reverse("person_create"), {**PERSON, **changes})


def _invite(client, person):
    mail.outbox.clear()
    with _capture["it"](execute=True):
        response = client.post(reverse("person_invite", args=[person.pk]), follow=True)
    assert response.status_code == 200
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)


def _choose(client, link, password="A-long-pass-phrase-2013"):
    return client.post(link, {"new_password1": password, "new_password2": password}, follow=True)


def test_clerk_adds_a_person_with_a_new_organisation_and_the_same_form_twice_adds_one(client, clerk):
    client.force_login(clerk)
    first = _add(client)
    second = _add(client)
    person = Person.objects.get(last_name="Rea")
    assert first["Location"] == second["Location"] == reverse("person_manage", args=[person.pk])
    assert person.organisation.name == "Nottingham City Homes" and person.job_title == "Lettings Manager"
    assert Organisation.objects.filter(name="Nottingham City Homes").count() == 1
    listing = client.get(reverse("people_list")).content.decode()
    assert "Jon Rea" in listing and "No log-in" in listing


def test_a_second_person_with_the_same_email_is_refused(client, clerk):
    client.force_login(clerk)
    _add(client)
    response = _add(client, first_name="John")
    assert "already has the e-mail address jon.rea@example.org" in response.content.decode()
    assert Person.objects.filter(last_name="Rea").count() == 1


def test_invited_person_sets_a_password_once_and_signs_in(client, clerk, board):
    client.force_login(clerk)
    _add(client)
    person = Person.objects.get(last_name="Rea")
    Membership.objects.create(board=board, person=person, role=Membership.Role.OFFICER)
    link = _invite(client, person)
    person.refresh_from_db()
    assert person.user.username == "jon.rea" and not person.user.has_usable_password()
    assert mail.outbox[-1].to == ["jon.rea@example.org"]
    assert "Your username is: jon.rea" in mail.outbox[-1].body and "Corporate Parenting Board" in mail.outbox[-1].body

    visitor = client.__class__()
    page = visitor.get(link).content.decode()
    assert "Your username is <strong>jon.rea</strong>" in page
    done = _choose(visitor, link)
    assert "Your password is set. Sign in with the username jon.rea." in done.content.decode()
    assert visitor.login(username="jon.rea", password="A-long-pass-phrase-2013")

    reused = client.__class__().get(link).content.decode()
    assert "This invitation link has already been used" in reused
    again = _choose(client.__class__(), link, "Another-pass-phrase-99")
    assert "already been used" in again.content.decode()
    assert not client.__class__().login(username="jon.rea", password="Another-pass-phrase-99")


def test_an_expired_link_is_refused_with_a_message(client, clerk):
    client.force_login(clerk)
    _add(client)
    person = Person.objects.get(last_name="Rea")
    link = _invite(client, person)
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=4)):
        page = client.__class__().get(link).content.decode()
        posted = _choose(client.__class__(), link).content.decode()
    assert "This invitation link has expired. Ask the clerk to send you a new invitation." in page
    assert "has expired" in posted
    person.refresh_from_db()
    assert not person.user.has_usable_password()


def test_a_new_invitation_voids_the_old_link_and_deactivation_voids_both(client, clerk):
    client.force_login(clerk)
    _add(client)
    person = Person.objects.get(last_name="Rea")
    old = _invite(client, person)
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(seconds=5)):
        new = _invite(client, person)
    assert old != new
    assert "already been used or has been replaced" in client.__class__().get(old).content.decode()
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(seconds=20)):
        client.post(reverse("person_deactivate", args=[person.pk]))
    assert "This log-in has been deactivated" in client.__class__().get(new).content.decode()
    history = client.get(reverse("person_history", args=[person.pk])).content.decode()
    assert "Log-in deactivated" in history and "Invited to sign in as jon.rea" in history


def test_deactivated_log_in_cannot_sign_in_and_can_be_reactivated(client, clerk, board, officer):
    client.force_login(clerk)
    response = client.post(reverse("person_deactivate", args=[officer.person.pk]), follow=True)
    assert f"{officer.person}'s log-in deactivated." in html.unescape(response.content.decode())
    assert not client.__class__().login(username="officer", password="quorum-test-pass")
    client.post(reverse("person_reactivate", args=[officer.person.pk]))
    assert client.__class__().login(username="officer", password="quorum-test-pass")


def test_clerk_cannot_deactivate_herself_nor_another_boards_people(client, clerk, other_clerk, other_member):
    client.force_login(clerk)
    response = client.post(reverse("person_deactivate", args=[clerk.person.pk]), follow=True)
    assert "You cannot deactivate your own log-in." in response.content.decode()
    assert client.post(reverse("person_deactivate", args=[other_member.person.pk])).status_code == 403
    other_member.refresh_from_db()
    clerk.refresh_from_db()
    assert other_member.is_active and clerk.is_active


def test_a_person_without_an_email_is_not_invited(client, clerk):
    client.force_login(clerk)
    person = PersonFactory(email="")
    response = client.post(reverse("person_invite", args=[person.pk]), follow=True)
    assert "Add an e-mail address before sending an invitation." in response.content.decode()
    assert get_user_model().objects.filter(person=person).count() == 0


def test_person_saved_unchanged_writes_nothing_and_a_stale_edit_is_refused(client, clerk):
    client.force_login(clerk)
    person = PersonFactory(first_name="Jon", last_name="Rea", job_title="Manager", email="jon@example.org")
    form = client.get(reverse("person_edit", args=[person.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    before = person.history.count()
    assert client.post(reverse("person_edit", args=[person.pk]), data).status_code == 302
    assert person.history.count() == before
    changed = client.post(reverse("person_edit", args=[person.pk]), {**data, "job_title": "Director"})
    assert changed.status_code == 302
    stale = client.post(reverse("person_edit", args=[person.pk]), {**data, "job_title": "Head of Service"})
    assert "Someone else saved a newer version" in stale.content.decode()
    person.refresh_from_db()
    assert person.job_title == "Director"


def test_admin_account_is_never_managed_by_a_clerk(client, clerk):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    person = PersonFactory(user=admin)
    client.force_login(clerk)
    assert client.get(reverse("person_manage", args=[person.pk])).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_people_list_runs_a_fixed_number_of_queries(client, clerk, board, count, django_assert_max_num_queries):
    for _ in range(count):
        Membership.objects.create(board=board, person=PersonFactory(), role=Membership.Role.OFFICER)
    client.force_login(clerk)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("people_list"))
    assert len(response.context["people"]) == count + 1
