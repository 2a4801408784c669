"""An officer writes a report; it moves draft → submitted → approved → published with the agenda."""
import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Report

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory


def test_officer_writes_submits_and_clerk_approves(client, officer, clerk, board):
    item = AgendaItemFactory(meeting=MeetingFactory(board=board), title="Reducing Offending Behaviour")
    client.force_login(officer)
    priorities = list(board.strategic_priorities.values_list("pk", flat=True)[:2])
    response = client.post(reverse("meetings:report_create", args=[board.slug]), {
        "agenda_item": item.pk, "title": "Reducing Offending Behaviour",
        "directors": "Helen Blackman, Acting Director of Safeguarding", "wards_affected": "All",
        "contact_officers": "PC Sam Flint\nKevin Hatherley", "summary": "Progress on reducing offending.",
        "recommendations": "To note the report\nTo approve a further event",
        "background": "<p>Rate of offending fell.</p><script>alert(1)</script><p onclick='x()'>Second.</p>",
        "strategic_priorities": priorities,
    })
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.status == Report.Status.DRAFT
    assert "<script>" not in report.background and "onclick" not in report.background
    assert report.strategic_priorities.count() == 2

    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "1.1</span> Rate of offending fell." in page
    assert "1.2</span> Second." in page

    client.post(reverse("meetings:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    # Once submitted the author can no longer edit it.
    assert client.get(reverse("meetings:report_edit", args=[report.pk])).status_code == 403

    client.force_login(clerk)
    assert "Reducing Offending Behaviour" in client.get(reverse("meetings:my_reports")).content.decode()
    client.post(reverse("meetings:report_approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED

    services.agenda_publish(meeting=item.meeting, user=clerk, today=datetime.date(2030, 11, 1))
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    client.logout()
    assert client.get(reverse("meetings:report", args=[report.pk])).status_code == 200


def test_report_cannot_be_submitted_without_summary_and_recommendations(client, officer, board):
    report = ReportFactory(board=board, author=officer, summary="", recommendations="")
    client.force_login(officer)
    response = client.post(reverse("meetings:report_submit", args=[report.pk]), follow=True)
    assert "give the report a title, a summary and at least one recommendation" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_officer_cannot_edit_another_officers_report(client, officer, other_officer, board):
    report = ReportFactory(board=board, author=other_officer)
    client.force_login(officer)
    assert client.get(reverse("meetings:report_edit", args=[report.pk])).status_code == 403
    assert client.post(reverse("meetings:report_edit", args=[report.pk]), {"title": "Hijack"}).status_code == 403
    report.refresh_from_db()
    assert report.title != "Hijack"


def test_clerk_can_return_a_report_to_its_author(client, officer, clerk, board):
    report = ReportFactory(board=board, author=officer, status=Report.Status.SUBMITTED)
    client.force_login(clerk)
    client.post(reverse("meetings:report_return", args=[report.pk]), {"reason": "Section 4 has no figures."})
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_returning_a_report_takes_a_reason_the_author_sees_and_is_emailed(
        client, officer, clerk, board, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from quorum.celery import app

    app.conf.task_always_eager = True
    officer.email = "officer@example.org"
    officer.save()
    report = ReportFactory(board=board, author=officer, status=Report.Status.SUBMITTED, title="Rise update")
    client.force_login(clerk)
    refused = client.post(reverse("meetings:report_return", args=[report.pk]), {"reason": " "}, follow=True)
    assert "Say why the report is being returned" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("meetings:report_return", args=[report.pk]),
                        {"reason": "Section 4 needs the 2026/27 figures."})
    finally:
        app.conf.task_always_eager = False
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert [m.to for m in mailoutbox] == [["officer@example.org"]]
    assert "Section 4 needs the 2026/27 figures." in mailoutbox[0].body and "Rise update" in mailoutbox[0].subject
    client.force_login(officer)
    html = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Returned by the clerk" in html and "Section 4 needs the 2026/27 figures." in html


def test_my_reports_lists_only_my_reports(client, officer, other_officer, board):
    ReportFactory(board=board, author=officer, title="Mine")
    ReportFactory(board=board, author=other_officer, title="Theirs")
    client.force_login(officer)
    html = client.get(reverse("meetings:my_reports")).content.decode()
    assert "Mine" in html and "Theirs" not in html


@pytest.mark.parametrize("html, expected", [
    ("<p>One</p><p>Two</p>", ["4.1</span> One", "4.2</span> Two"]),
    ("<h3>Rate</h3><p class='continuation'>Text</p><h3>Role</h3><p class='continuation'>More</p>",
     ["4.1</span> Rate", "4.2</span> Role"]),
])
def test_section_paragraphs_are_numbered_like_the_template(html, expected):
    from core.templatetags.quorum import numbered_paragraphs

    out = numbered_paragraphs(html, 4)
    for fragment in expected:
        assert fragment in out


@pytest.mark.parametrize("status", [Report.Status.DRAFT, Report.Status.APPROVED, Report.Status.PUBLISHED])
def test_even_an_admin_cannot_approve_a_report_that_is_not_submitted(client, admin_user, officer, board, status):
    report = ReportFactory(board=board, author=officer, status=status)
    client.force_login(admin_user)
    response = client.post(reverse("meetings:report_approve", args=[report.pk]), follow=True)
    assert "Only a submitted report can be approved" in response.content.decode()
    report.refresh_from_db()
    assert report.status == status
    assert report.approved_at is None


@pytest.mark.parametrize("status", [Report.Status.DRAFT, Report.Status.APPROVED, Report.Status.PUBLISHED])
def test_even_an_admin_cannot_return_a_report_that_is_not_submitted(client, admin_user, officer, board, status):
    report = ReportFactory(board=board, author=officer, status=status)
    client.force_login(admin_user)
    response = client.post(reverse("meetings:report_return", args=[report.pk]), follow=True)
    assert "Only a submitted report can be returned to its author" in response.content.decode()
    report.refresh_from_db()
    assert report.status == status


def test_even_an_admin_cannot_submit_a_published_report_again(client, admin_user, officer, board):
    report = ReportFactory(board=board, author=officer, status=Report.Status.PUBLISHED)
    client.force_login(admin_user)
    response = client.post(reverse("meetings:report_submit", args=[report.pk]), follow=True)
    assert "Only a draft report can be submitted" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
