"""Word and Excel appendices are inert: a document that links to a local file or a web address,
pulls text in with a field, or carries macros or OLE objects is refused at upload, naming what
was found; and if one gets past that check, LibreOffice converts it in a box with no network and
no view of other files, so the public pack carries nothing it fetched.
"""
import http.server
import os
import signal
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import office
from core.office import sandbox  # noqa: F401  (office.sandbox, patched below)
from meetings.models import AgendaItem, Attachment, ExemptParagraph, Report
from packs.models import Pack
from packs.services import pack_build

from tests.factories import ReportFactory
from tests.packs.factories import add_appendix, appendix_pdf, page_texts, pack_meeting, pdf_bytes, report_for
from tests.office_documents import (
    PNG, complex_field, docx, linked_picture, nested_field, paragraph, simple_field, xlsx, xlsx_with_linked_picture,
)

EXEMPT_MARKER = "ZQXEXEMPTAPPENDIX"
FILE_MARKER = "ZQXLOCALFILETEXT"


class Listener:
    """A web server on the loopback that records every request (what SSRF would reach)."""

    def __init__(self):
        self.requests = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def local_file(tmp_path_factory):
    """A file on the server that no appendix should be able to show."""
    path = tmp_path_factory.mktemp("private") / "casework.txt"
    path.write_text(f"{FILE_MARKER} a child's name and address\n")
    return path


def hostile_documents(exempt_pdf: str, local_text: str, url: str) -> dict[str, tuple[str, bytes]]:
    """name → (extension, bytes): each way an office document pulls something in."""
    return {
        "linked picture of an exempt appendix": ("docx", docx(
            linked_picture("rId5"), rels=[("rId5", "image", f"file://{exempt_pdf}", "External")])),
        "linked picture from a web address": ("docx", docx(
            linked_picture("rId6"), rels=[("rId6", "image", f"{url}/x.png", "External")])),
        "INCLUDETEXT of a local file": ("docx", docx(complex_field(f' INCLUDETEXT "{local_text}" '))),
        "INCLUDETEXT as a simple field": ("docx", docx(simple_field(f" INCLUDETEXT &quot;{local_text}&quot; "))),
        "INCLUDEPICTURE from a web address": ("docx", docx(
            complex_field(f' INCLUDEPICTURE "{url}/field.png" \\d '))),
        "workbook with a picture of an exempt appendix": ("xlsx", xlsx_with_linked_picture(f"file://{exempt_pdf}")),
        "workbook with a picture from a web address": ("xlsx", xlsx_with_linked_picture(f"{url}/sheet.png")),
    }


# At upload ----------------------------------------------------------------------------------

@pytest.fixture
def report(board, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return ReportFactory(board=board, author=officer)


def _upload(client, report, name, content, title="Looked after children placements"):
    return client.post(reverse("meetings:attachment_add", args=[report.pk]),
                       {"title": title, "file": SimpleUploadedFile(name, content)})


REFUSALS = [
    ("external picture", lambda url, path: docx(
        linked_picture("rId5"), rels=[("rId5", "image", f"file://{path}", "External")]),
     "a picture linked from outside the document (file://"),
    ("external picture from the web", lambda url, path: docx(
        linked_picture("rId5"), rels=[("rId5", "image", f"{url}/x.png", "External")]),
     "a picture linked from outside the document (http://127.0.0.1"),
    ("includetext complex", lambda url, path: docx(complex_field(f' INCLUDETEXT "{path}" ')),
     "an INCLUDETEXT field"),
    ("includetext simple", lambda url, path: docx(simple_field(f" INCLUDETEXT &quot;{path}&quot; ")),
     "an INCLUDETEXT field"),
    ("includepicture complex", lambda url, path: docx(complex_field(f' INCLUDEPICTURE "{url}/y.png" \\d ')),
     "an INCLUDEPICTURE field"),
    ("includepicture simple", lambda url, path: docx(simple_field(f" INCLUDEPICTURE &quot;{url}/y.png&quot; "))
     , "an INCLUDEPICTURE field"),
    ("link field", lambda url, path: docx(complex_field(f' LINK Excel.Sheet.12 "{path}" "Sheet1!R1C1:R4C4" \\a ')),
     "a LINK field"),
    ("dde field", lambda url, path: docx(complex_field(' DDE "c:\\\\windows\\\\system32\\\\cmd.exe" "/c calc" '))
     , "a DDE field"),
    ("ddeauto simple", lambda url, path: docx(simple_field(" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot; "))
     , "a DDEAUTO field"),
    ("field nested in an INCLUDETEXT", lambda url, path: docx(nested_field(' INCLUDETEXT "', " FILENAME \\p ", '" ')),
     "an INCLUDETEXT field"),
    ("INCLUDEPICTURE nested in an IF", lambda url, path: docx(
        nested_field(' IF 1 = 1 "', f' INCLUDEPICTURE "{url}/z.png" ', '" "" ')),
     "an INCLUDEPICTURE field"),
    ("field type hidden in a nested field", lambda url, path: docx(
        nested_field(" ", ' QUOTE "INCLUDEPICTURE" ', f' "{url}/q.png" ', inner_result="INCLUDEPICTURE")),
     "an INCLUDEPICTURE field"),
    ("field type hidden in a nested field with no result", lambda url, path: docx(
        nested_field(" ", ' QUOTE "INCLUDEPICTURE" ', f' "{url}/q.png" ', inner_result="")),
     "a field whose type is made by another field"),
    ("lowercase field split over runs", lambda url, path: docx(complex_field(f' includetext "{path}" ')),
     "an INCLUDETEXT field"),
    ("macros", lambda url, path: docx(extra_parts={"word/vbaProject.bin": b"\xcc" * 64},
                                      rels=[("rId9", "vbaProject", "vbaProject.bin")]),
     "macros"),
    ("macro-enabled content type", lambda url, path: docx(
        main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
     "macros (a macro-enabled document type)"),
    ("embedded OLE object", lambda url, path: docx(
        '<w:p><w:r><w:object><o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" r:id="rId7"/>'
        "</w:object></w:r></w:p>",
        rels=[("rId7", "oleObject", "embeddings/oleObject1.bin")],
        extra_parts={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + bytes(60)}),
     "an embedded OLE object"),
    ("linked OLE object", lambda url, path: docx(
        '<w:p><w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" r:id="rId7">'
        "<o:LinkType>EnhancedMetaFile</o:LinkType></o:OLEObject></w:object></w:r></w:p>",
        rels=[("rId7", "oleObject", f"file://{path}", "External")]),
     "a linked OLE object"),
    ("remote template", lambda url, path: docx(
        extra_parts={"word/settings.xml": '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                     ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                     '<w:attachedTemplate r:id="rId1"/></w:settings>',
                     "word/_rels/settings.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="{url}/t.dotm" TargetMode="External"/></Relationships>'}),
     "an attached template"),
    ("workbook linked picture", lambda url, path: xlsx_with_linked_picture(f"file://{path}"),
     "a picture linked from outside the document"),
    ("workbook DDE formula", lambda url, path: xlsx("<c r=\"A1\"><f>cmd|' /C calc'!A0</f></c>"),
     "a formula that uses DDE"),
    ("workbook web formula", lambda url, path: xlsx(f'<c r="A1" t="str"><f>WEBSERVICE("{url}/q")</f></c>'),
     "a formula that fetches data from outside"),
    ("workbook link to another workbook", lambda url, path: xlsx(
        workbook_rels=[("rId5", "externalLink", "externalLinks/externalLink1.xml")],
        extra_parts={"xl/externalLinks/externalLink1.xml":
                     '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                     '<externalBook r:id="rId1"/></externalLink>',
                     "xl/externalLinks/_rels/externalLink1.xml.rels":
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath"'
                     f' Target="file://{path}" TargetMode="External"/></Relationships>'}),
     "a link to another workbook"),
    ("workbook macros", lambda url, path: xlsx(extra_parts={"xl/vbaProject.bin": b"\xcc" * 64}), "macros"),
]


@pytest.mark.parametrize("make, named", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_office_document_that_pulls_things_in_is_refused_naming_what_was_found(
        client, officer, report, local_file, make, named):
    client.force_login(officer)
    response = _upload(client, report, "placements.docx", make("http://127.0.0.1:9", local_file))
    assert response.status_code == 400
    html = response.content.decode()
    assert "pulls in or runs things from outside the document" in html
    assert named in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert 'value="Looked after children placements"' in html  # what the officer typed is kept
    assert not Attachment.objects.exists()


def test_ordinary_document_with_web_links_and_a_chart_is_accepted(client, officer, report):
    web_link = ('<w:p><w:hyperlink r:id="rId3"><w:r><w:t>Nottingham City Council</w:t></w:r></w:hyperlink>'
                '<w:hyperlink r:id="rId4"><w:r><w:t>the clerk</w:t></w:r></w:hyperlink></w:p>')
    page_field = complex_field(" PAGE \\* MERGEFORMAT ", "1") + complex_field(' HYPERLINK "https://example.org/" ', "x")
    body = paragraph("Placements by quarter") + web_link + page_field
    document = docx(body, rels=[("rId3", "hyperlink", "https://www.nottinghamcity.gov.uk/", "External"),
                                ("rId4", "hyperlink", "mailto:clerk@example.org", "External")])
    client.force_login(officer)
    assert _upload(client, report, "placements.docx", document).status_code == 302
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    import io

    book = Workbook()
    sheet = book.active
    for n in range(1, 11):
        sheet.append([f"Q{n}", n * 3])
    sheet["C1"].hyperlink = "https://www.nottinghamcity.gov.uk/"
    sheet["D1"] = "=SUM(B1:B10)"
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=10))
    sheet.add_chart(chart, "E5")
    buffer = io.BytesIO()
    book.save(buffer)
    assert _upload(client, report, "placements.xlsx", buffer.getvalue(), title="Figures").status_code == 302
    assert sorted(Attachment.objects.values_list("kind", flat=True)) == ["docx", "xlsx"]


# At conversion, with the upload check bypassed ------------------------------------------------

@pytest.fixture
def hostile_meeting(board, listener, local_file):
    """A published agenda: an exempt report with a PDF appendix, and a public report whose
    appendices (written straight to the database, past the upload check) point at that exempt
    appendix, at a local file and at the loopback listener."""
    meeting = pack_meeting(board)
    exempt_item = AgendaItem.objects.create(
        meeting=meeting, position=7, title="Placement contract", paper_status="attached", is_exempt=True,
        exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Commercial terms.")
    exempt_report = report_for(exempt_item, "Placement contract award")
    exempt_appendix = add_appendix(exempt_report, "Prices", appendix_pdf(EXEMPT_MARKER))
    public = Report.objects.get(title="Business in the Community - RISE Update")
    for title, (kind, data) in hostile_documents(exempt_appendix.file.path, str(local_file), listener.url).items():
        add_appendix(public, title, data, kind=kind)
    return meeting


@pytest.fixture(params=["as shipped", "sandbox alone"])
def defences(request, monkeypatch):
    if request.param == "sandbox alone":  # a profile that does nothing: only the box stands in the way
        monkeypatch.setattr(office.sandbox, "PROFILE_SETTINGS",
                            '<?xml version="1.0"?><oor:items xmlns:oor="http://openoffice.org/2001/registry"/>')
    return request.param


def test_public_pack_built_from_hostile_office_appendices_fetches_nothing_and_shows_no_other_file(
        hostile_meeting, listener, defences):
    version = pack_build(meeting_id=hostile_meeting.pk, variant=Pack.Variant.PUBLIC)
    assert version is not None, Pack.objects.get(meeting=hostile_meeting, variant="public").error
    data = pdf_bytes(version)
    whole = "\n".join(page_texts(data))
    assert "RISETEXT" in whole  # the public report and its appendices are there
    assert "Appendix G – workbook with a picture from a web address" in whole
    assert listener.requests == []
    assert EXEMPT_MARKER not in whole and EXEMPT_MARKER.encode() not in data
    assert FILE_MARKER not in whole and FILE_MARKER.encode() not in data


def test_converter_reads_no_file_but_its_own_and_reaches_no_network(settings, listener, local_file, tmp_path):
    """The box itself, without LibreOffice: a shell inside it tries what a hostile document would."""
    media = tmp_path / "media"
    media.mkdir()
    (media / "exempt.pdf").write_text(EXEMPT_MARKER)
    settings.MEDIA_ROOT = media
    code = os.path.join(settings.BASE_DIR, "manage.py")
    port = listener.url.rsplit(":", 1)[1]
    workdir = tmp_path / "box"
    workdir.mkdir()
    script = (
        f"cat {media}/exempt.pdf && echo READ-MEDIA; cat {local_file} && echo READ-LOCAL; "
        f"cat {code} >/dev/null && echo READ-CODE; "
        f"(exec 3<>/dev/tcp/127.0.0.1/{port} && echo 'GET /from-the-box HTTP/1.0' >&3 && echo '' >&3) && echo NETWORK; "
        "touch /usr/escaped 2>/dev/null && echo WROTE-USR; "
        f"echo inside > {workdir}/own-file && cat {workdir}/own-file"
    )
    done = office.run_sandboxed(["/bin/bash", "-c", script], str(workdir), office.Limits(wall_seconds=60))
    out = done.stdout.decode()
    assert "inside" in out  # it ran, and can use its own folder
    for escape in ("READ-MEDIA", "READ-LOCAL", "READ-CODE", "NETWORK", "WROTE-USR", EXEMPT_MARKER, FILE_MARKER):
        assert escape not in out
    assert listener.requests == []
    assert not os.path.exists("/usr/escaped")


def _processes_mentioning(text: str) -> list[tuple[int, str]]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append((int(pid), cmdline))
    return found


def test_conversion_that_runs_too_long_is_killed_with_every_process_it_started(monkeypatch, tmp_path):
    """soffice.bin is frozen mid-conversion; at the wall-clock limit the converter kills the whole
    group (the launcher and soffice.bin), leaving no LibreOffice process behind."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the box's folder, so its processes can be found
    frozen = []

    def freeze_soffice():
        give_up = time.monotonic() + 120
        while time.monotonic() < give_up and not frozen:
            for pid, cmdline in _processes_mentioning(str(tmp_path)):
                if "soffice.bin" in cmdline:
                    os.kill(pid, signal.SIGSTOP)
                    frozen.append(pid)
                    break
            time.sleep(0.02)

    watcher = threading.Thread(target=freeze_soffice)
    watcher.start()
    with pytest.raises(office.ConversionTimedOut, match="took longer than 20 seconds"):
        office.convert_to_pdf(docx(paragraph("Long report")), "docx", limits=office.Limits(wall_seconds=20))
    watcher.join()
    assert frozen, "soffice.bin was never seen running"
    deadline = time.monotonic() + 15  # the kernel reaps the box's processes as its namespace ends
    while _processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(tmp_path)) == []
    assert not _running(frozen[0])


def _running(pid: int) -> bool:
    """Alive, as opposed to gone or a zombie waiting to be reaped by whoever adopted it."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
