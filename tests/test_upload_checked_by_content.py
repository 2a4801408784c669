"""Appendices are checked by what they contain: a renamed executable is refused with a message."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from meetings.models import Attachment

from .factories import ReportFactory

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.fixture
def report(board, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return ReportFactory(board=board, author=officer)


def _post(client, report, name, content, title="Multi Agency Guidance"):
    return client.post(
        reverse("meetings:attachment_add", args=[report.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


@pytest.mark.parametrize("payload", [ELF, MZ], ids=["elf", "windows-exe"])
def test_renamed_executable_is_refused_with_a_message(client, officer, report, payload):
    client.force_login(officer)
    response = _post(client, report, "guidance.pdf", payload)
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a PDF, Word (.docx) or Excel (.xlsx) file" in html
    assert 'value="Multi Agency Guidance"' in html  # what the user typed is kept
    assert not Attachment.objects.exists()


def test_zip_that_is_not_office_is_refused(client, officer, report):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("evil.sh", "rm -rf /")
    client.force_login(officer)
    assert _post(client, report, "plan.xlsx", buf.getvalue()).status_code == 400


def test_real_pdf_and_xlsx_are_accepted_whatever_their_name(client, officer, report):
    client.force_login(officer)
    assert _post(client, report, "guidance.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    wb = Workbook()
    wb.active["A1"] = "Action"
    buf = io.BytesIO()
    wb.save(buf)
    assert _post(client, report, "actions.bin", buf.getvalue(), title="Action plan").status_code == 302
    assert sorted(Attachment.objects.values_list("kind", flat=True)) == ["pdf", "xlsx"]


def test_oversized_upload_is_refused(client, officer, report, settings):
    settings.QUORUM_MAX_UPLOAD_BYTES = 100
    client.force_login(officer)
    response = _post(client, report, "big.pdf", b"%PDF-1.4\n" + b"0" * 500)
    assert response.status_code == 400
    assert "appendices can be at most" in response.content.decode()
