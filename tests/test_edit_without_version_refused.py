"""Every edit form carries the version the user started from; a save without it is refused as a
stale edit would be (nothing overwritten, what was typed kept), and the normal edit still saves.

Each case opens the edit page as a user would, checks the form carries its version, then posts
the same form once without the version (refused) and once as the page sent it (saved).
"""
import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from minutes import services as svc

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory
from tests.actions.factories import ActionFactory, PlanFactory, SectionFactory
from tests.minutes.factories import drafted

REFUSED = "Your save was refused: the form did not say which version you started from"
KEPT = "Nothing has been overwritten: your text is still in the form below."


def _form_data(html: str) -> dict:
    """The fields of the page's edit form as a browser would send them (text, hidden, checked boxes,
    selected options, textareas); enough for these forms."""
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'\bname="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        kind = (re.search(r'\btype="([^"]+)"', tag) or [None, "text"])[1]
        value = re.search(r'\bvalue="([^"]*)"', tag)
        if kind in ("checkbox", "radio"):
            if " checked" in tag:
                data.setdefault(name.group(1), []).append(value.group(1) if value else "on")
            continue
        if kind in ("submit", "button", "file"):
            continue
        data[name.group(1)] = _unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = _unescape(body.lstrip("\n"))
    for name, body in re.findall(r'<select\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option\b[^>]*\bvalue="([^"]*)"[^>]*\bselected', body)
        if chosen:
            data[name] = chosen if len(chosen) > 1 else chosen[0]
    return data


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _check(client, url, *, version_field, changes, saved, page_url=None, form_marker=None, refused_status=200):
    """Open the form, post it without its version (refused), then as sent (saved)."""
    page = client.get(page_url or url).content.decode()
    if form_marker:  # a page with several forms: take the one around the marker
        at = page.index(form_marker)
        page = page[page.rfind("<form", 0, at):page.index("</form>", at)]
    data = _form_data(page)
    assert version_field in data, f"the form at {url} does not carry its version"
    data.update(changes)
    without = {k: v for k, v in data.items() if k != version_field}

    refused = client.post(url, without)
    # The form again with the refusal: 200 from a plain form, 409 (Conflict) from the editors that
    # offer the merge path, 400 from the indicator entry page.
    assert refused.status_code == refused_status
    html = refused.content.decode()
    assert REFUSED in html and KEPT in html
    assert not saved(), "a save without a version changed the record"

    accepted = client.post(url, data)
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    assert saved()


@pytest.fixture
def logged_in_clerk(client, clerk):
    client.force_login(clerk)
    return client


def test_meeting_details(logged_in_clerk, board):
    meeting = MeetingFactory(board=board)
    _check(logged_in_clerk, reverse("meetings:edit", args=[meeting.pk]), version_field="version",
           changes={"venue": "Council House"},
           saved=lambda: type(meeting).objects.get(pk=meeting.pk).venue == "Council House")


def test_agenda_item(logged_in_clerk, board):
    item = AgendaItemFactory(meeting=MeetingFactory(board=board), title="Budget")
    _check(logged_in_clerk, reverse("meetings:item_edit", args=[item.pk]), version_field="version",
           changes={"title": "Budget 2031"},
           saved=lambda: type(item).objects.get(pk=item.pk).title == "Budget 2031")


def test_report(client, board, officer):
    report = ReportFactory(board=board, author=officer, title="Placement stability", summary="Original")
    client.force_login(officer)
    _check(client, reverse("meetings:report_edit", args=[report.pk]), refused_status=409, version_field="version",
           changes={"summary": "Officer's new summary"},
           saved=lambda: type(report).objects.get(pk=report.pk).summary == "Officer's new summary")


def test_board_details(logged_in_clerk, board):
    _check(logged_in_clerk, reverse("board_edit", args=[board.slug]), version_field="version",
           changes={"default_venue": "Loxley House"},
           saved=lambda: type(board).objects.get(pk=board.pk).default_venue == "Loxley House")


@pytest.fixture
def plan(board, clerk):
    plan = PlanFactory(board=board, owner=clerk)
    return plan


def test_action_plan(logged_in_clerk, plan):
    _check(logged_in_clerk, reverse("actions:plan_edit", args=[plan.pk]), version_field="version",
           changes={"title": "CSE action plan"},
           saved=lambda: type(plan).objects.get(pk=plan.pk).title == "CSE action plan")


def test_action_plan_section(logged_in_clerk, plan):
    section = SectionFactory(plan=plan, title="Prevention")
    _check(logged_in_clerk, reverse("actions:section_edit", args=[section.pk]), version_field="version",
           changes={"title": "Prevention & Response"},
           saved=lambda: type(section).objects.get(pk=section.pk).title == "Prevention & Response")


def test_action(logged_in_clerk, plan):
    action = ActionFactory(section=SectionFactory(plan=plan), text="Map the data")
    _check(logged_in_clerk, reverse("actions:action_edit", args=[action.pk]), version_field="version",
           changes={"text": "Map the data for the City"},
           saved=lambda: type(action).objects.get(pk=action.pk).text == "Map the data for the City")


def test_action_progress_update(logged_in_clerk, plan):
    action = ActionFactory(section=SectionFactory(plan=plan), text="Map the data")
    _check(logged_in_clerk, reverse("actions:action_update", args=[action.pk]), version_field="version",
           changes={"text": "Data mapped for the City", "rag": "green"},
           saved=lambda: action.progress_updates.filter(text="Data mapped for the City").exists())


@pytest.fixture
def minute(board, clerk):
    meeting = drafted(board, datetime.date(2030, 1, 10), clerk, first_number=1)
    return meeting.minutes.get(number=4)


def test_minute(logged_in_clerk, minute):
    url = reverse("meetings:minute_edit", args=[minute.pk])
    _check(logged_in_clerk, url, refused_status=409, version_field="version", changes={"narrative": "The Board considered the report."},
           form_marker=f'action="{url}"',
           saved=lambda: type(minute).objects.get(pk=minute.pk).narrative == "The Board considered the report.")


def test_lettered_point(logged_in_clerk, minute, clerk):
    point = svc.point_add(minute=minute, user=clerk, text="Original point")
    _check(logged_in_clerk, reverse("meetings:point_edit", args=[point.pk]), refused_status=409, version_field="version",
           changes={"text": "Corrected point"},
           saved=lambda: type(point).objects.get(pk=point.pk).text == "Corrected point")


def test_resolution(logged_in_clerk, minute, clerk):
    resolution = svc.resolution_add(minute=minute, user=clerk, text="to note the report.")
    _check(logged_in_clerk, reverse("meetings:resolution_edit", args=[resolution.pk]), refused_status=409, version_field="version",
           changes={"text": "to note the report and ask for an update."},
           saved=lambda: type(resolution).objects.get(pk=resolution.pk).text == "to note the report and ask for an update.")


def test_resolution_tracking(logged_in_clerk, minute, clerk):
    resolution = svc.resolution_add(minute=minute, user=clerk, text="to ask for an update.")
    url = reverse("meetings:resolution", args=[resolution.pk])
    _check(logged_in_clerk, url, refused_status=409, version_field="version", changes={"status": "done", "form": "track"},
           form_marker='value="track"',
           saved=lambda: type(resolution).objects.get(pk=resolution.pk).status == "done")


def test_attendance_sheet(logged_in_clerk, minute, member):
    meeting = minute.meeting
    url = reverse("meetings:attendance", args=[meeting.pk])
    logged_in_clerk.get(url)  # fills the sheet with the board's members
    row = meeting.attendance.get(person__user=member)
    index = list(meeting.attendance.order_by("position", "person__last_name")).index(row)
    _check(logged_in_clerk, url, refused_status=409, version_field="version",
           changes={f"att-{index}-status": "apologies", f"att-{index}-apology_reason": "on other Council business"},
           form_marker='name="version"',
           saved=lambda: type(row).objects.get(pk=row.pk).apology_reason == "on other Council business")


def test_indicator_value_correction(client, board, officer):
    from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

    indicator = IndicatorFactory(boards=[board], responsible_officers=[officer.person])  # enters its values
    value = IndicatorValueFactory(indicator=indicator, numerator=Decimal(8), denominator=Decimal(326))
    client.force_login(officer)
    url = reverse("performance:indicator_detail", args=[indicator.pk])
    _check(client, url, page_url=f"{url}?period={value.period_start.isoformat()}", refused_status=400, version_field="version",
           changes={"numerator": "9", "reason": "Figure re-counted"}, form_marker='name="version"',
           saved=lambda: type(value).objects.get(pk=value.pk).numerator == Decimal(9))


def test_indicator_value_corrected_by_choosing_its_period_checks_the_version_it_was_drawn_with(client, board, officer):
    """The value form can also correct a recorded period chosen from its list ("saving corrects it"):
    it carries the version of every recorded period, so a correction saved since is not overwritten."""
    from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

    indicator = IndicatorFactory(boards=[board], responsible_officers=[officer.person])  # enters its values
    value = IndicatorValueFactory(indicator=indicator, numerator=Decimal(8), denominator=Decimal(326))
    client.force_login(officer)
    url = reverse("performance:indicator_detail", args=[indicator.pk])
    page = client.get(url).content.decode()
    data = _form_data(page[page.rfind("<form", 0, page.index('name="version"')):])
    data.update({"period_start": value.period_start.isoformat(), "numerator": "9", "denominator": "326",
                 "reason": "Figure re-counted"})
    assert client.post(url, data).status_code == 302
    assert type(value).objects.get(pk=value.pk).numerator == Decimal(9)

    again = client.post(url, {**data, "numerator": "10"})  # drawn before the correction above
    assert "Someone else saved a newer version" in again.content.decode()
    assert type(value).objects.get(pk=value.pk).numerator == Decimal(9)
