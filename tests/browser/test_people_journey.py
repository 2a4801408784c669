"""People without the admin, in a browser: the clerk adds a person, puts them on the board, changes
a member's role and invites the new person, who sets a password from the e-mailed link and signs
in; an admin creates a board. axe-core and 320px reflow on every page visited."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from boards.models import Membership

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_clerk_adds_and_invites_a_person_who_then_signs_in(page, board, clerk, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sign_in(page, "clerk")
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Add a person").click()
    check_page(page)
    page.get_by_label("First name").fill("Jon")
    page.get_by_label("Last name").fill("Rea")
    page.get_by_label("Or a new organisation").fill("Nottingham City Homes")
    page.get_by_label("Job title").fill("Lettings Manager")
    page.get_by_label("E-mail address").fill("jon.rea@example.org")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Jon Rea", level=1)).to_be_visible()
    check_page(page)

    page.get_by_role("button", name="Invite to sign in").click()
    expect(page.get_by_text("Invitation sent to jon.rea@example.org")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="History").click()
    check_page(page)

    page.goto(f"/boards/{board.slug}/")
    page.get_by_role("link", name=f"Change role of {member.person.full_name}").click()
    check_page(page)
    page.get_by_label("New role").select_option("Vice-Chair")
    page.get_by_role("button", name="Change role").click()
    former = page.get_by_role("table", name="Former members and roles, with their dates")
    expect(former).to_contain_text(member.person.full_name)
    check_page(page)

    link = re.search(r"https?://[^/]+(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_text("Your username is jon.rea.")).to_be_visible()
    check_page(page)
    page.get_by_label(re.compile(r"New password\W*$")).fill("A-long-pass-phrase-2013")
    page.get_by_label("New password confirmation").fill("A-long-pass-phrase-2013")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your password is set.")).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("already been used")
    check_page(page)
    sign_in(page, "jon.rea", "A-long-pass-phrase-2013")
    assert Membership.objects.filter(person=member.person, role="vice_chair").exists()


def test_admin_creates_a_board_and_names_its_clerk(page, admin_user, clerk):
    sign_in(page, "admin")
    page.get_by_role("link", name="New board").click()
    check_page(page)
    page.get_by_role("textbox", name="Name*", exact=True).fill("Health Scrutiny Committee")
    page.get_by_label("Web address").fill("health-scrutiny")
    page.get_by_role("combobox", name="Clerk*", exact=True).select_option(label=clerk.person.full_name)
    page.get_by_role("button", name="Create board").click()
    expect(page.get_by_role("heading", name="Health Scrutiny Committee", level=1)).to_be_visible()
    check_page(page)
