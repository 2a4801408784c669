"""Appendices (issue 12): the author (while the report is a draft) and the clerk add, remove,
replace and reorder them, each change in History; the title reads "Appendix A – <title>" with the
letter by position, never doubled; a PDF without tags is flagged as not accessible."""
import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attachment, Report
from meetings.models.reports import appendix_heading, clean_appendix_title

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory
from tests.packs.factories import appendix_docx, appendix_pdf
from tests.hostile_pdf import with_active_content

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def blank_pdf() -> bytes:
    """A real one-page PDF without tags (quick to make)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def tagged_pdf(text="Tagged appendix") -> bytes:
    from core.pdf import render_html

    return render_html(f"<html lang='en-GB'><head><title>{text}</title></head><body><h1>{text}</h1></body></html>",
                       tagged=True).pdf


@pytest.fixture
def report(board, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(board=board)
    return ReportFactory(board=board, author=officer, agenda_item=AgendaItemFactory(meeting=meeting, position=1))


def _add(client, report, title, content=None, name="appendix.pdf", follow=False):
    return client.post(reverse("meetings:attachment_add", args=[report.pk]),
                       {"title": title, "file": SimpleUploadedFile(name, content or blank_pdf())}, follow=follow)


def _titles_on_page(client, report):
    html = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    return html


def test_typed_letter_is_dropped_and_the_title_is_lettered_by_position(client, officer, report):
    client.force_login(officer)
    _add(client, report, "Appendix A – Multi Agency Guidance")
    _add(client, report, "Appendix A: Local Safeguarding Procedures")
    _add(client, report, "Rates by year")
    assert list(report.attachments.values_list("title", flat=True)) == [
        "Multi Agency Guidance", "Local Safeguarding Procedures", "Rates by year"]
    html = _titles_on_page(client, report)
    assert "Appendix A – Multi Agency Guidance" in html
    assert "Appendix B – Local Safeguarding Procedures" in html
    assert "Appendix C – Rates by year" in html
    assert "Appendix A: " not in html and "Appendix A – Appendix" not in html


def test_the_pack_names_appendices_the_same_way(report, officer):
    from packs.render import _appendix_paper

    attachment = Attachment(report=report, title="Appendix A – Multi Agency Guidance", kind="pdf", sha256="0" * 64)
    assert _appendix_paper(attachment, 0).title == "Appendix A – Multi Agency Guidance"
    assert _appendix_paper(attachment, 1).title == "Appendix B – Multi Agency Guidance"


@pytest.mark.parametrize("typed, kept", [
    ("Appendix A – Multi Agency Guidance", "Multi Agency Guidance"),
    ("Appendix A: Appendix A – Multi Agency Guidance", "Multi Agency Guidance"),
    ("appendix 2 - Budget", "Budget"),
    ("Appendix B. Map", "Map"),
    ("Analysis of appendix costs", "Analysis of appendix costs"),
    ("Appendix Analysis", "Appendix Analysis"),
])
def test_typed_prefixes(typed, kept):
    assert clean_appendix_title(typed) == kept


def test_letters_run_past_z():
    assert appendix_heading(1, "x") == "Appendix A – x"
    assert appendix_heading(27, "x") == "Appendix AA – x"
    assert appendix_heading(2, "Appendix B") == "Appendix B"


def test_reorder_reletters_and_is_in_history(client, officer, report):
    client.force_login(officer)
    _add(client, report, "Guidance")
    _add(client, report, "Budget")
    budget = report.attachments.get(title="Budget")
    response = client.post(reverse("meetings:attachment_move", args=[budget.pk]), {"direction": "up"}, follow=True)
    html = response.content.decode()
    assert "Appendix A – Budget" in html and "Appendix B – Guidance" in html
    assert html.index("Appendix A – Budget") < html.index("Appendix B – Guidance")
    latest = budget.history.latest()
    assert latest.position == 1 and latest.history_user == officer


def test_remove_reletters_the_rest_and_history_keeps_it(client, clerk, officer, report, django_capture_on_commit_callbacks):
    client.force_login(officer)
    _add(client, report, "Guidance")
    _add(client, report, "Budget")
    guidance = report.attachments.get(title="Guidance")
    stored = guidance.file.name
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:attachment_remove", args=[guidance.pk]), follow=True)
    html = response.content.decode()
    assert "– Guidance</a>" not in html and "Appendix B" not in html
    assert "Appendix A – Budget" in html
    assert not Attachment.objects.filter(pk=guidance.pk).exists()
    removal = Attachment.history.filter(id=guidance.pk).latest()
    assert removal.history_type == "-" and removal.history_user == clerk
    assert not guidance.file.storage.exists(stored)
    # The removal shows on the report's appendix history (the clerk's view of History).
    assert Attachment.history.filter(id=guidance.pk).count() == 2


def test_replace_checks_the_new_file_like_an_upload_and_keeps_the_letter(client, officer, report):
    client.force_login(officer)
    _add(client, report, "Guidance")
    _add(client, report, "Budget")
    guidance = report.attachments.get(title="Guidance")
    old_sha = guidance.sha256
    url = reverse("meetings:attachment_replace", args=[guidance.pk])

    refused = client.post(url, {"title": "", "file": SimpleUploadedFile("guidance.pdf", ELF)}, follow=True)
    assert "is not a PDF, Word (.docx) or Excel (.xlsx) file" in refused.content.decode()
    guidance.refresh_from_db()
    assert guidance.sha256 == old_sha

    response = client.post(url, {"title": "Appendix A – Revised guidance",
                                 "file": SimpleUploadedFile("revised.pdf", with_active_content(blank_pdf()))}, follow=True)
    html = response.content.decode()
    assert "Removed from the PDF before it was stored" in html
    guidance.refresh_from_db()
    assert guidance.sha256 != old_sha and guidance.title == "Revised guidance" and guidance.position == 1
    assert "Appendix A – Revised guidance" in html and "Appendix B – Budget" in html
    with guidance.file.open("rb") as f, pikepdf.open(io.BytesIO(f.read())) as pdf:
        assert "/OpenAction" not in pdf.Root
    record = guidance.history.latest()
    assert record.history_user == officer and "Replaced the file" in record.history_change_reason
    assert record.prev_record.sha256 == old_sha


def test_replace_with_word_keeps_the_title_when_none_given(client, clerk, officer, report):
    client.force_login(officer)
    _add(client, report, "Guidance")
    guidance = report.attachments.get()
    client.force_login(clerk)
    client.post(reverse("meetings:attachment_replace", args=[guidance.pk]),
                {"title": "", "file": SimpleUploadedFile("g.docx", appendix_docx("Guidance text"))})
    guidance.refresh_from_db()
    assert guidance.kind == "docx" and guidance.title == "Guidance" and guidance.pdf_tagged is None


def test_author_cannot_change_appendices_once_submitted(client, officer, report):
    client.force_login(officer)
    _add(client, report, "Guidance")
    attachment = report.attachments.get()
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
    assert client.post(reverse("meetings:attachment_remove", args=[attachment.pk])).status_code == 403
    assert client.post(reverse("meetings:attachment_move", args=[attachment.pk]), {"direction": "up"}).status_code == 403
    assert client.post(reverse("meetings:attachment_replace", args=[attachment.pk]),
                       {"file": SimpleUploadedFile("a.pdf", blank_pdf())}).status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_untagged_pdf_is_accepted_with_a_warning_and_flagged(client, officer, clerk, report):
    client.force_login(officer)
    response = _add(client, report, "Scanned letter", appendix_pdf("Scanned"), follow=True)  # as an officer makes one
    html = response.content.decode()
    assert "Appendix attached." in html
    assert "is a PDF without tags, so it is not accessible" in html
    attachment = report.attachments.get()
    assert attachment.pdf_tagged is False
    # On the report page, to the author and the clerk …
    assert "Not accessible:" in _titles_on_page(client, report)
    client.force_login(clerk)
    assert "Not accessible:" in _titles_on_page(client, report)
    # … and in the clerk's pack panel on the meeting page.
    meeting_html = client.get(reverse("meetings:detail", args=[report.agenda_item.meeting.pk])).content.decode()
    assert 'id="untagged-appendices"' in meeting_html
    assert "Item 1 – " in meeting_html and "Appendix A – Scanned letter" in meeting_html


def test_tagged_pdf_and_word_are_not_flagged(client, officer, clerk, report):
    client.force_login(officer)
    html = _add(client, report, "Tagged guidance", tagged_pdf(), follow=True).content.decode()
    assert "not accessible" not in html
    _add(client, report, "Word guidance", appendix_docx("Text"), name="guidance.docx")
    assert [a.pdf_tagged for a in report.attachments.all()] == [True, None]
    assert "Not accessible:" not in _titles_on_page(client, report)
    client.force_login(clerk)
    meeting_html = client.get(reverse("meetings:detail", args=[report.agenda_item.meeting.pk])).content.decode()
    assert 'id="untagged-appendices"' not in meeting_html


def test_changing_a_published_reports_appendices_needs_a_revision_note(client, clerk, officer, report):
    client.force_login(officer)
    _add(client, report, "Guidance")
    _add(client, report, "Budget")
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)
    guidance = report.attachments.get(title="Guidance")
    client.force_login(clerk)
    url = reverse("meetings:attachment_remove", args=[guidance.pk])
    refused = client.post(url, follow=True).content.decode()
    assert "say why the appendix is being removed" in refused
    assert Attachment.objects.filter(pk=guidance.pk).exists()
    html = client.post(url, {"revision_note": "Superseded by the 2026 guidance"}, follow=True).content.decode()
    assert not Attachment.objects.filter(pk=guidance.pk).exists()
    assert "Superseded by the 2026 guidance" in html and "Appendix “Guidance” removed" in html
