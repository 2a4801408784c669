"""A member's role changes from a date: the old membership ends the day before, the new one
starts, and the board page lists the former role with its dates. An admin sets up a board and
names its clerk. Menus show each person only what their roles give them."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Board, Membership

from tests.factories import PersonFactory
from tests.actions.factories import ActionFactory, PlanFactory


def test_role_change_ends_the_old_role_starts_the_new_and_keeps_both(client, clerk, board, member):
    old = member.person.memberships.get()
    old.start_date = datetime.date(2012, 5, 21)
    old.save()
    client.force_login(clerk)
    response = client.post(reverse("membership_change_role", args=[old.pk]), {"role": "chair", "from_date": "2013-05-20"})
    assert response.status_code == 302
    old.refresh_from_db()
    new = Membership.objects.get(person=member.person, end_date__isnull=True)
    assert (old.role, old.end_date) == ("member", datetime.date(2013, 5, 19))
    assert (new.role, new.start_date, new.position) == ("chair", datetime.date(2013, 5, 20), old.position)
    page = client.get(reverse("board_detail", args=[board.slug]))
    assert [m.role for m in page.context["members"] if m.person_id == member.person.pk] == ["chair"]
    html = page.content.decode()
    former = html[html.index("Former members"):]
    assert member.person.full_name in former and "21 May 2012" in former and "19 May 2013" in former
    history = client.get(reverse("board_history", args=[board.slug])).content.decode()
    assert "19 May 2013" in history and "Chair" in history


def test_role_change_submitted_twice_makes_one_new_role(client, clerk, member):
    old = member.person.memberships.get()
    client.force_login(clerk)
    data = {"role": "vice_chair", "from_date": timezone.localdate().isoformat()}
    client.post(reverse("membership_change_role", args=[old.pk]), data)
    again = client.post(reverse("membership_change_role", args=[old.pk]), data)
    assert "already ended" in again.content.decode()
    assert Membership.objects.filter(person=member.person).count() == 2


@pytest.mark.parametrize("role, when, message", [
    ("member", "2013-05-20", "is already Member"),
    ("chair", "2099-01-01", "on or after the day it takes effect"),
])
def test_role_change_refused_with_a_message(client, clerk, member, role, when, message):
    old = member.person.memberships.get()
    client.force_login(clerk)
    response = client.post(reverse("membership_change_role", args=[old.pk]), {"role": role, "from_date": when})
    assert message in response.content.decode()
    assert Membership.objects.filter(person=member.person).count() == 1


def test_admin_creates_a_board_naming_its_clerk_who_can_then_run_it(client, admin_user):
    person = PersonFactory(first_name="Catherine", last_name="Ziane-Pryor")
    from tests.factories import UserFactory

    person.user = UserFactory(username="czp")
    person.save()
    client.force_login(admin_user)
    data = {"name": "Health Scrutiny Committee", "slug": "health-scrutiny", "council_name": "Nottingham City Council",
            "clerk": person.pk, "clerk_title": "Constitutional Services Officer", "default_venue": "",
            "report_heading": ""}
    assert client.post(reverse("board_create"), data).status_code == 302
    assert client.post(reverse("board_create"), data).status_code == 302  # the same form twice: one board
    board = Board.objects.get(slug="health-scrutiny")
    assert board.clerk == person and board.report_heading == "HEALTH SCRUTINY COMMITTEE REPORT"
    assert Membership.objects.filter(board=board, person=person, role="clerk", end_date__isnull=True).count() == 1
    clerk_client = client.__class__()
    clerk_client.force_login(person.user)
    assert clerk_client.get(reverse("membership_add", args=[board.slug])).status_code == 200
    assert clerk_client.get(reverse("board_create")).status_code == 403


def _menu(client, user):
    client.force_login(user)
    return [entry["label"] for entry in client.get(reverse("home")).context["main_menu"]]


def test_menus_show_only_what_each_role_gives(client, board, member, officer, clerk, admin_user):
    assert _menu(client, member) == ["Boards and meetings", "Calendar", "Decisions", "Members", "My notes", "Action plans", "Performance"]
    assert _menu(client, officer) == ["Boards and meetings", "Calendar", "Decisions", "Members", "My reports", "My resolutions", "My actions",
                                      "Action plans", "Performance"]
    assert "People" in _menu(client, clerk) and "People" in _menu(client, admin_user)
    client.logout()
    assert [e["label"] for e in client.get(reverse("home")).context["main_menu"]] == ["Boards and meetings", "Calendar", "Decisions", "Members", "Performance"]


def test_a_member_who_leads_an_action_gets_my_actions(client, board, member):
    plan = PlanFactory(board=board)
    ActionFactory(plan=plan, lead_person=member.person)
    assert "My actions" in _menu(client, member)
    assert "My reports" not in _menu(client, member)
