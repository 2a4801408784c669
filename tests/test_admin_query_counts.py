"""Admin change lists and change forms cost the same number of queries with 5 or 45 of everything.

Every registered admin model of the apps below is walked (admin.site._registry), so a new model's
admin cannot escape: a select listing every row of a big table (a foreign key without raw_id_fields
or autocomplete_fields) or a __str__ that queries shows up as a count that grows with the data.
"""
import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import AgendaPlan, PlanSnapshot, ProgressUpdate, RagChange, ReminderSent
from boards.models import Membership, Organisation
from performance.models import Comparator, PerformanceSnapshot, Target
from tests.factories import AgendaItemFactory, BoardFactory, MeetingFactory, PersonFactory, PriorityFactory, UserFactory
from tests.actions.factories import ActionFactory, PlanFactory, SectionFactory
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

APPS = {"actions", "performance", "boards"}  # minutes: the minute change form is tested below
SMALL, BIG = 5, 45


def _models():
    return sorted((m for m in admin.site._registry if m._meta.app_label in APPS), key=lambda m: m._meta.label)


def _grow(count, start):
    """`count` more of every model of the apps, mostly on one board (the worst case for its selects)."""
    board = BoardFactory(slug="scale-board", name="Scale board") if start == 0 else _grow.board
    _grow.board = board
    plan = PlanFactory(board=board) if start == 0 else _grow.plan
    _grow.plan = plan
    section = SectionFactory(plan=plan)
    for i in range(start, start + count):
        user = UserFactory(username=f"scale{i}")
        person = PersonFactory(user=user, organisation=Organisation.objects.create(name=f"Organisation scale {i}"))
        Membership.objects.create(board=board, person=person)
        PriorityFactory(board=BoardFactory())  # more boards; a board's own priorities are a handful
        meeting = MeetingFactory(board=board, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
        item = AgendaItemFactory(meeting=meeting)
        other_plan = PlanFactory(board=board, owner=user)
        AgendaPlan.objects.create(agenda_item=item, plan=other_plan)
        PlanSnapshot.objects.create(plan=other_plan, rows=[], content_hash=f"{i}", agenda_item=item)
        action = ActionFactory(section=section, lead_person=person)
        ProgressUpdate.objects.create(action=action, text="Done a bit.", author=user)
        RagChange.objects.create(action=action, to_rag="green")
        ReminderSent.objects.create(person=person, sent_on=datetime.date(2020, 1, 1), email="a@example.org")
        indicator = IndicatorFactory(boards=[board])
        IndicatorValueFactory(indicator=indicator)
        Target.objects.create(indicator=indicator, period_start=datetime.date(2012, 4, 1), value=Decimal(3))
        Comparator.objects.create(indicator=indicator, period_start=datetime.date(2012, 4, 1), kind="england",
                                  value=Decimal(4))
        PerformanceSnapshot.objects.create(board=board, as_of=datetime.date(2020, 1, 1), rows=[], content_hash=f"{i}")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.content)


def _measure(client):
    counts = {}
    for model in _models():
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the test builds no {opts.label}: add it to _grow"
        counts[opts.label] = (
            _count(client, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))[0],
            _count(client, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])),
        )
    return counts


def test_admin_pages_flat_in_queries_and_size(client, admin_user):
    client.force_login(admin_user)
    _grow(SMALL, 0)
    _measure(client)  # warm the per-process caches (content types, permissions) first
    small = _measure(client)
    _grow(BIG - SMALL, SMALL)
    big = _measure(client)
    grown = {label: (small[label], big[label]) for label in small
             if small[label][0] != big[label][0] or small[label][1][0] != big[label][1][0]}
    assert not grown, f"queries (change list, (change form, bytes)) at {SMALL} → {BIG}: {grown}"
    # The forms' HTML does not grow with the number of rows in other tables (no select of every row).
    too_big = {label: (small[label][1][1], big[label][1][1]) for label in small
               if big[label][1][1] > small[label][1][1] + 2000}
    assert not too_big, f"change form bytes at {SMALL} → {BIG}: {too_big}"


def _points_and_resolutions(minute, meeting, count):
    from minutes.models import MinutePoint, Resolution

    for i in range(count):
        MinutePoint.objects.create(minute=minute, order=i + 1, text=f"Point {i}")
        Resolution.objects.create(minute=minute, order=i + 1, text=f"To note {i}", due_meeting=meeting)


def test_unconfirmed_minute_change_form_does_not_list_every_point_and_meeting(client, admin_user):
    """Each point's parent and each resolution's due meeting were selects of every row in the database."""
    from minutes.models import Minute, MinutePoint
    from tests.minutes.factories import drafted

    client.force_login(admin_user)
    board = BoardFactory()
    first = drafted(board, datetime.date(2020, 1, 6), admin_user)
    minute = Minute.objects.filter(meeting=first).order_by("position").last()
    _points_and_resolutions(minute, first, 3)
    url = reverse("admin:minutes_minute_change", args=[minute.pk])
    _count(client, url)
    small = _count(client, url)
    for i in range(1, 41):
        meeting = drafted(board, datetime.date(2020, 1, 6) + datetime.timedelta(weeks=i), admin_user)
        _points_and_resolutions(Minute.objects.filter(meeting=meeting).order_by("position").last(), meeting, 2)
    assert MinutePoint.objects.count() >= 80
    big = _count(client, url)
    assert big[0] == small[0], f"queries {small[0]} → {big[0]}"
    assert big[1] < small[1] + 2000, f"bytes {small[1]} → {big[1]}"
    assert big[1] < 80_000
