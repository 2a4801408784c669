"""Appendices are parsed, not sniffed: a renamed executable, a damaged or truncated file, an
encrypted PDF and a zip bomb are refused at upload with a message (keeping what the officer
typed); a PDF's scripts, launch actions and attached files are removed before it is stored."""
import hashlib
import io
import zipfile

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from meetings.models import Attachment

from tests.factories import ReportFactory
from tests.packs.factories import appendix_docx, appendix_pdf
from tests.hostile_pdf import encrypted, with_active_content
from tests.office_documents import deflated, deflated_zeros, docx, zip_with_raw_members

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
    assert _post(client, report, "guidance.pdf", appendix_pdf("Guidance")).status_code == 302
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


def _refused(client, officer, report, name, content) -> str:
    client.force_login(officer)
    response = _post(client, report, name, content)
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert 'value="Multi Agency Guidance"' in html  # what the officer typed is kept
    assert not Attachment.objects.exists()
    return html


PDF = appendix_pdf("Multi agency guidance for looked after children", pages=2)


@pytest.mark.parametrize("content", [
    PDF[: len(PDF) // 2],
    PDF[: len(PDF) - 200],
], ids=["half", "last-200-bytes-missing"])
def test_truncated_pdf_is_refused_as_damaged(client, officer, report, content):
    html = _refused(client, officer, report, "guidance.pdf", content)
    assert "“guidance.pdf” could not be read as a PDF: it looks damaged or incomplete" in html


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n" + ELF,
    b"%PDF-1.4\n%%EOF\n",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
], ids=["elf-with-pdf-header", "header-only", "no-cross-reference-table"])
def test_file_that_only_starts_like_a_pdf_is_refused(client, officer, report, content):
    html = _refused(client, officer, report, "guidance.pdf", content)
    assert "could not be read as a PDF" in html


def test_pdf_with_no_pages_is_refused(client, officer, report):
    empty = io.BytesIO()
    pikepdf.new().save(empty)
    html = _refused(client, officer, report, "guidance.pdf", empty.getvalue())
    assert "“guidance.pdf” has no pages" in html


@pytest.mark.parametrize("password, message", [
    ("", "is encrypted"),
    ("secret", "is protected with a password"),
], ids=["encrypted-no-password", "password"])
def test_encrypted_pdf_is_refused(client, officer, report, password, message):
    html = _refused(client, officer, report, "guidance.pdf", encrypted(PDF, password))
    assert f"“guidance.pdf” {message}" in html


def test_pdf_scripts_launch_actions_and_attached_files_are_removed_before_storing(client, officer, report):
    hostile = with_active_content(PDF, marker="ZQXPDFSCRIPT")
    assert b"/JavaScript" in hostile and b"/OpenAction" in hostile  # what a reader would run today
    client.force_login(officer)
    response = _post(client, report, "guidance.pdf", hostile)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as f:
        stored = f.read()
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert attachment.size == len(stored)
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert len(pdf.pages) == 2 and not pdf.attachments
        for page in pdf.pages:
            assert "/AA" not in page.obj
            for annotation in page.obj.get("/Annots", []):
                assert annotation.get("/Subtype") != "/FileAttachment"
                action = annotation.get("/A")
                assert action is None or action.get("/S") == "/URI"  # the web link stays
        kept_links = [a.A.URI for p in pdf.pages for a in p.obj.get("/Annots", []) if "/A" in a]
        assert [str(u) for u in kept_links] == ["https://www.nottinghamcity.gov.uk/"]
    uncompressed = io.BytesIO()
    pikepdf.open(io.BytesIO(stored)).save(uncompressed, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    for trace in (b"/JavaScript", b"/JS", b"/OpenAction", b"/Launch", b"/EmbeddedFile", b"ZQXPDFSCRIPT", b"app.alert"):
        assert trace not in uncompressed.getvalue()
    page = client.get(response.url).content.decode()
    assert "Removed from the PDF before it was stored: an action run when the file opens; JavaScript" in page
    assert "attached files" in page and "launch actions" in page


def test_pdf_with_junk_after_its_end_is_stored_without_it(client, officer, report):
    client.force_login(officer)
    assert _post(client, report, "guidance.pdf", PDF + ELF).status_code == 302
    with Attachment.objects.get().file.open("rb") as f:
        assert b"\x7fELF" not in f.read()


def test_truncated_word_document_is_refused(client, officer, report):
    document = appendix_docx("Multi agency guidance " * 200)
    html = _refused(client, officer, report, "guidance.docx", document[: len(document) * 2 // 3])
    assert "“guidance.docx” is not a complete Word or Excel file: it looks damaged or cut short" in html


def test_word_document_with_broken_xml_is_refused(client, officer, report):
    broken = docx("<w:p><w:r><w:t>Guidance</w:t></w:r>")  # the paragraph is never closed
    html = _refused(client, officer, report, "guidance.docx", broken)
    assert "has a part (word/document.xml) that is not well-formed XML" in html


def test_word_document_declaring_xml_entities_is_refused(client, officer, report):
    laughs = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    buffer = io.BytesIO(docx())
    with zipfile.ZipFile(buffer) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = laughs.encode()
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    html = _refused(client, officer, report, "guidance.docx", rebuilt.getvalue())
    assert "declares a DTD or XML entities" in html


CONTENT_TYPES = deflated(b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         b'officedocument.wordprocessingml.document.main+xml"/></Types>')


def test_zip_bomb_of_two_megabytes_unpacking_to_two_gibibytes_is_refused(client, officer, report):
    raw, crc = deflated_zeros(2 << 30)
    bomb = zip_with_raw_members([("[Content_Types].xml", *CONTENT_TYPES), ("word/document.xml", raw, crc, 2 << 30)])
    assert len(bomb) < 3 << 20
    html = _refused(client, officer, report, "guidance.docx", bomb)
    assert "“guidance.docx” would unpack to 2048 MB; the limit is 256 MB (a “zip bomb” is refused)" in html


def test_zip_bomb_spread_over_many_parts_is_refused(client, officer, report):
    raw, crc = deflated_zeros(8 << 20)
    parts = [("[Content_Types].xml", *CONTENT_TYPES), ("word/document.xml", *deflated(b"<document/>"))]
    parts += [(f"word/media/image{n}.png", raw, crc, 8 << 20) for n in range(40)]
    html = _refused(client, officer, report, "guidance.docx", zip_with_raw_members(parts))
    assert "(a “zip bomb” is refused)" in html


def test_zip_whose_directory_understates_what_a_part_inflates_to_is_refused(client, officer, report, settings):
    settings.QUORUM_OFFICE_MAX_UNPACKED_BYTES = 4 << 20
    raw, crc = deflated_zeros(64 << 20)
    # The directory says 1 MB; the data inflates to 64 MB (zipfile stops at the declared size, so
    # the CRC of what it read does not match and the part is refused as damaged).
    lying = zip_with_raw_members([("[Content_Types].xml", *CONTENT_TYPES), ("word/document.xml", *deflated(b"<document/>")),
                                  ("word/media/image1.png", raw, crc, 1 << 20)])
    html = _refused(client, officer, report, "guidance.docx", lying)
    assert "has a damaged part (word/media/image1.png" in html


def test_old_word_or_password_protected_file_is_refused_with_what_to_do(client, officer, report):
    html = _refused(client, officer, report, "guidance.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "is an old-style (.doc or .xls) or password-protected Office file" in html


def test_appendices_stored_before_uploads_were_parsed_are_cleaned_or_listed_by_recheck(report, capsys):
    from django.core.management import call_command

    from tests.packs.factories import add_appendix
    from tests.office_documents import linked_picture

    scripted = add_appendix(report, "Guidance", with_active_content(PDF, marker="ZQXPDFSCRIPT"))
    linked = add_appendix(report, "Placements", docx(
        linked_picture("rId5"), rels=[("rId5", "image", "file:///srv/quorum/var/media/reports/9/exempt.pdf", "External")]),
        kind="docx")
    clean = add_appendix(report, "Plan", PDF)
    with pytest.raises(SystemExit) as exited:
        call_command("recheck_appendices")
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert f"Appendix {scripted.pk} “Guidance”" in out and "cleaned: an action run when the file opens; JavaScript" in out
    assert f"Appendix {linked.pk} “Placements”" in out and "a picture linked from outside the document" in out
    assert f"Appendix {clean.pk}" not in out
    scripted.refresh_from_db()
    with scripted.file.open("rb") as f:
        stored = f.read()
    assert scripted.sha256 == hashlib.sha256(stored).hexdigest()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root or "/JavaScript" not in pdf.Root.Names
    assert scripted.history.first().history_change_reason.startswith("Cleaned: an action run when the file opens")
