"""axe-core on every page of the demo board, as the clerk (who sees every control) and the public.

The journeys check the pages they pass through; this sweep makes sure no page is left out,
including edit forms, history pages and printable views.
"""
import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action, Plan, PlanSnapshot
from boards.models import Board, Membership
from meetings.models import AgendaItem, Meeting, Report
from minutes.models import Minute, Resolution
from performance.models import Indicator, IndicatorValue, PerformanceSnapshot

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    return Board.objects.get(slug="corporate-parenting-board")


def _pages(board):
    november = Meeting.objects.get(board=board, date="2013-11-18")
    september = Meeting.objects.get(board=board, date="2013-09-23")
    item = november.items.get(position=5)
    report = Report.objects.get(agenda_item=item)
    minute = Minute.objects.filter(meeting=september).order_by("number").last()
    resolution = Resolution.objects.filter(minute__meeting=september).first()
    plan = Plan.objects.get(board=board)
    action = Action.objects.filter(plan=plan, lead_person__isnull=False).first()
    section = action.section
    indicator = Indicator.objects.get(code="A1")
    value = IndicatorValue.objects.filter(indicator=indicator).first()
    person = Membership.objects.filter(board=board, role="chair").get().person
    public_pages = [
        reverse("home"), reverse("board_detail", args=[board.slug]),
        reverse("meetings:detail", args=[november.pk]), reverse("meetings:frontsheet", args=[november.pk]),
        reverse("meetings:item", args=[item.pk]), reverse("meetings:report", args=[report.pk]),
        reverse("meetings:minutes", args=[september.pk]), reverse("meetings:minutes_print", args=[september.pk]),
        reverse("meetings:response_paper", args=[november.pk]), reverse("meetings:person", args=[person.pk]),
        reverse("performance:indicator_list"), reverse("performance:indicator_detail", args=[indicator.pk]),
        reverse("performance:snapshot_detail", args=[PerformanceSnapshot.objects.filter(public=True).first().pk]),
        reverse("search:search") + "?q=fostering", reverse("search:search") + "?q=fostering&kind=decision",
        reverse("alerts:subscribe"), reverse("alerts:check_email"),
        reverse("login"),
    ]
    clerk_pages = public_pages[:-1] + [
        reverse("board_edit", args=[board.slug]), reverse("membership_add", args=[board.slug]),
        reverse("board_history", args=[board.slug]), reverse("meetings:create", args=[board.slug]),
        reverse("meetings:edit", args=[november.pk]), reverse("meetings:cancel", args=[november.pk]),
        reverse("meetings:history", args=[november.pk]), reverse("meetings:item_edit", args=[item.pk]),
        reverse("meetings:item_history", args=[item.pk]), reverse("meetings:my_reports"),
        reverse("meetings:report_create", args=[board.slug]), reverse("meetings:report_edit", args=[report.pk]),
        reverse("meetings:report_history", args=[report.pk]),
        reverse("meetings:minutes_edit", args=[september.pk]), reverse("meetings:attendance", args=[september.pk]),
        reverse("meetings:declarations", args=[september.pk]), reverse("meetings:apologies", args=[november.pk]),
        reverse("meetings:minute_edit", args=[minute.pk]), reverse("meetings:resolution", args=[resolution.pk]),
        reverse("meetings:resolution_tracker", args=[board.slug]),
        reverse("actions:plan_list"), reverse("actions:plan_detail", args=[plan.pk]),
        reverse("actions:plan_edit", args=[plan.pk]), reverse("actions:plan_history", args=[plan.pk]),
        reverse("actions:snapshot_list", args=[plan.pk]),
        reverse("actions:snapshot_detail", args=[PlanSnapshot.objects.first().pk]),
        reverse("actions:plan_import", args=[board.slug]), reverse("actions:plan_create", args=[board.slug]),
        reverse("actions:section_edit", args=[section.pk]), reverse("actions:action_create", args=[section.pk]),
        reverse("actions:action_detail", args=[action.pk]), reverse("actions:action_edit", args=[action.pk]),
        reverse("actions:action_update", args=[action.pk]), reverse("actions:action_history", args=[action.pk]),
        reverse("actions:my_actions"),
        reverse("performance:values_import"), reverse("performance:snapshot_create", args=[board.slug]),
        reverse("performance:indicator_history", args=[indicator.pk]),
        reverse("performance:value_history", args=[value.pk]),
    ]
    return public_pages, clerk_pages


def _sweep(page, urls):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        assert_accessible(page)


def test_every_public_page_passes_axe(page, demo):
    public_pages, _ = _pages(demo)
    _sweep(page, public_pages)


def test_every_clerk_page_passes_axe(page, demo):
    from .conftest import sign_in

    _, clerk_pages = _pages(demo)
    sign_in(page, "clerk", "clerk-demo-2013")
    _sweep(page, clerk_pages)
