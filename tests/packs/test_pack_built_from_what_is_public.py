"""A pack is built only from what is public: published minutes of the last meeting actually held,
a "Last meeting held on …" line worked out when the pack is built, and, to the public, an exempt
item's number, title and paragraph only (front sheet, agenda page, item page)."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services as minutes_svc
from meetings import services
from meetings.models import AgendaItem, ExemptParagraph, Meeting
from packs.models import Pack
from packs.render import build_plan

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import report_for

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _meeting(board, date, *, published=True, venue="Loxley House", **fields):
    meeting = MeetingFactory(board=board, date=date, venue=venue,
                             agenda_published_at=timezone.now() if published else None, **fields)
    for position, (kind, title) in enumerate([(AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
                                              (AgendaItem.Kind.MINUTES, "Minutes"),
                                              (AgendaItem.Kind.BUSINESS, "Fostering update")], start=1):
        AgendaItemFactory(meeting=meeting, position=position, kind=kind, title=title)
    return meeting


def _minutes(meeting, clerk, text, *, publish):
    minutes_svc.minutes_draft(meeting=meeting, user=clerk, first_number=1)
    minute = meeting.minutes.get(agenda_item__position=3)
    minutes_svc.point_add(minute=minute, user=clerk, text=text)
    if publish:
        minutes_svc.minutes_publish(meeting=meeting, user=clerk)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _paper_keys(plan):
    return [paper.key for paper in plan.papers()]


@pytest.fixture
def held(board, clerk):
    """A meeting held six weeks ago (agenda published), and the meeting coming up in a month."""
    last = _meeting(board, TODAY - 42 * DAY)
    coming = services.meeting_create(board=board, date=TODAY + 30 * DAY, start_time=datetime.time(14),
                                     venue="Loxley House", user=clerk)
    Meeting.objects.filter(pk=coming.pk).update(agenda_published_at=timezone.now())
    coming.refresh_from_db()
    return last, coming


@pytest.mark.parametrize("variant", list(Pack.Variant))
def test_draft_minutes_are_in_no_pack_until_published(held, clerk, variant):
    last, coming = held
    _minutes(last, clerk, "DRAFTPOINT the board discussed fostering.", publish=False)
    plan = build_plan(coming.pk, variant)
    assert f"minutes:{last.pk}" not in _paper_keys(plan)
    assert "DRAFTPOINT" not in "".join(p.html for p in plan.papers())
    minutes_svc.minutes_publish(meeting=last, user=clerk)
    plan = build_plan(coming.pk, variant)
    assert f"minutes:{last.pk}" in _paper_keys(plan)
    assert "DRAFTPOINT" in "".join(p.html for p in plan.papers())


def test_drafting_minutes_does_not_put_anyone_present_in_the_public_pack(held, clerk, member):
    last, coming = held
    _minutes(last, clerk, "A point.", publish=False)
    html = "".join(p.html for p in build_plan(coming.pk, Pack.Variant.PUBLIC).papers()) + \
        build_plan(coming.pk, Pack.Variant.PUBLIC).cover_html
    assert "indicates present" not in html
    assert "MINUTES of the meeting" not in html


def test_a_meeting_not_yet_held_never_supplies_minutes_or_the_last_meeting_line(held, board, clerk):
    last, coming = held
    _minutes(last, clerk, "HELDPOINT", publish=True)
    soon = _meeting(board, TODAY + 10 * DAY)  # published, before `coming`, but not yet held
    _minutes(soon, clerk, "NOTHELDPOINT", publish=True)
    for variant in Pack.Variant:
        plan = build_plan(coming.pk, variant)
        papers = "".join(p.html for p in plan.papers())
        assert "HELDPOINT" in papers and "NOTHELDPOINT" not in papers
        cover = _text(plan.cover_html)
        assert f"Last meeting held on {(TODAY - 42 * DAY).day} " in cover
        assert f" {soon.date.day} {soon.date:%B %Y}" not in cover


def test_an_unpublished_meeting_is_never_named_by_the_front_sheet_or_the_pack(held, board, clerk, client):
    last, coming = held
    _minutes(last, clerk, "HELDPOINT", publish=True)
    hidden = _meeting(board, TODAY - 7 * DAY, published=False, venue="UNPUBLISHEDVENUE Room 9")
    _minutes(hidden, clerk, "UNPUBLISHEDPOINT", publish=True)
    # The agenda was made while the unpublished meeting was the latest: its stored line names it.
    item = coming.items.get(kind=AgendaItem.Kind.MINUTES)
    AgendaItem.objects.filter(pk=item.pk).update(
        description=f"Last meeting held on {hidden.date.day} {hidden.date:%B %Y} (for confirmation)")
    hidden_date = f" {hidden.date.day} {hidden.date:%B %Y}"
    for variant in Pack.Variant:
        plan = build_plan(coming.pk, variant)
        everything = _text(plan.cover_html + "".join(p.html for p in plan.papers()))
        assert "UNPUBLISHEDVENUE" not in everything and "UNPUBLISHEDPOINT" not in everything
        assert hidden_date not in everything
        assert f"Last meeting held on {last.date.day} {last.date:%B %Y} (for confirmation)" in everything
    for url in (reverse("meetings:frontsheet", args=[coming.pk]), coming.get_absolute_url(),
                reverse("meetings:item", args=[item.pk])):
        page = _text(client.get(url).content.decode())
        assert hidden_date not in page
        assert f"Last meeting held on {last.date.day} {last.date:%B %Y}" in page


@pytest.fixture
def exempt_item(held):
    _, coming = held
    item = AgendaItemFactory(meeting=coming, position=4, title="Placement contract",
                             description="EXEMPTDESCRIPTION of the provider", presenter="EXEMPTPRESENTER Commissioning",
                             is_exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Prices.")
    return item


def test_public_front_sheet_shows_an_exempt_item_by_number_title_and_paragraph_only(exempt_item):
    cover = _text(build_plan(exempt_item.meeting_id, Pack.Variant.PUBLIC).cover_html)
    assert "4 PLACEMENT CONTRACT" in cover and "paragraph 3" in cover
    assert "EXEMPTDESCRIPTION" not in cover and "EXEMPTPRESENTER" not in cover
    members = _text(build_plan(exempt_item.meeting_id, Pack.Variant.MEMBERS).cover_html)
    assert "EXEMPTDESCRIPTION" in members and "EXEMPTPRESENTER" in members


@pytest.mark.parametrize("who, sees", [(None, False), ("officer", False), ("other_member", False),
                                       ("member", True), ("clerk", True)])
def test_exempt_items_description_and_presenter_on_pages(exempt_item, client, request, who, sees):
    if who:
        client.force_login(request.getfixturevalue(who))
    meeting = exempt_item.meeting
    for url in (meeting.get_absolute_url(), reverse("meetings:frontsheet", args=[meeting.pk]),
                reverse("meetings:item", args=[exempt_item.pk])):
        page = client.get(url).content.decode()
        assert "Placement contract".upper() in page.upper()
        assert ("EXEMPTDESCRIPTION" in page) is sees, url
        assert ("EXEMPTPRESENTER" in page) is sees, url


def test_public_pack_prints_only_reports_the_public_pages_show(held, board, clerk, client):
    _, coming = held
    business = coming.items.get(position=3)
    shown = report_for(business, "Fostering figures", marker="SHOWNREPORT")
    report_for(business, "Fostering draft", marker="APPROVEDONLY", status="approved")
    papers = "".join(p.html for p in build_plan(coming.pk, Pack.Variant.PUBLIC).papers())
    assert "SHOWNREPORT" in papers and "APPROVEDONLY" not in papers
    assert client.get(shown.get_absolute_url()).status_code == 200
