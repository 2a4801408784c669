"""Forms keep what was saved: every edit form of the app, opened on the demo board and saved
unchanged in a real browser, leaves its object exactly as it was (dates and times included: a
browser throws away a date input's value unless it reads "2013-11-18"), with the same version
and no new History entry."""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action, Plan, Section
from boards.models import Board
from meetings.models import AgendaItem, Meeting, Report
from minutes.models import Attendance, Declaration, Minute, MinutePoint, Resolution
from performance.models import IndicatorValue

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.browser

def _values(obj) -> dict:
    """Everything stored about `obj`: every field (its version and times included), its links, and
    how many entries its History has: an unchanged save stores nothing at all."""
    obj = type(obj)._base_manager.get(pk=obj.pk)
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for m2m in obj._meta.many_to_many:
        values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    history = getattr(obj, "history", None)
    values["History entries"] = history.count() if history is not None else None
    return values


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo")
    clerk = get_user_model().objects.get(username="clerk")
    clerk.set_password(PASSWORD)
    clerk.save()
    return Board.objects.get()


def _save_unchanged(page, url, field):
    """Open the page, and submit the form holding `field` without touching anything."""
    page.goto(url)
    form = page.locator("form").filter(has=page.locator(f"[name='{field}']")).first
    with page.expect_navigation():
        form.locator("button:not([type=button]), input[type=submit]").last.click()
    return page


def test_every_edit_form_saved_unchanged_leaves_its_object_unchanged(page, demo):
    november = Meeting.objects.get(board=demo, date=datetime.date(2013, 11, 18))
    september = Meeting.objects.get(board=demo, date=datetime.date(2013, 9, 23))
    july = Meeting.objects.get(board=demo, date=datetime.date(2013, 7, 15))
    action = Action.objects.filter(plan__board=demo, timescale_date__isnull=False).order_by("pk").first()
    minute = Minute.objects.filter(meeting=september, points__isnull=False).order_by("number").first()
    point = MinutePoint.objects.filter(minute=minute).order_by("order").first()
    resolution = Resolution.objects.filter(minute__meeting=september, confirms__isnull=True).order_by("pk").first()
    tracked = Resolution.objects.filter(minute__meeting=july, due_meeting__isnull=False).order_by("pk").first()
    declaration = Declaration.objects.filter(meeting=september).order_by("pk").first()
    # The reference's local measure: 1 September to 31 December 2012, not a standard quarter.
    local_measure = IndicatorValue.objects.filter(indicator__code="CIC-OFF-Q", period_start=datetime.date(2012, 9, 1)).get()
    assert september.end_time and action.timescale_date  # the demo has times and dates to lose
    cases = [
        ("board", reverse("board_edit", args=[demo.slug]), "default_start_time", demo),
        ("meeting", reverse("meetings:edit", args=[november.pk]), "venue", november),
        ("meeting with a finish time", reverse("meetings:edit", args=[september.pk]), "venue", september),
        ("agenda item", reverse("meetings:item_edit", args=[november.items.get(position=4).pk]), "title",
         november.items.get(position=4)),
        ("report", reverse("meetings:report_edit", args=[Report.objects.filter(board=demo).first().pk]), "title",
         Report.objects.filter(board=demo).first()),
        ("action plan", reverse("actions:plan_edit", args=[Plan.objects.get(board=demo).pk]), "period",
         Plan.objects.get(board=demo)),
        ("plan section", reverse("actions:section_edit", args=[Section.objects.filter(plan__board=demo).first().pk]),
         "responsibility_heading", Section.objects.filter(plan__board=demo).first()),
        ("action", reverse("actions:action_edit", args=[action.pk]), "timescale_date", action),
        ("minute", reverse("meetings:minute_edit", args=[minute.pk]), "narrative", minute),
        ("minute point", reverse("meetings:point_edit", args=[point.pk]), "lead_in", point),
        ("resolution wording", reverse("meetings:resolution_edit", args=[resolution.pk]), "text", resolution),
        ("resolution tracking", reverse("meetings:resolution", args=[tracked.pk]), "due_meeting", tracked),
        ("declaration", reverse("meetings:declaration_edit", args=[declaration.pk]), "wording", declaration),
        ("indicator value correction", reverse("performance:indicator_detail", args=[local_measure.indicator_id])
         + "?period=2012-09-01", "period_start", local_measure),
    ]
    sign_in(page, "clerk")
    changed = []
    for name, url, field, obj in cases:
        before = _values(obj)
        _save_unchanged(page, url, field)
        if page.locator(".errorlist").count():
            changed.append(f"{name}: the save was refused: {page.locator('.errorlist').all_inner_texts()}")
        after = _values(obj)
        if after != before:
            changed.append(f"{name}: {[(k, before[k], after[k]) for k in before if before[k] != after[k]]}")
    # The attendance sheet: every row.
    rows = list(Attendance.objects.filter(meeting=september).order_by("pk"))
    before = [_values(r) for r in rows]
    _save_unchanged(page, reverse("meetings:attendance", args=[september.pk]), "att-0-status")
    after = [_values(r) for r in rows]
    if after != before:
        changed.append(f"attendance: {[(b, a) for b, a in zip(before, after) if a != b]}")
    assert not changed, "saved unchanged, yet changed:\n" + "\n".join(changed)


def test_linking_an_action_to_a_resolution_keeps_its_timescale(page, demo):
    action = Action.objects.filter(plan__board=demo, timescale_date__isnull=False, resolution__isnull=True).order_by("pk").first()
    timescale = action.timescale_date
    sign_in(page, "clerk")
    page.goto(reverse("actions:action_edit", args=[action.pk]))
    select = page.get_by_label("Resolution that created this action")
    option = select.locator("option").nth(1)
    select.select_option(option.get_attribute("value"))
    with page.expect_navigation():
        page.locator("form").filter(has=select).locator("button:not([type=button]), input[type=submit]").last.click()
    action.refresh_from_db()
    assert action.resolution_id is not None
    assert action.timescale_date == timescale
