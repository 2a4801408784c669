"""A clerk's edit to a published report never goes live silently: it needs a revision note, is
recorded as a revision (who, when, the note, what changed) shown with the report and on its
History, and the meeting's agenda pack then reads as out of date."""
import pytest
from django.urls import reverse

from meetings.models import Report, ReportRevision
from packs.models import Pack
from packs.services import pack_build
from packs.staleness import pack_staleness

from tests.packs.factories import pack_meeting


@pytest.fixture
def published(board, clerk):
    meeting = pack_meeting(board)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    report = meeting.items.get(position=5).reports.get()
    assert report.status == Report.Status.PUBLISHED
    return meeting, report


def _edit_data(report, **changes):
    data = {
        "version": report.version, "agenda_item": report.agenda_item_id or "", "title": report.title,
        "directors": report.directors, "wards_affected": report.wards_affected,
        "contact_officers": report.contact_officers, "other_officers": report.other_officers,
        "summary": report.summary, "recommendations": report.recommendations,
        "background": report.background, "reasons": report.reasons, "other_options": report.other_options,
        "financial": report.financial, "risk": report.risk, "equality": report.equality,
        "background_papers": report.background_papers, "published_documents": report.published_documents,
    }
    data.update(changes)
    return data


def test_edit_to_a_published_report_without_a_note_is_refused_and_changes_nothing(client, published, clerk):
    _, report = published
    client.force_login(clerk)
    page = client.get(reverse("meetings:report_edit", args=[report.pk])).content.decode()
    assert "Revision note" in page
    response = client.post(reverse("meetings:report_edit", args=[report.pk]),
                           _edit_data(report, summary="Offending fell by a third."))
    assert "say why it is being changed" in response.content.decode()
    report.refresh_from_db()
    assert "Offending fell by a third." not in report.summary
    assert not ReportRevision.objects.exists()


def test_revision_is_recorded_and_shown_with_the_report_and_on_its_history(client, published, clerk):
    _, report = published
    client.force_login(clerk)
    response = client.post(reverse("meetings:report_edit", args=[report.pk]), _edit_data(
        report, summary="Offending fell by a third.", revision_note="Corrected the offending rate in the summary."))
    assert response.status_code == 302
    revision = ReportRevision.objects.get(report=report)
    assert revision.made_by == clerk
    assert revision.note == "Corrected the offending rate in the summary."
    assert revision.changed == ["Summary of issues (including benefits to customers/service users)"]
    report.refresh_from_db()
    assert report.summary == "Offending fell by a third."
    assert revision.version == report.version

    page = client.get(report.get_absolute_url()).content.decode()
    assert "Revised since publication" in page
    assert "Corrected the offending rate in the summary." in page
    assert clerk.get_full_name() in page
    history = client.get(reverse("meetings:report_history", args=[report.pk])).content.decode()
    assert "Revised after publication: Corrected the offending rate in the summary." in history

    # The public reading the report sees that it was revised, when and why (not who).
    client.logout()
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Corrected the offending rate in the summary." in public
    assert clerk.get_full_name() not in public


def test_revision_flips_the_pack_out_of_date(client, published, clerk):
    meeting, report = published
    pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.PUBLIC)
    assert pack_staleness(pack) == []
    client.force_login(clerk)
    client.post(reverse("meetings:report_edit", args=[report.pk]), _edit_data(
        report, background="<p>New figures for 2030.</p>", revision_note="New figures."))
    assert pack_staleness(pack) == ["Report “Reducing Offending Behaviour” edited (item 5)"]
    status = client.get(reverse("meetings:pack_status", args=[meeting.pk]) + "?staleness=1").content.decode()
    assert "Out of date." in status
    assert "Report “Reducing Offending Behaviour” edited (item 5)" in status


def test_a_draft_needs_no_revision_note(client, board, officer):
    report = Report.objects.create(board=board, author=officer, title="Fostering update", status=Report.Status.DRAFT)
    client.force_login(officer)
    assert "Revision note" not in client.get(reverse("meetings:report_edit", args=[report.pk])).content.decode()
    response = client.post(reverse("meetings:report_edit", args=[report.pk]), _edit_data(report, summary="Placements."))
    assert response.status_code == 302
    assert not ReportRevision.objects.exists()


def test_the_service_itself_refuses_a_silent_edit_to_a_published_report(published, clerk):
    from django.core.exceptions import ValidationError

    from meetings import services

    _, report = published
    with pytest.raises(ValidationError):
        services.report_update(report=report, version=report.version, user=clerk, summary="Quietly changed.")
    report.refresh_from_db()
    assert report.summary != "Quietly changed."


def test_saving_a_published_report_unchanged_needs_no_note(client, published, clerk):
    """The editor sends back what it was given when nothing was edited: no revision for that."""
    _, report = published
    client.force_login(clerk)
    response = client.post(reverse("meetings:report_edit", args=[report.pk]), _edit_data(report))
    assert response.status_code == 302
    assert not ReportRevision.objects.exists()


def test_unnumbering_a_paragraph_of_a_published_report_is_a_revision(client, published, clerk):
    """The same words with other paragraph numbers read differently ("paragraph 1.3" would move)."""
    _, report = published
    report.background = "<p>First.</p><p>Second.</p>"
    report.save()
    client.force_login(clerk)
    response = client.post(reverse("meetings:report_edit", args=[report.pk]),
                           _edit_data(report, background="<p>First.</p><p class='continuation'>Second.</p>"))
    assert "say why it is being changed" in response.content.decode()
    report.refresh_from_db()
    assert report.background == "<p>First.</p><p>Second.</p>"
    report.refresh_from_db()
    assert report.background == "<p>First.</p><p>Second.</p>"


def test_an_appendix_added_to_a_published_report_needs_a_note_and_is_a_revision(client, published, clerk, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.packs.factories import appendix_pdf

    settings.MEDIA_ROOT = tmp_path
    _, report = published
    before = report.attachments.count()
    client.force_login(clerk)
    url = reverse("meetings:attachment_add", args=[report.pk])
    refused = client.post(url, {"title": "Revised rates", "file": SimpleUploadedFile("rates.pdf", appendix_pdf("RATES"))})
    assert refused.status_code == 400
    assert "say why the appendix is being added" in refused.content.decode()
    assert report.attachments.count() == before
    response = client.post(url, {"title": "Revised rates", "revision_note": "Adds the revised rates table.",
                                 "file": SimpleUploadedFile("rates.pdf", appendix_pdf("RATES"))})
    assert response.status_code == 302
    assert report.attachments.count() == before + 1
    revision = ReportRevision.objects.get(report=report)
    assert (revision.note, revision.changed, revision.made_by) == (
        "Adds the revised rates table.", ["Appendix “Revised rates” attached"], clerk)
    assert "Adds the revised rates table." in client.get(report.get_absolute_url()).content.decode()


def test_a_long_revision_note_is_kept_whole(published, clerk):
    from meetings import services

    _, report = published
    note = "Corrected the rate of offending in paragraph 1.3, which gave last year's figure; " * 4
    services.report_update(report=report, version=report.version, user=clerk, summary="Corrected.", revision_note=note)
    assert ReportRevision.objects.get(report=report).note == note.strip()
    assert report.history.first().history_change_reason.startswith("Revised after publication: Corrected the rate")
