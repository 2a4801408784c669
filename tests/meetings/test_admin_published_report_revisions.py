"""An edit to a published report through the Django admin follows the same rule as the report's
own edit page: it needs a revision note, is recorded as a revision, and the pack reads as out of date."""
import pytest
from django.urls import reverse

from meetings.models import Report, ReportRevision
from packs.models import Pack
from packs.services import pack_build
from packs.staleness import pack_staleness

from tests.packs.factories import add_appendix, appendix_pdf, pack_meeting


@pytest.fixture
def published(board):
    meeting = pack_meeting(board)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    report = meeting.items.get(position=5).reports.get()
    assert report.status == Report.Status.PUBLISHED
    return meeting, report


def _admin_form_data(client, report):
    """What the admin's change form posts back unchanged: every field's current value."""
    response = client.get(reverse("admin:meetings_report_change", args=[report.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for i, sub in enumerate(formset.formset.forms):
            for name in sub.fields:
                value = sub[name].value()
                if value is None or value is False:
                    continue
                data[sub.add_prefix(name)] = "on" if value is True else str(value)
    return response, data


def test_admin_edit_of_published_report_without_a_note_is_refused(client, admin_user, published):
    _, report = published
    client.force_login(admin_user)
    response, data = _admin_form_data(client, report)
    assert "Revision note" in response.content.decode()
    data["summary"] = "ADMIN-SILENT-EDIT offending fell by a third."
    response = client.post(reverse("admin:meetings_report_change", args=[report.pk]), data)
    assert response.status_code == 200
    assert "say why it is being changed" in response.content.decode()
    report.refresh_from_db()
    assert "ADMIN-SILENT-EDIT" not in report.summary
    assert not ReportRevision.objects.exists()


def test_admin_edit_of_published_report_with_a_note_is_recorded_and_flips_the_pack(client, admin_user, published):
    meeting, report = published
    pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.PUBLIC)
    assert pack_staleness(pack) == []
    client.force_login(admin_user)
    _, data = _admin_form_data(client, report)
    data["summary"] = "Offending fell by a third."
    data["revision_note"] = "Corrected the offending rate (made in the admin)."
    response = client.post(reverse("admin:meetings_report_change", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    revision = ReportRevision.objects.get(report=report)
    assert revision.made_by == admin_user
    assert revision.note == "Corrected the offending rate (made in the admin)."
    assert revision.changed == ["Summary of issues (including benefits to customers/service users)"]
    report.refresh_from_db()
    assert report.summary == "Offending fell by a third."
    assert report.status == Report.Status.PUBLISHED
    assert revision.version == report.version
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Corrected the offending rate (made in the admin)." in public
    assert pack_staleness(pack) == ["Report “Reducing Offending Behaviour” edited (item 5)"]


def test_admin_save_of_published_report_with_no_change_needs_no_note(client, admin_user, published):
    _, report = published
    client.force_login(admin_user)
    _, data = _admin_form_data(client, report)
    response = client.post(reverse("admin:meetings_report_change", args=[report.pk]), data)
    assert response.status_code == 302
    assert not ReportRevision.objects.exists()


def test_admin_cannot_change_a_published_reports_appendices_silently(client, admin_user, published):
    _, report = published
    client.force_login(admin_user)
    response, _ = _admin_form_data(client, report)
    (inline,) = response.context["inline_admin_formsets"]
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission



def test_a_published_reports_appendix_cannot_be_changed_or_deleted_in_the_admin(client, published, admin_user):
    """Past the report's own page, an appendix would change a public paper with no revision recorded."""
    meeting, report = published
    attachment = add_appendix(report, "Guidance", appendix_pdf("ADMINAPPX"))
    client.force_login(admin_user)
    change = reverse("admin:meetings_attachment_change", args=[attachment.pk])
    client.post(change, {"title": "Quietly swapped", "report": report.pk, "kind": "pdf", "position": 1})
    attachment.refresh_from_db()
    assert attachment.title == "Guidance"
    assert 'name="_save"' not in client.get(change).content.decode()  # shown read-only, no Save button
    response = client.post(reverse("admin:meetings_attachment_delete", args=[attachment.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert report.attachments.filter(pk=attachment.pk).exists()
