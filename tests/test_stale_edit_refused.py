"""Two people edit the same report: the second save is refused and nothing is lost."""
import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Report

from tests.factories import ReportFactory


def _form_data(client, report, **changes):
    response = client.get(reverse("meetings:report_edit", args=[report.pk]))
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["strategic_priorities"] = []
    data["agenda_item"] = ""
    data.update(changes)
    return data


@pytest.fixture
def report(board, officer):
    return ReportFactory(board=board, author=officer, title="Placement stability", summary="Original summary")


def test_second_save_from_an_old_version_is_refused(report, officer, clerk):
    officer_client, clerk_client = Client(), Client()
    officer_client.force_login(officer)
    clerk_client.force_login(clerk)
    officer_form = _form_data(officer_client, report, summary="Officer's new summary")
    clerk_form = _form_data(clerk_client, report, summary="Clerk's tidy-up of the summary")

    first = officer_client.post(reverse("meetings:report_edit", args=[report.pk]), officer_form)
    assert first.status_code == 302

    second = clerk_client.post(reverse("meetings:report_edit", args=[report.pk]), clerk_form)
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else saved a newer version" in html
    assert "Summary of issues" in html  # says what changed
    assert "Clerk&#x27;s tidy-up of the summary" in html or "Clerk's tidy-up of the summary" in html  # kept

    report.refresh_from_db()
    assert report.summary == "Officer's new summary"  # not overwritten


def test_version_moves_on_with_each_save(report, officer, client):
    client.force_login(officer)
    data = _form_data(client, report, summary="One")
    client.post(reverse("meetings:report_edit", args=[report.pk]), data)
    assert Report.objects.get(pk=report.pk).version == report.version + 1


def test_stale_agenda_item_edit_is_refused(clerk, client, board):
    from tests.factories import AgendaItemFactory, MeetingFactory

    item = AgendaItemFactory(meeting=MeetingFactory(board=board), title="Budget")
    client.force_login(clerk)
    old = {"title": "Budget 2031", "paper_status": "attached", "version": item.version}
    assert client.post(reverse("meetings:item_edit", args=[item.pk]), old).status_code == 302
    again = client.post(reverse("meetings:item_edit", args=[item.pk]), {**old, "title": "Budget 2032"})
    assert again.status_code == 200
    assert "Someone else saved a newer version" in again.content.decode()
    item.refresh_from_db()
    assert item.title == "Budget 2031"
