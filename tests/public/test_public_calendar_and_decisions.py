"""The calendar (month grid and list, filter by board, cancelled and rescheduled in words), the
decisions register (filters, follow-up status, responses reported back, actions with their RAG in
words) and a meeting's documents."""
import datetime

import pytest
from django.urls import reverse

from minutes import services as minutes_svc
from meetings import services
from meetings.models import Meeting
from minutes.models import Minute, Resolution, ResolutionResponse

from tests.factories import MeetingFactory
from tests.minutes.factories import drafted

PUBLISHED = datetime.datetime(2030, 10, 1, tzinfo=datetime.timezone.utc)


@pytest.fixture
def month(board, other_board, clerk):
    regular = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=PUBLISHED,
                             status=Meeting.Status.AGENDA_PUBLISHED)
    off = MeetingFactory(board=board, date=datetime.date(2030, 11, 4), agenda_published_at=PUBLISHED,
                         status=Meeting.Status.AGENDA_PUBLISHED)
    services.meeting_cancel(meeting=off, reason="Not quorate", user=clerk)
    moved = MeetingFactory(board=other_board, date=datetime.date(2030, 11, 25), agenda_published_at=PUBLISHED,
                           status=Meeting.Status.AGENDA_PUBLISHED, rescheduled_from_date=datetime.date(2030, 11, 11),
                           rescheduled_at=PUBLISHED)
    hidden = MeetingFactory(board=board, date=datetime.date(2030, 11, 27), venue="CALHIDDEN")
    return regular, off, moved, hidden


def test_month_grid_and_list_show_published_meetings_with_cancelled_and_rescheduled_in_words(client, month):
    regular, off, moved, hidden = month
    for query in ("", "?view=list"):
        page = client.get(reverse("public:calendar_month", args=[2030, 11]) + query).content.decode()
        assert regular.get_absolute_url() in page and off.get_absolute_url() in page and moved.get_absolute_url() in page
        assert "Cancelled" in page
        assert "Rescheduled (was 11 November 2030)" in page
        assert hidden.get_absolute_url() not in page


def test_previous_and_next_month_links_keep_the_board_filter(client, month, board):
    page = client.get(reverse("public:calendar_month", args=[2030, 11]) + f"?board={board.slug}").content.decode()
    assert f'href="/calendar/2030/10/?board={board.slug}"' in page and f'href="/calendar/2030/12/?board={board.slug}"' in page
    assert month[2].get_absolute_url() not in page  # the other board's meeting is filtered out
    assert month[0].get_absolute_url() in page


def test_the_boards_clerk_sees_the_unpublished_meeting_marked_as_such(client, month, clerk):
    client.force_login(clerk)
    page = client.get(reverse("public:calendar_month", args=[2030, 11]) + "?view=list").content.decode()
    assert month[3].get_absolute_url() in page and "Agenda not yet published" in page


def test_no_such_month(client, db):
    assert client.get(reverse("public:calendar_month", args=[2030, 13])).status_code == 404


@pytest.fixture
def register(board, other_board, clerk):
    sept = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=20)
    nov = MeetingFactory(board=board, date=datetime.date(2013, 11, 18), agenda_published_at=PUBLISHED)
    minute = sept.minutes.filter(kind=Minute.Kind.BUSINESS).first()
    done = minutes_svc.resolution_add(minute=minute, user=clerk, text="to approve the REGISTERDONE plan.")
    open_ = minutes_svc.resolution_add(minute=minute, user=clerk, text="to ask for a REGISTEROPEN report.")
    Resolution.objects.filter(pk=done.pk).update(status=Resolution.Status.DONE, due_meeting=nov)
    ResolutionResponse.objects.create(resolution=done, date=datetime.date(2013, 11, 1), text="REGISTERRESPONSE plan approved.")
    minutes_svc.minutes_publish(meeting=sept, user=clerk)
    draft = drafted(board, datetime.date(2014, 1, 20), clerk)
    minutes_svc.resolution_add(minute=draft.minutes.filter(kind=Minute.Kind.BUSINESS).first(), user=clerk,
                               text="REGISTERDRAFT to note.")
    other = drafted(other_board, datetime.date(2014, 2, 3), clerk, first_number=1)
    minutes_svc.resolution_add(minute=other.minutes.filter(kind=Minute.Kind.BUSINESS).first(), user=clerk,
                               text="to note the REGISTEROTHER report.")
    minutes_svc.minutes_publish(meeting=other, user=clerk)
    return sept, done, open_


def test_decisions_register_lists_published_resolutions_with_status_and_responses(client, register):
    page = client.get(reverse("public:decisions")).content.decode()
    assert "REGISTERDONE" in page and "REGISTEROPEN" in page and "REGISTEROTHER" in page
    assert "REGISTERRESPONSE" in page and "Done" in page and "Open" in page
    assert "REGISTERDRAFT" not in page
    assert "Minute 2" in page  # minute numbers as the minutes give them


def test_decisions_register_filters_by_board_year_and_status(client, register, board):
    url = reverse("public:decisions")
    by_board = client.get(url, {"board": board.slug}).content.decode()
    assert "REGISTERDONE" in by_board and "REGISTEROTHER" not in by_board
    by_year = client.get(url, {"year": "2014"}).content.decode()
    assert "REGISTEROTHER" in by_year and "REGISTERDONE" not in by_year
    by_status = client.get(url, {"status": "done"}).content.decode()
    assert "REGISTERDONE" in by_status and "REGISTEROPEN" not in by_status
    nonsense = client.get(url, {"status": "bogus", "year": "x"})
    assert nonsense.status_code == 200 and "REGISTERDONE" in nonsense.content.decode()


def test_decisions_register_is_paginated(client, board, clerk):
    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first()
    for i in range(25):
        minutes_svc.resolution_add(minute=minute, user=clerk, text=f"to note paper {i}.")
    minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    first = client.get(reverse("public:decisions")).content.decode()
    assert "Page 1 of 2" in first and "Older decisions" in first
    assert "Page 2 of 2" in client.get(reverse("public:decisions"), {"page": 2}).content.decode()


def test_linked_actions_show_as_reported_in_a_published_plan_with_rag_in_words(client, board, clerk,
                                                                          django_capture_on_commit_callbacks):
    from actions import services as actions_services
    from actions.services import agenda_plan_attach, agenda_plans_snapshot

    from tests.factories import AgendaItemFactory

    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first()
    resolution = minutes_svc.resolution_add(minute=minute, user=clerk, text="to set up REGISTERPLAN sessions.")
    minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    plan = actions_services.plan_create(board=board, title="CSE plan", period="2013–14", user=clerk)
    section = actions_services.section_create(plan=plan, title="Prevention", user=clerk)
    action = actions_services.action_create(section=section, text="Run ACTIONTEXT sessions", user=clerk, resolution=resolution)
    actions_services.action_progress_add(action=action, user=clerk, text="Two held.", rag="amber", reason="Behind.")
    url = reverse("public:decisions")
    assert "ACTIONTEXT" not in client.get(url).content.decode()  # the live plan is the board's, not public
    later = MeetingFactory(board=board, date=datetime.date(2013, 11, 18), agenda_published_at=PUBLISHED)
    item = AgendaItemFactory(meeting=later, position=4, title="CSE action plan")
    with django_capture_on_commit_callbacks(execute=True):  # the public pages' cache is refreshed on commit
        agenda_plan_attach(agenda_item=item, plan=plan, user=clerk)
        agenda_plans_snapshot(meeting=later, user=clerk)
    page = client.get(url).content.decode()
    assert "ACTIONTEXT" in page and "RAG rating:" in page and "Amber" in page


def test_meeting_documents_list_the_front_sheet_and_public_reports(client, board):
    from meetings.models import Report

    from tests.factories import AgendaItemFactory, ReportFactory

    meeting = MeetingFactory(board=board, agenda_published_at=PUBLISHED)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering")
    ReportFactory(agenda_item=item, title="DOCPUBLIC update", status=Report.Status.PUBLISHED)
    exempt = AgendaItemFactory(meeting=meeting, position=2, is_exempt=True, exempt_paragraph=3, exempt_reason="Prices")
    ReportFactory(agenda_item=exempt, title="DOCEXEMPT prices", status=Report.Status.PUBLISHED)
    page = client.get(reverse("public:documents", args=[meeting.pk])).content.decode()
    assert "Agenda front sheet" in page and "DOCPUBLIC update" in page and "DOCEXEMPT" not in page
    hidden = MeetingFactory(board=board, date=datetime.date(2031, 1, 1))
    assert client.get(reverse("public:documents", args=[hidden.pk])).status_code == 404


def test_the_boards_members_also_see_its_exempt_decisions_and_nobody_else_does(client, board, clerk, member, other_member):
    from tests.factories import AgendaItemFactory

    meeting = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    exempt_item = AgendaItemFactory(meeting=meeting, position=9, title="Placement costs", is_exempt=True,
                                    exempt_paragraph=3, exempt_reason="Prices")
    minute = Minute.objects.create(meeting=meeting, agenda_item=exempt_item, number=99, position=99, title="Placement costs")
    minutes_svc.resolution_add(minute=minute, user=clerk, text="to award the EXEMPTDECISION contract.")
    minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    url = reverse("public:decisions")
    assert "EXEMPTDECISION" not in client.get(url).content.decode()
    client.force_login(other_member)
    assert "EXEMPTDECISION" not in client.get(url).content.decode()
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "EXEMPTDECISION" in page and "Not for publication" in page
    assert "EXEMPTDECISION" not in client.get(reverse("public:feed_rss", args=["decisions"])).content.decode()


def test_decisions_register_reads_a_fixed_number_of_queries(client, board, clerk, django_assert_max_num_queries):
    for n, day in enumerate((2, 9, 16)):
        meeting = drafted(board, datetime.date(2013, 9, day), clerk, first_number=1 + 10 * n)
        minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first()
        for i in range(6):
            r = minutes_svc.resolution_add(minute=minute, user=clerk, text=f"to note paper {i}.")
            minutes_svc.resolution_add(minute=minute, user=clerk, text="sub", parent=r)
        minutes_svc.minutes_publish(meeting=meeting, user=clerk)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("public:decisions")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("public:calendar_month", args=[2013, 9])).status_code == 200
