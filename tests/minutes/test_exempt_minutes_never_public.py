"""The minute of an exempt item never reaches the public: printed minutes, PDF, response paper, public pack."""
import datetime

import pytest
from django.urls import reverse

from minutes import services as svc
from meetings.models import AgendaItem
from packs.models import Pack
from packs.services import pack_build
from minutes.papers import minutes_paper_html, response_to_resolutions_html

from tests.minutes.factories import meeting_with_items
from tests.packs.factories import page_texts, pdf_bytes

SECRET = "ZANZIBAR-CONTRACT-2291"
TITLES = ("Apologies for absence", "Declarations of interests", "Minutes", "Fostering update",
          "Residential care contract award")


@pytest.fixture
def minutes_with_exempt_item(board, clerk, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Held (in the past): only the minutes of a meeting actually held go into a pack.
    earlier = meeting_with_items(board, datetime.date(2025, 1, 14), titles=TITLES)
    AgendaItem.objects.filter(meeting=earlier, position=5).update(
        is_exempt=True, exempt_paragraph=3, exempt_reason="Contract prices")
    later = meeting_with_items(board, datetime.date(2030, 3, 11))
    svc.minutes_draft(meeting=earlier, user=clerk, first_number=1)
    exempt_minute = earlier.minutes.get(agenda_item__position=5)
    open_minute = earlier.minutes.get(agenda_item__position=4)
    svc.point_add(minute=exempt_minute, user=clerk, text=f"Bids were compared ({SECRET}).")
    svc.resolution_add(minute=exempt_minute, user=clerk, text=f"to award the contract to {SECRET}.", owner=officer.person,
                       due_meeting=later)
    svc.resolution_add(minute=open_minute, user=clerk, text="to receive a fostering update.", owner=officer.person,
                       due_meeting=later)
    svc.minutes_publish(meeting=earlier, user=clerk)
    return earlier, later, exempt_minute


def test_public_printed_minutes_keep_the_number_and_title_but_withhold_the_minute(client, minutes_with_exempt_item):
    earlier, _, exempt_minute = minutes_with_exempt_item
    for url in (reverse("meetings:minutes", args=[earlier.pk]), reverse("meetings:minutes_print", args=[earlier.pk])):
        html = client.get(url).content.decode()
        assert SECRET not in html
        assert "RESIDENTIAL CARE CONTRACT AWARD" in html
        assert "paragraph 3 of Part 1 of Schedule 12A" in html
        assert "to receive a fostering update" in html


def test_public_minutes_pdf_withholds_the_exempt_minute(client, minutes_with_exempt_item):
    earlier, _, _ = minutes_with_exempt_item
    response = client.get(reverse("meetings:minutes_pdf", args=[earlier.pk]))
    text = " ".join(page_texts(response.content))
    assert SECRET not in text
    assert "Schedule 12A" in text


def test_members_read_the_exempt_minute_in_full(client, member, minutes_with_exempt_item):
    earlier, _, _ = minutes_with_exempt_item
    client.force_login(member)
    assert SECRET in client.get(reverse("meetings:minutes", args=[earlier.pk])).content.decode()


def test_officer_who_is_not_a_member_gets_the_public_version(client, other_officer, minutes_with_exempt_item):
    earlier, _, _ = minutes_with_exempt_item
    client.force_login(other_officer)
    assert SECRET not in client.get(reverse("meetings:minutes", args=[earlier.pk])).content.decode()


def test_public_response_paper_leaves_out_resolutions_of_exempt_items(minutes_with_exempt_item):
    _, later, _ = minutes_with_exempt_item
    assert SECRET in response_to_resolutions_html(later)
    public = response_to_resolutions_html(later, public=True)
    assert SECRET not in public
    assert "to receive a fostering update" in public.lower()


def test_public_pack_carries_the_minutes_without_the_exempt_minute(minutes_with_exempt_item):
    _, later, _ = minutes_with_exempt_item
    assert SECRET not in minutes_paper_html(later.previous_meeting(), public=True)
    public = pack_build(meeting_id=later.pk, variant=Pack.Variant.PUBLIC)
    members = pack_build(meeting_id=later.pk, variant=Pack.Variant.MEMBERS)
    public_text = " ".join(page_texts(pdf_bytes(public)))
    assert SECRET not in public_text
    assert "RESIDENTIAL CARE CONTRACT AWARD" in public_text
    assert SECRET in " ".join(page_texts(pdf_bytes(members)))


def test_officer_who_does_not_own_an_exempt_resolution_sees_no_wording(client, other_officer, officer,
                                                                       minutes_with_exempt_item):
    earlier, _, exempt_minute = minutes_with_exempt_item
    resolution = exempt_minute.resolutions.get()
    client.force_login(other_officer)
    for url in (reverse("meetings:resolution", args=[resolution.pk]),
                reverse("meetings:resolution_tracker", args=[earlier.board.slug])):
        html = client.get(url).content.decode()
        assert SECRET not in html
        assert "wording" in html and "withheld" in html
    client.force_login(officer)  # the owner responds, so reads it
    assert SECRET in client.get(reverse("meetings:resolution", args=[resolution.pk])).content.decode()
