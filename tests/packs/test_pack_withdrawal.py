"""Withdrawal: when something a public pack prints stops being public, every public version printing
it stops being served at once (410, saying when), stays a record for the clerks, and a fresh public
pack is queued by itself. A clerk can withdraw any version with a reason, kept in the History."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services as minutes_svc
from meetings import services
from meetings.models import AgendaItem, ExemptParagraph, Meeting
from packs.services import build as pack_build_module
from packs.models import Pack, PackVersion
from packs.render import build_plan
from packs.services import pack_build
from packs.tasks import pack_render

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import add_appendix, appendix_pdf, page_texts, report_for

MARK = "WDRLMARKER"
TODAY = timezone.localdate()
PUBLIC_URL = "/meetings/{}/pack/public.pdf"


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(page_texts(b"".join(response.streaming_content)))
    return response.content.decode()


@pytest.fixture
def queued(monkeypatch):
    """The pack renders the services ask for (run them with `pack_render.apply`)."""
    calls = []
    monkeypatch.setattr("packs.tasks.pack_render.delay", lambda *args: calls.append(args))
    return calls


@pytest.fixture
def published(board, clerk):
    meeting = MeetingFactory(board=board, date=TODAY + datetime.timedelta(days=30),
                             agenda_published_at=timezone.now(), status=Meeting.Status.AGENDA_PUBLISHED)
    keep = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    report_for(keep, "Fostering update", marker="KEEPTEXT", paragraphs=1)
    later = AgendaItemFactory(meeting=meeting, position=2, title="Residential care review",
                              description=f"{MARK}DESCRIPTION", presenter="Report of Director of Commissioning")
    report = report_for(later, "Residential care review", marker=MARK, paragraphs=1)
    add_appendix(report, "Costs", appendix_pdf(f"{MARK}APPENDIX"))
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    return meeting, later, report, version


def _make_exempt(item, clerk):
    item.refresh_from_db()
    services.agenda_item_update(item=item, version=item.version, user=clerk, is_exempt=True,
                                exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Contract prices.")


def test_making_an_item_exempt_withdraws_the_public_pack_at_once_and_a_fresh_one_follows(
        published, clerk, client, queued, django_capture_on_commit_callbacks):
    meeting, later, _, first = published
    # A second version, also printing the item.
    keep_report = meeting.items.get(position=1).reports.get()
    services.report_update(report=keep_report, version=keep_report.version, user=clerk, summary="KEEPTEXT revised.",
                           revision_note="Figures updated.")
    second = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    assert second.number == 2
    assert MARK in _text(client.get(second.get_download_url()))

    with django_capture_on_commit_callbacks(execute=True):
        _make_exempt(later, clerk)

    for url in (first.get_download_url(), second.get_download_url(), PUBLIC_URL.format(meeting.pk)):
        response = client.get(url)
        assert response.status_code == 410, url
        page = response.content.decode()
        assert "withdrawn on" in page and MARK not in page
    assert queued == [(meeting.pk, "public", "main")]

    client.force_login(clerk)  # the clerks keep the record
    assert MARK in _text(client.get(second.get_download_url()))
    client.logout()

    pack_render.apply(args=queued[0])
    response = client.get(PUBLIC_URL.format(meeting.pk))
    assert response.status_code == 200
    text = _text(response)
    assert MARK not in text and "KEEPTEXT" in text
    assert "Residential care review" in text and "paragraph 3" in text


def test_the_withdrawal_is_recorded_with_its_reason(published, clerk, client, queued):
    meeting, later, _, first = published
    _make_exempt(later, clerk)
    first.refresh_from_db()
    assert first.withdrawn_by == clerk
    assert "item 2 “Residential care review” was made exempt" in first.withdrawn_reason
    client.force_login(clerk)
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Agenda packs" in history and "Withdrawn automatically: item 2" in history


def test_a_clerk_withdrawing_a_published_report_withdraws_the_packs_printing_it(
        published, clerk, client, queued, django_capture_on_commit_callbacks):
    meeting, _, report, first = published
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:report_withdraw", args=[report.pk]),
                               {"reason": "Names a child in paragraph 1.2"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft"
    assert queued == [(meeting.pk, "public", "main")]
    history = client.get(reverse("meetings:report_history", args=[report.pk])).content.decode()
    assert "Names a child in paragraph 1.2" in history
    client.logout()
    assert client.get(first.get_download_url()).status_code == 410
    assert client.get(report.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["member", "officer", "other_clerk"])
def test_only_the_boards_clerks_withdraw_reports_and_versions(published, client, request, who):
    _, _, report, first = published
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("meetings:report_withdraw", args=[report.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("meetings:pack_version_withdraw", args=[first.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("meetings:pack_versions", args=[first.pack.meeting_id])).status_code == 403
    first.refresh_from_db()
    assert not first.is_withdrawn


def test_a_clerk_withdraws_any_version_with_a_reason(published, clerk, member, client, queued):
    meeting, _, _, public_version = published
    members_version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    client.force_login(clerk)
    page = client.get(reverse("meetings:pack_versions", args=[meeting.pk])).content.decode()
    assert f"Withdraw version {members_version.number}" in page
    url = reverse("meetings:pack_version_withdraw", args=[members_version.pk])
    client.post(url, {"reason": ""})
    members_version.refresh_from_db()
    assert not members_version.is_withdrawn  # a reason is required
    client.post(url, {"reason": "Wrong appendix attached to item 2"})
    members_version.refresh_from_db()
    assert members_version.withdrawn_by == clerk
    assert queued == []  # the clerk publishes again once it is put right
    page = client.get(reverse("meetings:pack_versions", args=[meeting.pk])).content.decode()
    assert "Wrong appendix attached to item 2" in page
    assert client.get(members_version.get_download_url()).status_code == 200  # the record
    client.force_login(member)
    assert client.get(members_version.get_download_url()).status_code == 410
    assert client.get(f"/meetings/{meeting.pk}/pack/members.pdf").status_code == 410
    assert client.get(public_version.get_download_url()).status_code == 200  # the other pack is untouched
    # Publishing again (the sources unchanged) makes a new version rather than bringing the withdrawn one back.
    again = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert again.number == members_version.number + 1 and not again.is_withdrawn
    assert client.get(f"/meetings/{meeting.pk}/pack/members.pdf").status_code == 200


def test_a_version_built_from_a_plan_made_before_the_change_is_withdrawn_as_it_is_stored(
        published, clerk, monkeypatch, queued, client):
    meeting, later, report, first = published
    report.refresh_from_db()
    services.report_update(report=report, version=report.version, user=clerk, summary=f"{MARK} revised summary.",
                           revision_note="Summary corrected.")
    stale_plan = build_plan(meeting.pk, Pack.Variant.PUBLIC)  # the render started before the exemption...
    _make_exempt(later, clerk)
    monkeypatch.setattr(pack_build_module, "build_plan", lambda *args, **kwargs: stale_plan)
    stored = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)  # ...and stores its version after it
    assert stored.number == 2 and stored.is_withdrawn
    assert client.get(stored.get_download_url()).status_code == 410
    assert client.get(PUBLIC_URL.format(meeting.pk)).status_code == 410


def test_unpublishing_minutes_withdraws_the_public_pack_that_printed_them(board, clerk, client, queued,
                                                                          django_capture_on_commit_callbacks):
    held = MeetingFactory(board=board, date=TODAY - datetime.timedelta(days=40), agenda_published_at=timezone.now())
    AgendaItemFactory(meeting=held, position=1, kind=AgendaItem.Kind.BUSINESS, title="Fostering update")
    minutes_svc.minutes_draft(meeting=held, user=clerk, first_number=1)
    minutes_svc.point_add(minute=held.minutes.get(), user=clerk, text=f"{MARK} discussed.")
    minutes_svc.minutes_publish(meeting=held, user=clerk)
    coming = MeetingFactory(board=board, date=TODAY + datetime.timedelta(days=20), agenda_published_at=timezone.now())
    AgendaItemFactory(meeting=coming, position=1, kind=AgendaItem.Kind.MINUTES, title="Minutes")
    version = pack_build(meeting_id=coming.pk, variant=Pack.Variant.PUBLIC)
    assert MARK in _text(client.get(version.get_download_url()))
    with django_capture_on_commit_callbacks(execute=True):
        minutes_svc.minutes_unpublish(meeting=held, user=clerk)
    assert client.get(version.get_download_url()).status_code == 410
    assert queued == [(coming.pk, "public", "main")]
    assert PackVersion.objects.get(pk=version.pk).withdrawn_reason.startswith("Withdrawn automatically")


def test_a_change_made_outside_the_services_withdraws_too(published, client, queued):
    """The admin, a management command or the shell save the same models: the pack is withdrawn."""
    meeting, later, report, first = published
    report.refresh_from_db()
    report.is_exempt, report.exempt_paragraph = True, ExemptParagraph.LEGAL
    report.save()
    assert client.get(first.get_download_url()).status_code == 410
    first.refresh_from_db()
    assert "the report “Residential care review” was made exempt" in first.withdrawn_reason


def test_a_pack_built_before_the_agenda_is_published_stays_and_is_public_once_it_is(board, clerk, client):
    meeting = MeetingFactory(board=board, date=TODAY + datetime.timedelta(days=30))
    item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    report_for(item, "Fostering update", marker="KEEPTEXT", paragraphs=1, status="approved")
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    assert client.get(version.get_download_url()).status_code == 404  # not public yet
    services.agenda_publish(meeting=meeting, user=clerk)
    version.refresh_from_db()
    assert not version.is_withdrawn
    assert client.get(version.get_download_url()).status_code == 200
